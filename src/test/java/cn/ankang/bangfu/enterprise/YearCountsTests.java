package cn.ankang.bangfu.enterprise;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule on a body's yearly counts, as a plain rule.
 */
class YearCountsTests {

	@Test
	void countsThatHoldTogetherPass() {
		assertThat(new YearCounts(40, 130, 2, 25, 10, 2).problems()).isEmpty();
		assertThat(new YearCounts(0, 0, 0, 0, 0, 0).problems()).isEmpty();
		// ten to a household is the most, and still passes
		assertThat(new YearCounts(3, 30, 1, 5, 5, 5).problems()).isEmpty();
	}

	@Test
	void eachCountThatCannotBeIsNamed() {
		assertThat(new YearCounts(10, 9, 1, 5, 1, 0).problems())
			.containsExactly(YearCounts.Problem.PEOPLE_BELOW_HOUSEHOLDS);
		assertThat(new YearCounts(3, 31, 1, 5, 1, 0).problems()).containsExactly(YearCounts.Problem.PEOPLE_IMPLAUSIBLE);
		assertThat(new YearCounts(0, 5, 1, 5, 1, 0).problems()).containsExactly(YearCounts.Problem.PEOPLE_IMPLAUSIBLE);
		assertThat(new YearCounts(3, 9, 0, 5, 6, 6).problems()).containsExactly(YearCounts.Problem.MODES_REQUIRED,
				YearCounts.Problem.OUT_OF_POVERTY_ABOVE_WORKERS, YearCounts.Problem.MONITORED_ABOVE_WORKERS);
		assertThat(YearCounts.Problem.MONITORED_ABOVE_WORKERS.field).isEqualTo("workersFromMonitoredHouseholds");
	}

}
