package cn.ankang.bangfu.monitoring;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.errors.UserError;

/**
 * What the programme's policy refuses for a step of a monitoring case, from facts the
 * caller has read: a day before the case's last step; evidence from another household; a
 * public notice (公示) too short or not over when the review is recorded; and, for a
 * proposal to eliminate the risk, the six-month rule (income stable for
 * {@code stableIncomeMonths}) and a recorded per-capita income at or above the year's
 * monitoring line. Plain: no database, no clock, so each rule is tested on its own
 * ({@code CaseStepPolicyTests}).
 */
final class CaseStepPolicy {

	private final MonitoringProperties properties;

	CaseStepPolicy(MonitoringProperties properties) {
		this.properties = properties;
	}

	/**
	 * The refusals of a step, all of them at once, none when it may be taken.
	 */
	List<UserError> refusals(Step step) {
		List<UserError> errors = new ArrayList<>();
		if (step.on().isBefore(step.lastStepOn())) {
			errors.add(UserError.of("INVALID_INPUT", "A step cannot come before the case's last step.", "input",
					"occurredOn"));
		}
		if (!step.visitsOfOtherHouseholds().isEmpty()) {
			errors.add(UserError.of("INVALID_INPUT", "Each visit named must be one made to this household: %s is not."
				.formatted(step.visitsOfOtherHouseholds().get(0)), "input", "visitIds"));
		}
		if (step.action() == CaseAction.REVIEW) {
			notice(step, errors);
		}
		if (step.action() == CaseAction.PROPOSE_ELIMINATION) {
			elimination(step, errors);
		}
		return errors;
	}

	private void notice(Step step, List<UserError> errors) {
		LocalDate from = step.noticeFrom();
		LocalDate to = step.noticeTo();
		// the input requires both for a review; without them there is nothing to measure
		if (from == null || to == null) {
			return;
		}
		long days = to.toEpochDay() - from.toEpochDay() + 1;
		if (days < this.properties.noticeDays() || to.isAfter(step.on())) {
			errors.add(UserError.of("NOTICE_TOO_SHORT",
					"A public notice runs at least %d days and is over before the review is recorded: this one ran %d days to %s."
						.formatted(this.properties.noticeDays(), days, to),
					"input", "noticeTo"));
		}
	}

	private void elimination(Step step, List<UserError> errors) {
		CaseStepRepository.Stability stability = step.stability();
		if (stability == null) {
			throw new IllegalArgumentException("A proposal to eliminate the risk is judged on the income's stability");
		}
		int months = this.properties.stableIncomeMonths();
		if (stability.stableSince().isAfter(step.on().minusMonths(months))) {
			errors
				.add(UserError.of("INCOME_NOT_STABLE",
						"The income has been stable only since %s: elimination can be proposed from %s."
							.formatted(stability.stableSince(), stability.stableSince().plusMonths(months)),
						"input", "action"));
		}
		if (stability.incomeYear() == null || stability.incomeFen() == null) {
			errors.add(UserError.of("INCOME_NOT_RECORDED",
					"No per-capita income is recorded for %d or %d: record it with updateHousehold first."
						.formatted(step.on().getYear() - 1, step.on().getYear()),
					"input", "action"));
			return;
		}
		int year = stability.incomeYear();
		BigDecimal income = BigDecimal.valueOf(stability.incomeFen()).movePointLeft(2);
		Optional<BigDecimal> line = this.properties.incomeLine(year);
		if (line.isEmpty()) {
			errors.add(UserError.of("INCOME_BELOW_LINE",
					"No monitoring line is set for %d (bangfu.monitoring.income-lines), so no income is above it."
						.formatted(year),
					"input", "action"));
		}
		else if (income.compareTo(line.get()) < 0) {
			errors.add(
					UserError.of("INCOME_BELOW_LINE",
							"The per-capita income of %d, %s yuan, is below that year's monitoring line of %s yuan."
								.formatted(year, income.toPlainString(), line.get().toPlainString()),
							"input", "action"));
		}
	}

	/**
	 * A step as the policy judges it.
	 *
	 * @param action what the step does
	 * @param on the day it happened
	 * @param lastStepOn the day of the case's last step
	 * @param visitsOfOtherHouseholds the visits named as evidence that were not made to
	 * the case's household
	 * @param noticeFrom the first day of the public notice (a review)
	 * @param noticeTo the last day of the public notice (a review)
	 * @param stability the household's income as the six-month rule reads it (a proposal
	 * to eliminate the risk; else not read)
	 */
	record Step(CaseAction action, LocalDate on, LocalDate lastStepOn, List<UUID> visitsOfOtherHouseholds,
			@Nullable LocalDate noticeFrom, @Nullable LocalDate noticeTo,
			CaseStepRepository.@Nullable Stability stability) {
	}

}
