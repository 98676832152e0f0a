package cn.ankang.bangfu.visit;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.ApiException;
import cn.ankang.bangfu.shared.UserError;
import cn.ankang.bangfu.visit.VisitWriting.LogVisitInput;
import cn.ankang.bangfu.visit.VisitWriting.Outcome;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

/**
 * Stores a phone's queue of visits, each in its own transaction: one bad visit is
 * answered on its own and never undoes the others, and every visit answered as stored is
 * committed. A failure of the service itself (the database gone) fails the whole request
 * instead, so that the phone keeps its queue and retries; what was stored before then
 * comes back as duplicates.
 */
@Service
class VisitSyncService {

	/** The most visits one request may carry. */
	static final int MAX_BATCH = 250;

	private final VisitWriter writer;

	VisitSyncService(VisitWriter writer) {
		this.writer = writer;
	}

	/** Stores one visit. */
	Outcome log(LogVisitInput input) {
		VisitWriter.cadre();
		return writeOne(input, null);
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
	 * @throws ApiException {@code INVALID_ARGUMENT} for more than {@value #MAX_BATCH}
	 * visits
	 */
	List<Outcome> sync(List<LogVisitInput> visits, java.time.@Nullable OffsetDateTime deviceTime) {
		VisitWriter.cadre();
		if (visits.size() > MAX_BATCH) {
			throw ApiException.invalidArgument("A sync may carry at most %d visits, but carried %d: send the rest next."
				.formatted(MAX_BATCH, visits.size()));
		}
		List<Outcome> outcomes = new ArrayList<>(visits.size());
		for (LogVisitInput visit : visits) {
			outcomes.add(writeOne(visit, deviceTime));
		}
		return outcomes;
	}

	private Outcome writeOne(LogVisitInput input, java.time.@Nullable OffsetDateTime deviceTime) {
		try {
			return this.writer.write(input, deviceTime);
		}
		catch (DataIntegrityViolationException ex) {
			// the database refused a value the checks above let through: the visit is
			// wrong, not the service
			return Outcome.rejected(input.uuid(),
					UserError.of("INVALID_INPUT", "The visit holds a value the records cannot take.", "input"));
		}
	}

}
