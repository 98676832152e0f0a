package cn.ankang.bangfu.monitoring;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.shared.errors.UserError;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policy of a case's steps, rule by rule, without a database: the lines of 2023 and
 * 2024 (7,200 and 7,500 yuan), notices of at least five days, income stable for six
 * months.
 */
class CaseStepPolicyTests {

	private static final LocalDate ON = LocalDate.of(2024, 9, 1);

	private final CaseStepPolicy policy = new CaseStepPolicy(new MonitoringProperties(
			Map.of(2023, new BigDecimal("7200"), 2024, new BigDecimal("7500")), 6, 5, 7, 15, 10, 5, 14));

	@Test
	void aStepOnOrAfterTheLastWithItsOwnHouseholdsVisitsPasses() {
		assertThat(this.policy.refusals(step(CaseAction.VERIFY, ON))).isEmpty();
		assertThat(
				this.policy.refusals(new CaseStepPolicy.Step(CaseAction.VERIFY, ON, ON, List.of(), null, null, null)))
			.isEmpty();
	}

	@Test
	void aStepBeforeTheCasesLastStepIsRefused() {
		assertThat(codes(new CaseStepPolicy.Step(CaseAction.VERIFY, ON, ON.plusDays(1), List.of(), null, null, null)))
			.containsExactly("INVALID_INPUT");
	}

	@Test
	void evidenceFromAnotherHouseholdIsRefusedNamingTheVisit() {
		UUID other = UUID.fromString("a0000000-0000-4000-8000-000000000009");
		List<UserError> refused = this.policy.refusals(
				new CaseStepPolicy.Step(CaseAction.VERIFY, ON, ON.minusDays(3), List.of(other), null, null, null));
		assertThat(refused).singleElement().satisfies((error) -> {
			assertThat(error.field()).containsExactly("input", "visitIds");
			assertThat(error.message()).contains(other.toString());
		});
	}

	@Test
	void aPublicNoticeRunsFiveDaysAndIsOverBeforeTheReview() {
		assertThat(codes(review(ON.minusDays(5), ON.minusDays(1)))).isEmpty();
		// four days
		assertThat(codes(review(ON.minusDays(4), ON.minusDays(1)))).containsExactly("NOTICE_TOO_SHORT");
		// five days, but still running on the day of the review's record
		assertThat(codes(review(ON.minusDays(3), ON.plusDays(1)))).containsExactly("NOTICE_TOO_SHORT");
		// ending the day of the review is over
		assertThat(codes(review(ON.minusDays(4), ON))).isEmpty();
	}

	@Test
	void theSixMonthRuleCountsFromTheDayTheIncomeBecameStable() {
		assertThat(codes(propose(ON.minusMonths(6), 2024, 800_000L))).isEmpty();
		List<UserError> early = this.policy.refusals(propose(ON.minusMonths(6).plusDays(1), 2024, 800_000L));
		assertThat(early).singleElement().satisfies((error) -> {
			assertThat(error.code()).isEqualTo("INCOME_NOT_STABLE");
			// the day from which it can be proposed
			assertThat(error.message()).contains("2024-09-02");
		});
	}

	@Test
	void eliminationNeedsARecordedIncomeAtOrAboveTheYearsLine() {
		assertThat(codes(propose(ON.minusYears(1), 2024, 750_000L))).isEmpty();
		assertThat(codes(propose(ON.minusYears(1), 2024, 749_999L))).containsExactly("INCOME_BELOW_LINE");
		// a year without its own line takes the latest line set before it
		assertThat(codes(propose(ON.minusYears(1), 2025, 750_000L))).isEmpty();
		// no line at all before the year
		assertThat(codes(propose(ON.minusYears(1), 2022, 900_000L))).containsExactly("INCOME_BELOW_LINE");
		assertThat(codes(propose(ON.minusYears(1), null, null))).containsExactly("INCOME_NOT_RECORDED");
	}

	@Test
	void everyRefusalIsReportedAtOnce() {
		CaseStepPolicy.Step step = new CaseStepPolicy.Step(CaseAction.PROPOSE_ELIMINATION, ON, ON.plusDays(1),
				List.of(UUID.randomUUID()), null, null,
				new CaseStepRepository.Stability(ON.minusMonths(1), null, null));
		assertThat(codes(step)).containsExactly("INVALID_INPUT", "INVALID_INPUT", "INCOME_NOT_STABLE",
				"INCOME_NOT_RECORDED");
	}

	private List<String> codes(CaseStepPolicy.Step step) {
		return this.policy.refusals(step).stream().map(UserError::code).toList();
	}

	private static CaseStepPolicy.Step step(CaseAction action, LocalDate on) {
		return new CaseStepPolicy.Step(action, on, on.minusDays(10), List.of(), null, null, null);
	}

	private static CaseStepPolicy.Step review(LocalDate from, LocalDate to) {
		return new CaseStepPolicy.Step(CaseAction.REVIEW, ON, ON.minusDays(10), List.of(), from, to, null);
	}

	private static CaseStepPolicy.Step propose(LocalDate stableSince, Integer year, Long fen) {
		return new CaseStepPolicy.Step(CaseAction.PROPOSE_ELIMINATION, ON, ON.minusDays(10), List.of(), null, null,
				new CaseStepRepository.Stability(stableSince, year, fen));
	}

}
