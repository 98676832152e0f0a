package cn.ankang.bangfu.population;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.relay.Connection;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.values.Money;
import cn.ankang.bangfu.shared.relay.PageRequest;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the out-of-poverty register and its microcredit, as the signed-in user may see
 * them.
 */
@Service
@Transactional(readOnly = true)
class PopulationService {

	private final PopulationRepository repository;

	private final HouseholdYearRepository years;

	private final MicrocreditRepository microcredit;

	private final Jurisdiction jurisdiction;

	private final Clock clock;

	PopulationService(PopulationRepository repository, HouseholdYearRepository years, MicrocreditRepository microcredit,
			Jurisdiction jurisdiction, Clock clock) {
		this.repository = repository;
		this.years = years;
		this.microcredit = microcredit;
		this.jurisdiction = jurisdiction;
		this.clock = clock;
	}

	/**
	 * A page of registered households, ordered by id.
	 * @throws ApiException {@code INVALID_ARGUMENT} for an income condition without its
	 * year, or an amount below zero; {@code INVALID_ID} for a cadre id that is not one
	 */
	Connection<ExitedHousehold> households(ExitedHouseholdFilter filter, PageRequest page, boolean countTotal) {
		HouseholdFilterValues values = HouseholdFilterValues.of(filter);
		Scope scope = this.jurisdiction.forQueries();
		List<ExitedHousehold> rows = this.repository.households(values, page, scope);
		int total = countTotal ? this.repository.countHouseholds(values, scope) : 0;
		return Connection.of(rows, page,
				(household) -> PageRequest.cursor(PopulationRepository.HOUSEHOLD_LIST, household.key()), total);
	}

	Map<Long, ExitedHousehold> householdsByKeys(Collection<Long> keys) {
		if (keys.isEmpty()) {
			return Map.of();
		}
		return this.repository.householdsByKeys(keys, this.jurisdiction.forQueries())
			.stream()
			.collect(Collectors.toMap(ExitedHousehold::key, Function.identity()));
	}

	Map<Long, List<HouseholdYear>> yearsOf(Collection<Long> householdKeys) {
		return this.years.yearsOf(householdKeys).stream().collect(Collectors.groupingBy(HouseholdYear::householdKey));
	}

	/** The work of each household's year, by household and year. */
	Map<Long, Map<Integer, List<Employment>>> employmentOf(Collection<Long> householdKeys) {
		Map<Long, Map<Integer, List<Employment>>> byHousehold = new HashMap<>();
		for (Employment row : this.years.employmentOf(householdKeys)) {
			byHousehold.computeIfAbsent(row.householdKey(), (key) -> new HashMap<>())
				.computeIfAbsent(row.year(), (year) -> new java.util.ArrayList<>())
				.add(row);
		}
		return byHousehold;
	}

	/**
	 * A page of loans, ordered by id, with their status on the filter's day.
	 * @throws ApiException {@code INVALID_ID} for a household id that is not one
	 */
	Connection<MicrocreditLoan> loans(MicrocreditLoanFilter filter, PageRequest page, boolean countTotal) {
		LoanFilterValues values = new LoanFilterValues(filter,
				(filter.on() != null) ? filter.on() : LocalDate.now(this.clock), (filter.householdId() != null)
						? GlobalId.decodeNumeric(filter.householdId(), ExitedHousehold.TYPE) : null);
		Scope scope = this.jurisdiction.forQueries();
		List<MicrocreditLoan> rows = this.microcredit.loans(values, page, scope);
		int total = countTotal ? this.microcredit.countLoans(values, scope) : 0;
		return Connection.of(rows, page, (loan) -> PageRequest.cursor(MicrocreditRepository.LOAN_LIST, loan.key()),
				total);
	}

	List<MicrocreditLoan> loansByKeys(Collection<Long> keys) {
		return keys.isEmpty() ? List.of()
				: this.microcredit.loansByKeys(keys, LocalDate.now(this.clock), this.jurisdiction.forQueries());
	}

	/**
	 * The loans of each household, as the households were read (in scope), by household.
	 */
	Map<Long, List<MicrocreditLoan>> loansOf(Collection<Long> householdKeys) {
		return this.microcredit.loansOf(householdKeys, LocalDate.now(this.clock))
			.stream()
			.collect(Collectors.groupingBy(MicrocreditLoan::householdKey));
	}

	/**
	 * The conditions of {@code exitedHouseholds}, for a cadre's watch lists (below the
	 * threshold, income fallen, relocated and grown less than the average).
	 *
	 * @param countyCode only this county
	 * @param townCode only this town
	 * @param villageCode only this village
	 * @param relocated only relocated households, or only the others
	 * @param relocationCommunityCode only households moved to this relocation community
	 * @param monitored only households also monitored, or only the others
	 * @param responsibleCadreId only this cadre's households
	 * @param incomeYear the year the income conditions are about
	 * @param incomeBelow per-capita net income below this in the year
	 * @param incomeFell per-capita net income below the year before's
	 * @param grewLessThanAverage per-capita net income grew less than the average
	 */
	record ExitedHouseholdFilter(@Nullable String countyCode, @Nullable String townCode, @Nullable String villageCode,
			@Nullable Boolean relocated, @Nullable String relocationCommunityCode, @Nullable Boolean monitored,
			@Nullable String responsibleCadreId, @Nullable Integer incomeYear, @Nullable BigDecimal incomeBelow,
			@Nullable Boolean incomeFell, @Nullable Boolean grewLessThanAverage) {

		static final ExitedHouseholdFilter NONE = new ExitedHouseholdFilter(null, null, null, null, null, null, null,
				null, null, null, null);

	}

	/**
	 * The conditions of {@code microcreditLoans}.
	 *
	 * @param countyCode only this county
	 * @param townCode only this town
	 * @param villageCode only this village
	 * @param householdId only this household's
	 * @param issuedYear only loans issued in this year
	 * @param status only loans with this status on the day
	 * @param on the day the status is as of, and the loans issued by; today when not
	 * given
	 */
	record MicrocreditLoanFilter(@Nullable String countyCode, @Nullable String townCode, @Nullable String villageCode,
			@Nullable String householdId, @Nullable Integer issuedYear, MicrocreditLoan.@Nullable Status status,
			@Nullable LocalDate on) {

		static final MicrocreditLoanFilter NONE = new MicrocreditLoanFilter(null, null, null, null, null, null, null);

	}

}

/** The households' filter as SQL parameters. */
record HouseholdFilterValues(PopulationService.ExitedHouseholdFilter filter, @Nullable Long cadreKey,
		@Nullable Long incomeBelowFen) {

	static HouseholdFilterValues of(PopulationService.ExitedHouseholdFilter filter) {
		boolean incomeCondition = filter.incomeBelow() != null || Boolean.TRUE.equals(filter.incomeFell())
				|| Boolean.TRUE.equals(filter.grewLessThanAverage());
		if (incomeCondition && filter.incomeYear() == null) {
			throw ApiException.invalidArgument("Give 'incomeYear' with the conditions on income.");
		}
		if (filter.incomeBelow() != null && (filter.incomeBelow().signum() < 0
				|| filter.incomeBelow().compareTo(BigDecimal.valueOf(1_000_000)) > 0
				|| filter.incomeBelow().stripTrailingZeros().scale() > 2)) {
			throw ApiException.invalidArgument("'incomeBelow' must be an amount from 0 to 1,000,000 yuan.");
		}
		Long cadre = (filter.responsibleCadreId() != null)
				? GlobalId.decodeNumeric(filter.responsibleCadreId(), "ResidentCadre") : null;
		return new HouseholdFilterValues(filter, cadre,
				(filter.incomeBelow() != null) ? Money.fen(filter.incomeBelow()) : null);
	}

	Map<String, @Nullable Object> parameters() {
		Map<String, @Nullable Object> values = new HashMap<>();
		values.put("countyCode", this.filter.countyCode());
		values.put("townCode", this.filter.townCode());
		values.put("villageCode", this.filter.villageCode());
		values.put("relocated", this.filter.relocated());
		values.put("communityCode", this.filter.relocationCommunityCode());
		values.put("monitored", this.filter.monitored());
		values.put("cadre", this.cadreKey);
		values.put("incomeYear", this.filter.incomeYear());
		values.put("incomeBelowFen", this.incomeBelowFen);
		values.put("incomeFell", Boolean.TRUE.equals(this.filter.incomeFell()));
		values.put("grewLessThanAverage", Boolean.TRUE.equals(this.filter.grewLessThanAverage()));
		return values;
	}

}

/** The loans' filter as SQL parameters. */
record LoanFilterValues(PopulationService.MicrocreditLoanFilter filter, LocalDate on, @Nullable Long householdKey) {

	Map<String, @Nullable Object> parameters() {
		Map<String, @Nullable Object> values = new HashMap<>();
		values.put("countyCode", this.filter.countyCode());
		values.put("townCode", this.filter.townCode());
		values.put("villageCode", this.filter.villageCode());
		values.put("household", this.householdKey);
		values.put("issuedYear", this.filter.issuedYear());
		values.put("status", (this.filter.status() != null) ? this.filter.status().name() : null);
		values.put("on", this.on);
		return values;
	}

}
