package cn.ankang.bangfu.population;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.history.ClientChanges;
import cn.ankang.bangfu.history.Outcome;
import cn.ankang.bangfu.history.Refusals;
import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.values.ClientId;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.values.IdNumber;
import cn.ankang.bangfu.shared.values.Money;
import cn.ankang.bangfu.shared.values.Text;
import cn.ankang.bangfu.shared.errors.UserError;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the out-of-poverty register (脱贫户台账): registers households, records a year's
 * income and work, issues microcredit and records its repayments. For those responsible
 * for the household's village (its cadres, its town's and county's officers); each change
 * is applied once however often it is sent, and kept in the household's history by the
 * database.
 */
@Service
class PopulationRecords {

	private static final String WHAT = "Keeping the out-of-poverty register";

	/** The first year of the programme's register. */
	private static final int FIRST_YEAR = 2013;

	/** The last year households were lifted out of poverty. */
	private static final int LAST_EXIT_YEAR = 2020;

	/**
	 * A per-capita net income above this (one million yuan) is a slip of the keyboard.
	 */
	private static final BigDecimal MAX_INCOME = BigDecimal.valueOf(1_000_000);

	private static final LocalDate FIRST_LOAN_DAY = LocalDate.of(2014, 1, 1);

	private final PopulationRepository repository;

	private final HouseholdYearRepository years;

	private final MicrocreditRepository microcredit;

	private final Jurisdiction jurisdiction;

	private final ClientChanges changes;

	private final Clock clock;

	PopulationRecords(PopulationRepository repository, HouseholdYearRepository years, MicrocreditRepository microcredit,
			Jurisdiction jurisdiction, ClientChanges changes, Clock clock) {
		this.repository = repository;
		this.years = years;
		this.microcredit = microcredit;
		this.jurisdiction = jurisdiction;
		this.changes = changes;
		this.clock = clock;
	}

	/** Registers a household lifted out of poverty. */
	@Transactional
	Outcome<ExitedHousehold> register(RegisterInput input) {
		requireKeeper();
		return this.changes.once("registerExitedHousehold", input.changeId(), input, () -> {
			Scope scope = this.jurisdiction.current();
			Long village = GlobalId.numericKeyOf(input.villageId(), "Village").orElse(null);
			Boolean responsible = (village != null) ? this.repository.villageResponsible(village, scope) : null;
			if (village == null || responsible == null) {
				return Outcome.refused(null, Refusals.notFound("village", "村", "villageId"));
			}
			if (!responsible) {
				return Outcome.refused(null, Refusals.outOfJurisdiction("village", "村", "villageId"));
			}
			List<UserError> errors = new ArrayList<>();
			people(input.people(), "people").ifPresent(errors::add);
			if (input.exitedYear() < FIRST_YEAR || input.exitedYear() > LAST_EXIT_YEAR) {
				errors.add(Refusals.invalid(
						"Households were lifted out of poverty from %d to %d.".formatted(FIRST_YEAR, LAST_EXIT_YEAR),
						"脱贫年度应在 %d 至 %d 年之间。".formatted(FIRST_YEAR, LAST_EXIT_YEAR), "exitedYear"));
			}
			Long cadre = null;
			if (input.responsibleCadreId() != null) {
				cadre = GlobalId.numericKeyOf(input.responsibleCadreId(), "ResidentCadre")
					.filter(this.repository::cadreExists)
					.orElse(null);
				if (cadre == null) {
					errors.add(Refusals.notFound("cadre", "干部", "responsibleCadreId"));
				}
			}
			Long household = null;
			if (input.householdId() != null) {
				household = GlobalId.numericKeyOf(input.householdId(), "Household").orElse(null);
				Optional<Map<String, Object>> monitored = (household != null)
						? this.repository.monitoredHousehold(household) : Optional.empty();
				if (monitored.isEmpty()) {
					errors.add(Refusals.notFound("monitored household", "监测户", "householdId"));
				}
				else if (((Number) monitored.get().get("village_id")).longValue() != village) {
					errors.add(Refusals.invalid("The monitored household lives in another village.", "该监测户不在此村。",
							"householdId"));
				}
				else if (Boolean.TRUE.equals(monitored.get().get("linked"))) {
					errors.add(Refusals.alreadyExists("A registered household of this monitored household",
							"与该监测户对应的脱贫户", "householdId"));
				}
			}
			if (!input.householdNumber().matches("[0-9A-Za-z-]{1,30}")) {
				errors.add(Refusals.invalid("A household number is 1 to 30 letters, digits and hyphens.",
						"户编号应为 1 至 30 位字母、数字或连字符。", "householdNumber"));
			}
			else if (this.repository.numberOrIdNumberTaken(input.householdNumber(), input.headIdNumber())) {
				errors.add(Refusals.alreadyExists("A registered household with this number or head's ID number",
						"户编号或户主身份证号相同的脱贫户", "householdNumber"));
			}
			if (!errors.isEmpty()) {
				return Outcome.refused(null, errors);
			}
			long key = this.repository.insertHousehold(village, input.householdNumber(), input.headName().strip(),
					input.headIdNumber(), input.people(), input.exitedYear(), input.relocated(), cadre, household);
			return Outcome.done(household(key));
		}, ExitedHousehold::key, this::household);
	}

	/**
	 * Records a household's year: its people, per-capita net income and people in work by
	 * where and how. Recording a year again replaces what was recorded of it.
	 */
	@Transactional
	Outcome<ExitedHousehold> recordYear(RecordYearInput input) {
		requireKeeper();
		return this.changes.once("recordExitedHouseholdYear", input.changeId(), input, () -> {
			HeldHousehold held = held(input.householdId(), input.baseVersion());
			if (held.refusal() != null) {
				return Outcome.refused(held.household(), held.refusal());
			}
			ExitedHousehold household = held.household();
			List<UserError> errors = new ArrayList<>();
			if (input.year() < FIRST_YEAR || input.year() > today().getYear()) {
				errors.add(Refusals.invalid(
						"An income is recorded for a year from %d that has begun.".formatted(FIRST_YEAR),
						"只能录入 %d 年以来已开始年度的收入。".formatted(FIRST_YEAR), "year"));
			}
			people(input.people(), "people").ifPresent(errors::add);
			amount(input.perCapitaNetIncome(), MAX_INCOME, true, "perCapitaNetIncome").ifPresent(errors::add);
			List<EmploymentInput> work = (input.employment() != null) ? input.employment() : List.of();
			Set<String> seen = new HashSet<>();
			int workers = 0;
			for (EmploymentInput row : work) {
				if (!seen.add(row.place() + "/" + row.kind())) {
					errors.add(Refusals.invalid(
							"Each place and way of work is given once: %s %s twice.".formatted(row.place(), row.kind()),
							"每种务工地点和方式只填一次。", "employment"));
				}
				if (row.people() < 1 || row.people() > 30) {
					errors.add(Refusals.invalid("People in work are counted from 1 to 30 a row.", "务工人数应在 1 至 30 之间。",
							"employment"));
				}
				workers += row.people();
			}
			if (workers > input.people()) {
				errors.add(Refusals.invalid(
						"%d people in work, more than the household's %d.".formatted(workers, input.people()),
						"务工人数 %d 超过家庭人口 %d。".formatted(workers, input.people()), "employment"));
			}
			if (!errors.isEmpty()) {
				return Outcome.refused(household, errors);
			}
			this.years.upsertYear(household.key(), household.villageKey(), input.year(), input.people(),
					Money.fen(input.perCapitaNetIncome()), workers);
			this.years.replaceEmployment(household.key(), household.villageKey(), input.year(), work.stream()
				.map((row) -> new Employment(household.key(), input.year(), row.place(), row.kind(), row.people()))
				.toList());
			this.repository.raiseVersion(household.key());
			return Outcome.done(household(household.key()));
		}, ExitedHousehold::key, this::household);
	}

	/** Issues a microcredit loan to a registered household. */
	@Transactional
	Outcome<MicrocreditLoan> issueLoan(IssueLoanInput input) {
		requireKeeper();
		return this.changes.once("issueMicrocreditLoan", input.changeId(), input, () -> {
			HeldHousehold held = held(input.householdId(), null);
			if (held.refusal() != null) {
				return Outcome.refused(null, held.refusal());
			}
			ExitedHousehold household = held.household();
			List<UserError> errors = new ArrayList<>();
			amount(input.amount(), Money.yuan(MicrocreditLoan.MAX_AMOUNT_FEN), false, "amount").ifPresent(errors::add);
			if (input.termMonths() < 1 || input.termMonths() > MicrocreditLoan.MAX_TERM_MONTHS) {
				errors.add(Refusals.invalid(
						"A term of %d months: microcredit runs 1 to 36 months.".formatted(input.termMonths()),
						"贷款期限 %d 个月：小额信贷期限为 1 至 36 个月。".formatted(input.termMonths()), "termMonths"));
			}
			Refusals.day(input.issuedOn(), today(), FIRST_LOAN_DAY, "issuedOn").ifPresent(errors::add);
			if (!errors.isEmpty()) {
				return Outcome.refused(null, errors);
			}
			long key = this.microcredit.insertLoan(household.key(), household.villageKey(), Money.fen(input.amount()),
					input.termMonths(), input.issuedOn(), input.issuedOn().plusMonths(input.termMonths()));
			return Outcome.done(loan(key));
		}, MicrocreditLoan::key, this::loan);
	}

	/** Records a repayment of a loan, at most what is still owed. */
	@Transactional
	Outcome<MicrocreditLoan> recordRepayment(RecordRepaymentInput input) {
		requireKeeper();
		return this.changes.once("recordMicrocreditRepayment", input.changeId(), input, () -> {
			Scope scope = this.jurisdiction.current();
			MicrocreditLoan loan = GlobalId.numericKeyOf(input.loanId(), MicrocreditLoan.TYPE)
				.flatMap((key) -> this.microcredit.lockLoan(key, today(), scope))
				.orElse(null);
			if (loan == null) {
				return Outcome.refused(null, Refusals.notFound("loan", "贷款", "loanId"));
			}
			if (!Boolean.TRUE.equals(this.repository.villageResponsible(loan.villageKey(), scope))) {
				return Outcome.refused(loan, Refusals.outOfJurisdiction("loan", "贷款", "loanId"));
			}
			if (loan.version() != input.baseVersion()) {
				return Outcome.refused(loan, Refusals.stale(input.baseVersion(), loan.version()));
			}
			List<UserError> errors = new ArrayList<>();
			amount(input.amount(), Money.yuan(MicrocreditLoan.MAX_AMOUNT_FEN), false, "amount").ifPresent(errors::add);
			if (errors.isEmpty() && Money.fen(input.amount()) > loan.owedFen()) {
				errors.add(Refusals.invalid(
						"%s yuan is more than the %s yuan still owed.".formatted(input.amount().toPlainString(),
								loan.owed().toPlainString()),
						"还款 %s 元超过尚欠的 %s 元。".formatted(input.amount().toPlainString(), loan.owed().toPlainString()),
						"amount"));
			}
			Refusals.day(input.repaidOn(), today(), loan.issuedOn(), "repaidOn").ifPresent(errors::add);
			if (!errors.isEmpty()) {
				return Outcome.refused(loan, errors);
			}
			this.microcredit.insertRepayment(loan, Money.fen(input.amount()), input.repaidOn());
			return Outcome.done(loan(loan.key()));
		}, MicrocreditLoan::key, this::loan);
	}

	private static void requireKeeper() {
		Auth.requireAny(WHAT, Role.COUNTY_OFFICER, Role.TOWN_OFFICER, Role.FIRST_SECRETARY, Role.TEAM_MEMBER);
	}

	private HeldHousehold held(String householdId, @Nullable Integer baseVersion) {
		return HeldHousehold.lock(this.repository, this.jurisdiction.current(), householdId, baseVersion);
	}

	private static Optional<UserError> people(int people, String field) {
		return (people < 1 || people > 30)
				? Optional.of(Refusals.invalid("A household has 1 to 30 people, not %d.".formatted(people),
						"家庭人口应在 1 至 30 人之间，而不是 %d。".formatted(people), field))
				: Optional.empty();
	}

	/**
	 * A refusal of an amount below zero (or zero, unless allowed), above the most, or
	 * finer than the fen.
	 */
	static Optional<UserError> amount(BigDecimal amount, BigDecimal most, boolean zero, String field) {
		if (amount.signum() < 0 || (!zero && amount.signum() == 0)) {
			return Optional
				.of(Refusals.invalid("%s yuan: an amount must be above zero.".formatted(amount.toPlainString()),
						"金额 %s 元：金额必须大于零。".formatted(amount.toPlainString()), field));
		}
		if (amount.compareTo(most) > 0) {
			return Optional.of(Refusals.invalid(
					"%s yuan is more than the most, %s yuan.".formatted(amount.toPlainString(), most.toPlainString()),
					"金额 %s 元超过上限 %s 元。".formatted(amount.toPlainString(), most.toPlainString()), field));
		}
		if (amount.stripTrailingZeros().scale() > 2) {
			return Optional.of(Refusals.invalid("%s yuan is finer than the fen.".formatted(amount.toPlainString()),
					"金额 %s 元：最多精确到分。".formatted(amount.toPlainString()), field));
		}
		return Optional.empty();
	}

	private @Nullable ExitedHousehold household(long key) {
		List<ExitedHousehold> found = this.repository.householdsByKeys(List.of(key), this.jurisdiction.current());
		return found.isEmpty() ? null : found.get(0);
	}

	private @Nullable MicrocreditLoan loan(long key) {
		List<MicrocreditLoan> found = this.microcredit.loansByKeys(List.of(key), today(), this.jurisdiction.current());
		return found.isEmpty() ? null : found.get(0);
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

	record RegisterInput(@ClientId String changeId, String villageId, @Text(min = 1, max = 30) String householdNumber,
			@Text(min = 1, max = 50) String headName, @IdNumber String headIdNumber, int people, int exitedYear,
			boolean relocated, @Nullable String responsibleCadreId, @Nullable String householdId) {
	}

	record RecordYearInput(@ClientId String changeId, String householdId, int baseVersion, int year, int people,
			BigDecimal perCapitaNetIncome, @Valid @Size(max = 15) @Nullable List<EmploymentInput> employment) {
	}

	record EmploymentInput(Employment.Place place, Employment.Kind kind, int people) {
	}

	record IssueLoanInput(@ClientId String changeId, String householdId, BigDecimal amount, int termMonths,
			LocalDate issuedOn) {
	}

	record RecordRepaymentInput(@ClientId String changeId, String loanId, int baseVersion, BigDecimal amount,
			LocalDate repaidOn) {
	}

}
