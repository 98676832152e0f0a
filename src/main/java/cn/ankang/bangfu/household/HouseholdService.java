package cn.ankang.bangfu.household;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.relay.ChildPages;
import cn.ankang.bangfu.shared.relay.Connection;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.relay.PageRequest;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads monitored households and what hangs off them.
 */
@Service
@Transactional(readOnly = true)
public class HouseholdService {

	private final HouseholdRepository repository;

	private final MemberRepository members;

	private final IncomeRepository incomes;

	private final MeasureRepository measures;

	private final Jurisdiction jurisdiction;

	HouseholdService(HouseholdRepository repository, MemberRepository members, IncomeRepository incomes,
			MeasureRepository measures, Jurisdiction jurisdiction) {
		this.repository = repository;
		this.members = members;
		this.incomes = incomes;
		this.measures = measures;
		this.jurisdiction = jurisdiction;
	}

	/**
	 * A page of households, ordered by id.
	 * @throws cn.ankang.bangfu.shared.errors.ApiException {@code INVALID_ID} when the
	 * cadre id is not a cadre's
	 */
	Connection<Household> households(HouseholdFilter filter, PageRequest page, boolean countTotal) {
		if (filter.notVisitedInDays() != null && (filter.notVisitedInDays() < 1 || filter.notVisitedInDays() > 366)) {
			throw ApiException.invalidArgument(
					"'notVisitedInDays' must be between 1 and 366, but was %d.".formatted(filter.notVisitedInDays()));
		}
		Long cadreKey = (filter.responsibleCadreId() != null)
				? GlobalId.decodeNumeric(filter.responsibleCadreId(), "ResidentCadre") : null;
		Scope scope = this.jurisdiction.forQueries();
		Scope own = this.jurisdiction.current();
		if (filter.riskType() != null && filter.riskType().isHealthRelated()
				&& (own.all() || !own.cityKeys().isEmpty())) {
			// a list filtered by illness would tell who is ill: only those responsible
			// may ask for it
			throw ApiException
				.forbidden("Only those responsible for households may list them by a health-related risk.");
		}
		List<Household> rows = this.repository.households(filter, cadreKey, page, scope);
		int total = countTotal ? this.repository.countHouseholds(filter, cadreKey, scope) : 0;
		return Connection.of(rows, page, HouseholdService::cursor, total);
	}

	/** The households with these keys that the signed-in user may see, by key. */
	public Map<Long, Household> householdsByKeys(Collection<Long> keys) {
		if (keys.isEmpty()) {
			return Map.of();
		}
		return this.repository.householdsByKeys(keys, this.jurisdiction.forQueries())
			.stream()
			.collect(Collectors.toMap(Household::key, Function.identity()));
	}

	/** A page of each village's households, in one statement (two with counts). */
	Map<Long, Connection<Household>> householdsOfVillages(List<Long> villageKeys, VillageHouseholds arguments) {
		Scope scope = this.jurisdiction.forQueries();
		PageRequest page = arguments.request().page();
		List<ChildPages.Row<Household>> rows = this.repository.householdsOfVillages(villageKeys, arguments.status(),
				page, scope);
		Map<Long, Integer> totals = arguments.request().countTotal()
				? this.repository.countHouseholdsOfVillages(villageKeys, arguments.status(), scope) : Map.of();
		return ChildPages.collect(villageKeys, rows, totals, page, HouseholdService::cursor);
	}

	Map<Long, List<HouseholdMember>> membersOf(Collection<Long> householdKeys, boolean present) {
		return this.members.membersOf(householdKeys, present)
			.stream()
			.collect(Collectors.groupingBy(HouseholdMember::householdKey));
	}

	Map<Long, List<AnnualIncome>> incomesOf(Collection<Long> householdKeys) {
		return this.incomes.incomesOf(householdKeys)
			.stream()
			.collect(Collectors.groupingBy(AnnualIncome::householdKey));
	}

	Map<Long, List<AssistanceMeasure>> measuresOf(Collection<Long> householdKeys) {
		return this.measures.measuresOf(householdKeys, this.jurisdiction.forQueries())
			.stream()
			.collect(Collectors.groupingBy(AssistanceMeasure::householdKey));
	}

	/** The measures with these keys that the signed-in user may see, by key. */
	public Map<Long, AssistanceMeasure> measuresByKeys(Collection<Long> keys) {
		if (keys.isEmpty()) {
			return Map.of();
		}
		return this.measures.measuresByKeys(keys, this.jurisdiction.forQueries())
			.stream()
			.collect(Collectors.toMap(AssistanceMeasure::key, Function.identity()));
	}

	private static String cursor(Household household) {
		return PageRequest.cursor(HouseholdRepository.HOUSEHOLD_LIST, household.key());
	}

	/**
	 * The arguments of {@code Village.households}.
	 *
	 * @param request the page, and whether to count
	 * @param status only households in this status
	 */
	record VillageHouseholds(ChildPages.Request request, Household.@Nullable Status status) {
	}

}
