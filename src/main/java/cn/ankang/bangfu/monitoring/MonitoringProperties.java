package cn.ankang.bangfu.monitoring;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The policy the workflow enforces, set per deployment.
 *
 * @param incomeLines the monitoring line (防返贫监测标准) per year, per-capita net income in
 * yuan: a household below it may not leave monitoring
 * @param stableIncomeMonths how long income must have been stable before elimination is
 * proposed
 * @param noticeDays the shortest public notice, in days counted both ends
 * @param verifyDays days allowed for a verification at home
 * @param reviewDays days allowed for a town's review and notice
 * @param confirmDays days allowed for a county's confirmation
 * @param matchDays days allowed for a town to resolve an unmatched warning
 * @param resultDays days allowed to record the result of a measure that ended without one
 */
@ConfigurationProperties("bangfu.monitoring")
record MonitoringProperties(Map<Integer, BigDecimal> incomeLines, @DefaultValue("6") int stableIncomeMonths,
		@DefaultValue("5") int noticeDays, @DefaultValue("7") int verifyDays, @DefaultValue("15") int reviewDays,
		@DefaultValue("10") int confirmDays, @DefaultValue("5") int matchDays, @DefaultValue("14") int resultDays) {

	MonitoringProperties {
		incomeLines = (incomeLines != null) ? new TreeMap<>(incomeLines) : new TreeMap<>();
	}

	/** The line in force for a year: the year's own, or the latest set before it. */
	Optional<BigDecimal> incomeLine(int year) {
		return Optional.ofNullable(((TreeMap<Integer, BigDecimal>) this.incomeLines).floorEntry(year))
			.map(Map.Entry::getValue);
	}

	/** The days a task of the kind is given. */
	int daysFor(Task.Kind kind) {
		return switch (kind) {
			case VERIFY_AT_HOME, VERIFY_WARNING -> this.verifyDays;
			case PUBLIC_REVIEW -> this.reviewDays;
			case COUNTY_CONFIRMATION -> this.confirmDays;
			case MATCH_WARNING -> this.matchDays;
			case RECORD_MEASURE_RESULT -> this.resultDays;
			// due on the problem's own deadline
			case RECTIFY_PROBLEM -> 0;
		};
	}

}
