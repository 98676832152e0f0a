package cn.ankang.bangfu.figure;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.values.Labels;
import cn.ankang.bangfu.shared.values.ValueUnit;

/**
 * The headline figures of a city's annual report (see {@code docs/domain.md}), in the
 * order the report gives them; their Chinese names are in the labels file
 * ({@code reportFigure.*}). A share carries the two figures it is the quotient of, so
 * that a published share can be checked against the report's own totals.
 */
enum ReportFigure {

	LEADER_LIAISONS(ValueUnit.PERSON),

	ASSISTANCE_UNITS(ValueUnit.ORGANISATION),

	FIRST_SECRETARIES(ValueUnit.PERSON),

	TEAM_MEMBERS(ValueUnit.PERSON),

	DESIGNATED_ASSISTANCE_FUNDS(ValueUnit.YUAN),

	DESIGNATED_ASSISTANCE_PROJECTS(ValueUnit.PROJECT),

	NATIONAL_KEY_COUNTIES(ValueUnit.AREA),

	PROVINCIAL_KEY_COUNTIES(ValueUnit.AREA),

	PROVINCIAL_KEY_TOWNS(ValueUnit.AREA),

	KEY_VILLAGES(ValueUnit.VILLAGE),

	KEY_COUNTY_LINKAGE_FUNDS(ValueUnit.YUAN),

	KEY_COUNTY_LINKAGE_PROJECTS(ValueUnit.PROJECT),

	LINKAGE_FUNDS(ValueUnit.YUAN),

	LINKAGE_PROJECTS(ValueUnit.PROJECT),

	KEY_COUNTY_LINKAGE_FUNDS_SHARE(KEY_COUNTY_LINKAGE_FUNDS, LINKAGE_FUNDS),

	KEY_COUNTY_LINKAGE_PROJECTS_SHARE(KEY_COUNTY_LINKAGE_PROJECTS, LINKAGE_PROJECTS),

	KEY_TOWN_AND_VILLAGE_LINKAGE_FUNDS(ValueUnit.YUAN),

	CENTRAL_AND_PROVINCIAL_SPENDING_RATE(ValueUnit.RATIO),

	NEXT_YEAR_PIPELINE_PROJECTS(ValueUnit.PROJECT),

	NEXT_YEAR_PIPELINE_PLANNED(ValueUnit.YUAN),

	EAST_WEST_COLLABORATION_FUNDS(ValueUnit.YUAN),

	MONITORED_HOUSEHOLDS(ValueUnit.HOUSEHOLD),

	MONITORED_PEOPLE(ValueUnit.PERSON),

	NEW_MONITORED_HOUSEHOLDS(ValueUnit.HOUSEHOLD),

	NEW_MONITORED_PEOPLE(ValueUnit.PERSON),

	ASSISTANCE_MEASURES(ValueUnit.MEASURE),

	ELIMINATED_HOUSEHOLDS(ValueUnit.HOUSEHOLD),

	ELIMINATED_PEOPLE(ValueUnit.PERSON),

	ELIMINATION_RATE_BY_PEOPLE(ELIMINATED_PEOPLE, MONITORED_PEOPLE),

	SUPERVISION_ROUNDS(ValueUnit.ROUND),

	SUPERVISION_PROBLEMS_RECTIFIED(ValueUnit.PROBLEM),

	INDUSTRY_PROJECTS(ValueUnit.PROJECT),

	VILLAGES_WITH_COLLECTIVE_INCOME_OVER_100K(ValueUnit.VILLAGE),

	MICROCREDIT_ISSUED(ValueUnit.YUAN),

	DRIVING_ENTERPRISES(ValueUnit.ORGANISATION),

	PEOPLE_DRIVEN(ValueUnit.PERSON),

	PEOPLE_IN_WORK(ValueUnit.PERSON),

	COMMUNITY_FACTORIES(ValueUnit.ORGANISATION),

	COMMUNITY_FACTORY_JOBS(ValueUnit.PERSON),

	AVERAGE_NET_INCOME(ValueUnit.YUAN),

	AVERAGE_NET_INCOME_GROWTH(ValueUnit.RATIO),

	VILLAGE_PLANS(ValueUnit.VILLAGE),

	VILLAGE_CONSTRUCTION_PROJECTS(ValueUnit.PROJECT),

	VILLAGES_WITH_LEGAL_ADVISER(ValueUnit.VILLAGE);

	private final ValueUnit unit;

	private final @Nullable ReportFigure numerator;

	private final @Nullable ReportFigure denominator;

	ReportFigure(ValueUnit unit) {
		this.unit = unit;
		this.numerator = null;
		this.denominator = null;
	}

	ReportFigure(ReportFigure numerator, ReportFigure denominator) {
		this.unit = ValueUnit.RATIO;
		this.numerator = numerator;
		this.denominator = denominator;
	}

	ValueUnit unit() {
		return this.unit;
	}

	/** The figure this share divides, or null when it is not a share of two others. */
	@Nullable ReportFigure numerator() {
		return this.numerator;
	}

	/** The figure this share divides by. */
	@Nullable ReportFigure denominator() {
		return this.denominator;
	}

	/** Its Chinese name. */
	String label() {
		return Labels.of("reportFigure", name());
	}

}
