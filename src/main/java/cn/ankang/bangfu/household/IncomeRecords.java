package cn.ankang.bangfu.household;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import cn.ankang.bangfu.history.ClientChanges;
import cn.ankang.bangfu.history.Outcome;
import cn.ankang.bangfu.history.Refusals;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.shared.values.Amount;
import cn.ankang.bangfu.shared.values.ClientId;
import cn.ankang.bangfu.shared.values.Money;
import cn.ankang.bangfu.shared.errors.UserError;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps a monitored household's incomes: a year's net income by source, with the
 * per-capita figure computed from the members present. Who may, and the household's
 * version, as {@link RecordKeeping} says.
 */
@Service
class IncomeRecords {

	private final HouseholdRepository households;

	private final MemberRepository members;

	private final IncomeRepository incomes;

	private final RecordKeeping keeping;

	private final ClientChanges changes;

	IncomeRecords(HouseholdRepository households, MemberRepository members, IncomeRepository incomes,
			RecordKeeping keeping, ClientChanges changes) {
		this.households = households;
		this.members = members;
		this.incomes = incomes;
		this.keeping = keeping;
		this.changes = changes;
	}

	/**
	 * Records a year's net income by source; the per-capita income is their sum over the
	 * members present. Replaces what was recorded for the year.
	 */
	@Transactional
	Outcome<Household> recordIncome(IncomeInput input) {
		CurrentUser user = RecordKeeping.requireKeeper();
		List<UserError> future = (input.year() > this.keeping.today().getYear())
				? List.of(Refusals.invalid("An income is recorded for a year that has begun.", "只能录入已开始年度的收入。", "year"))
				: List.of();
		return this.changes.once("recordHouseholdIncome", input.changeId(), input, future, () -> {
			Household household = this.keeping.responsibleFor(input.householdId());
			if (household == null) {
				return Outcome.refused(null, Refusals.notFound("household", "农户", "householdId"));
			}
			if (household.version() != input.baseVersion()) {
				return Outcome.refused(household, Refusals.stale(input.baseVersion(), household.version()));
			}
			int people = this.members.presentMembers(household.key());
			if (people == 0) {
				return Outcome.refused(household,
						Refusals.invalid(
								"The household has no member present to share the income: record its members first.",
								"该户没有在册成员，无法计算人均收入：请先录入家庭成员。", "householdId"));
			}
			this.incomes.upsertIncome(household.key(), input.year(), Money.fen(input.wages()),
					Money.fen(input.business()), Money.fen(input.transfers()), Money.fen(input.property()), people);
			this.households.raiseVersion(household.key(), null);
			return Outcome.done(this.keeping.household(household.key()));
		}, Household::key, this.keeping::household);
	}

	record IncomeInput(@ClientId String changeId, String householdId, int baseVersion, @Min(2000) @Max(2100) int year,
			@Amount(max = 100_000_000, zero = true) BigDecimal wages,
			@Amount(max = 100_000_000, zero = true) BigDecimal business,
			@Amount(max = 100_000_000, zero = true) BigDecimal transfers,
			@Amount(max = 100_000_000, zero = true) BigDecimal property) {
	}

}
