package cn.ankang.bangfu.visit;

import java.util.List;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.errors.UserError;
import cn.ankang.bangfu.visit.VisitWriting.LogVisitInput;
import cn.ankang.bangfu.visit.VisitWriting.Outcome;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

/**
 * Stores a phone's queue of visits in one transaction, each visit behind its own
 * savepoint: one bad visit is answered on its own and never undoes the others, and the
 * answers come only once the whole queue is committed. A failure of the service itself
 * (the database gone, the process killed) fails the whole request instead and stores none
 * of it, so that the phone keeps its queue and sends it again.
 */
@Service
class VisitSyncService {

	/** The most visits one request may carry. */
	static final int MAX_BATCH = 250;

	private final VisitWriter writer;

	VisitSyncService(VisitWriter writer) {
		this.writer = writer;
	}

	/**
	 * Stores one visit.
	 * @param withVisit whether the answer carries the stored visit
	 */
	Outcome log(LogVisitInput input, boolean withVisit) {
		VisitWriter.cadre();
		return this.writer.writeAll(List.of(input), null, withVisit).get(0);
	}

	/** Stores a correction of a visit. */
	VisitWriting.Outcome amend(VisitWriting.AmendVisitInput input) {
		VisitWriter.cadre();
		try {
			return this.writer.amend(input);
		}
		catch (DataIntegrityViolationException ex) {
			return Outcome.rejected(input.visit().uuid(),
					UserError.of("INVALID_INPUT", "The correction holds a value the records cannot take.", "input"));
		}
	}

	/**
	 * Stores a queue of visits, answering each in order.
	 * @param withVisits whether the answers carry the stored visits
	 * @throws ApiException {@code INVALID_ARGUMENT} for more than {@value #MAX_BATCH}
	 * visits
	 */
	List<Outcome> sync(List<LogVisitInput> visits, java.time.@Nullable OffsetDateTime deviceTime, boolean withVisits) {
		VisitWriter.cadre();
		if (visits.size() > MAX_BATCH) {
			throw ApiException.invalidArgument("A sync may carry at most %d visits, but carried %d: send the rest next."
				.formatted(MAX_BATCH, visits.size()));
		}
		return visits.isEmpty() ? List.of() : this.writer.writeAll(visits, deviceTime, withVisits);
	}

}
