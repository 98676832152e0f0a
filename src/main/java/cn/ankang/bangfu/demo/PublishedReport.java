package cn.ankang.bangfu.demo;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Writes the real city's 2023 report as it was published, headline by headline, with its
 * wording.
 */
final class PublishedReport {

	// The 2023 report as published (figure.ReportFigure codes): value in the figure's
	// unit, the step it was rounded to, the report's words
	private static final String[][] PUBLISHED_2023 = { { "LEADER_LIAISONS", "34", "1", "34名" },
			{ "ASSISTANCE_UNITS", "1279", "1", "1279个" }, { "FIRST_SECRETARIES", "1297", "1", "1297名" },
			{ "TEAM_MEMBERS", "2287", "1", "2287名" },
			{ "DESIGNATED_ASSISTANCE_FUNDS", "290000000", "10000000", "2.9亿元" },
			{ "DESIGNATED_ASSISTANCE_PROJECTS", "1144", "1", "1144个" }, { "NATIONAL_KEY_COUNTIES", "4", "1", "4个" },
			{ "PROVINCIAL_KEY_COUNTIES", "1", "1", "1个" }, { "PROVINCIAL_KEY_TOWNS", "10", "1", "10个" },
			{ "KEY_VILLAGES", "252", "1", "252个" }, { "KEY_COUNTY_LINKAGE_FUNDS", "1542000000", "1000000", "15.42亿元" },
			{ "KEY_COUNTY_LINKAGE_PROJECTS", "1432", "1", "1432个" },
			{ "KEY_COUNTY_LINKAGE_FUNDS_SHARE", "0.72", "0.01", "72%" },
			{ "KEY_COUNTY_LINKAGE_PROJECTS_SHARE", "0.68", "0.01", "68%" },
			{ "KEY_TOWN_AND_VILLAGE_LINKAGE_FUNDS", "362000000", "1000000", "3.62亿元" },
			{ "LINKAGE_FUNDS", "2478000000", "1000000", "24.78亿元" }, { "LINKAGE_PROJECTS", "2097", "1", "2097个" },
			{ "CENTRAL_AND_PROVINCIAL_SPENDING_RATE", "1", "0.01", "100%" },
			{ "NEXT_YEAR_PIPELINE_PROJECTS", "3473", "1", "3473个" },
			{ "NEXT_YEAR_PIPELINE_PLANNED", "5373000000", "1000000", "53.73亿元" },
			{ "EAST_WEST_COLLABORATION_FUNDS", "787000000", "1000000", "7.87亿元" },
			{ "MONITORED_HOUSEHOLDS", "24456", "1", "24456户" }, { "MONITORED_PEOPLE", "78596", "1", "78596人" },
			{ "NEW_MONITORED_HOUSEHOLDS", "2676", "1", "2676户" }, { "NEW_MONITORED_PEOPLE", "9135", "1", "9135人" },
			{ "ASSISTANCE_MEASURES", "81824", "1", "81824项" }, { "ELIMINATED_HOUSEHOLDS", "16069", "1", "16069户" },
			{ "ELIMINATED_PEOPLE", "53189", "1", "53189人" },
			{ "ELIMINATION_RATE_BY_PEOPLE", "0.677", "0.001", "67.7%" }, { "SUPERVISION_ROUNDS", "5", "1", "5轮次" },
			{ "SUPERVISION_PROBLEMS_RECTIFIED", "301", "1", "301个" }, { "INDUSTRY_PROJECTS", "865", "1", "865个" },
			{ "VILLAGES_WITH_COLLECTIVE_INCOME_OVER_100K", "1548", "1", "1548个" },
			{ "MICROCREDIT_ISSUED", "7928000000", "1000000", "79.28亿元" },
			{ "DRIVING_ENTERPRISES", "1233", "1", "1233个" }, { "PEOPLE_DRIVEN", "115000", "1000", "11.5万" },
			{ "PEOPLE_IN_WORK", "379900", "100", "37.99万人" }, { "COMMUNITY_FACTORIES", "1017", "1", "1017家" },
			{ "COMMUNITY_FACTORY_JOBS", "37800", "100", "3.78万人" }, { "AVERAGE_NET_INCOME", "14884", "1", "14884元" },
			{ "AVERAGE_NET_INCOME_GROWTH", "0.141", "0.001", "14.1%" }, { "VILLAGE_PLANS", "117", "1", "117个" },
			{ "VILLAGE_CONSTRUCTION_PROJECTS", "2596", "1", "2596个" },
			{ "VILLAGES_WITH_LEGAL_ADVISER", "1925", "1", "1925个" } };

	private PublishedReport() {
	}

	/**
	 * The real city's 2023 report as it was published, figure by figure: the copies of
	 * the city published none.
	 */
	static void writePublishedReport(Connection connection) throws SQLException {
		try (CopyWriter rows = new CopyWriter(connection, "published_figure",
				"city_id, year, figure, value, rounded_to, wording")) {
			for (String[] figure : PUBLISHED_2023) {
				rows.add(1).add(2023).add(figure[0]).add(figure[1]).add(figure[2]).add(figure[3]).endRow();
			}
		}
	}

}
