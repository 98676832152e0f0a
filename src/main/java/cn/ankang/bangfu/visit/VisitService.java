package cn.ankang.bangfu.visit;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import cn.ankang.bangfu.cadre.ResidentCadre;
import cn.ankang.bangfu.household.Household;
import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.relay.ChildPages;
import cn.ankang.bangfu.shared.relay.Connection;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.relay.PageRequest;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads visits.
 */
@Service
@Transactional(readOnly = true)
class VisitService {

	private final VisitRepository repository;

	private final Jurisdiction jurisdiction;

	VisitService(VisitRepository repository, Jurisdiction jurisdiction) {
		this.repository = repository;
		this.jurisdiction = jurisdiction;
	}

	/**
	 * A page of visits, newest first.
	 * @throws cn.ankang.bangfu.shared.errors.ApiException {@code INVALID_ID} when a cadre
	 * or household id is wrong
	 */
	Connection<Visit> visits(VisitFilter filter, PageRequest page, boolean countTotal) {
		Long cadreKey = (filter.cadreId() != null) ? GlobalId.decodeNumeric(filter.cadreId(), ResidentCadre.TYPE)
				: null;
		Long householdKey = (filter.householdId() != null)
				? GlobalId.decodeNumeric(filter.householdId(), Household.TYPE) : null;
		Scope scope = this.jurisdiction.forQueries();
		List<Visit> rows = this.repository.visits(filter, cadreKey, householdKey, page, scope);
		int total = countTotal ? this.repository.countVisits(filter, cadreKey, householdKey, scope) : 0;
		return Connection.of(rows, page, VisitRepository::cursor, total);
	}

	Map<UUID, Visit> visitsByKeys(Collection<UUID> keys) {
		return this.repository.visitsByKeys(keys, this.jurisdiction.forQueries())
			.stream()
			.collect(Collectors.toMap(Visit::key, Function.identity()));
	}

	/** Every version of each visit chain, by the first version's id. */
	Map<UUID, List<Visit>> versionsOf(Collection<UUID> chains) {
		return this.repository.versionsOf(chains, this.jurisdiction.forQueries())
			.stream()
			.collect(Collectors.groupingBy(Visit::chainKey));
	}

	/**
	 * A page of each household's visits, newest first, in one statement (two with
	 * counts).
	 */
	Map<Long, Connection<Visit>> visitsOfHouseholds(List<Long> householdKeys, ChildPages.Request request) {
		return visitsOf("household_id", householdKeys, request);
	}

	/**
	 * A page of each cadre's visits, newest first, in one statement (two with counts).
	 */
	Map<Long, Connection<Visit>> visitsOfCadres(List<Long> cadreKeys, ChildPages.Request request) {
		return visitsOf("cadre_id", cadreKeys, request);
	}

	private Map<Long, Connection<Visit>> visitsOf(String parentColumn, List<Long> parentKeys,
			ChildPages.Request request) {
		Scope scope = this.jurisdiction.forQueries();
		List<ChildPages.Row<Visit>> rows = this.repository.visitsOf(parentColumn, parentKeys, request.page(), scope);
		Map<Long, Integer> totals = request.countTotal()
				? this.repository.countVisitsOf(parentColumn, parentKeys, scope) : Map.of();
		return ChildPages.collect(parentKeys, rows, totals, request.page(), VisitRepository::cursor);
	}

}
