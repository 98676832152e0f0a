package cn.ankang.bangfu.enterprise;

import java.util.ArrayList;
import java.util.List;

/**
 * The rule of a body's year (年度带动情况) on its counts, one home for the API and the
 * spreadsheet import: people linked are at least the households linked and at most ten to
 * a household; people linked need a way they were linked; workers out of poverty and from
 * monitored households are among the workers. Counts are never negative (the callers read
 * them so).
 *
 * @param linkedHouseholds households out of poverty linked
 * @param linkedPeople people out of poverty linked
 * @param modes how many ways of linking are given
 * @param workers workers employed
 * @param workersOutOfPoverty of them, out of poverty
 * @param workersFromMonitored of them, from monitored households
 */
record YearCounts(int linkedHouseholds, int linkedPeople, int modes, int workers, int workersOutOfPoverty,
		int workersFromMonitored) {

	/**
	 * The most people a linked household counts on average: more is not a household count
	 * that can be right (the national records' households have at most nine or ten
	 * members).
	 */
	static final int MAX_PEOPLE_PER_HOUSEHOLD = 10;

	/** What is wrong with the counts; empty when nothing is. */
	List<Problem> problems() {
		List<Problem> problems = new ArrayList<>();
		if (this.linkedPeople < this.linkedHouseholds) {
			problems.add(Problem.PEOPLE_BELOW_HOUSEHOLDS);
		}
		else if (this.linkedPeople > (long) MAX_PEOPLE_PER_HOUSEHOLD * this.linkedHouseholds) {
			problems.add(Problem.PEOPLE_IMPLAUSIBLE);
		}
		if (this.linkedPeople > 0 && this.modes == 0) {
			problems.add(Problem.MODES_REQUIRED);
		}
		if (this.workersOutOfPoverty > this.workers) {
			problems.add(Problem.OUT_OF_POVERTY_ABOVE_WORKERS);
		}
		if (this.workersFromMonitored > this.workers) {
			problems.add(Problem.MONITORED_ABOVE_WORKERS);
		}
		return problems;
	}

	/** A count that cannot be, with the input field it is about. */
	enum Problem {

		PEOPLE_BELOW_HOUSEHOLDS("linkedPeople"), PEOPLE_IMPLAUSIBLE("linkedPeople"), MODES_REQUIRED("modes"),
		OUT_OF_POVERTY_ABOVE_WORKERS("workersOutOfPoverty"), MONITORED_ABOVE_WORKERS("workersFromMonitoredHouseholds");

		final String field;

		Problem(String field) {
			this.field = field;
		}

	}

}
