package cn.ankang.bangfu;

import java.util.List;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.demo.DemoFigures;

import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo data set's areas hold what the 2023 annual report counts, as seen through the
 * API and in the tables: the ten real counties with their codes and key designations, the
 * villages and key areas, villages' collective incomes, legal advisers and plans, and the
 * relocation communities that come after the villages and take no part in their records.
 */
class DemoAreaDataTests extends DemoDataTestSupport {

	@Test
	void theTenRealCountiesWithTheirCodesAndKeyDesignations() {
		this.graphQl.document("{ counties { code name keyDesignation } }")
			.execute()
			.path("counties[*].code")
			.entityList(String.class)
			.containsExactly("610902", "610921", "610922", "610923", "610924", "610925", "610926", "610927", "610929",
					"610981");
		this.graphQl.document("{ counties(keyDesignation: NATIONAL) { code } }")
			.execute()
			.path("counties")
			.entityList(Object.class)
			.hasSize(4);
		this.graphQl.document("{ counties(keyDesignation: PROVINCIAL) { code name } }")
			.execute()
			.path("counties[0].name")
			.entity(String.class)
			.isEqualTo("宁陕县");
	}

	@Test
	void areasAndKeyAreas() {
		assertThat(sqlInt("select count(*) from village")).isEqualTo(DemoFigures.VILLAGES);
		assertThat(totalCount("villages(first: 0)")).isEqualTo(DemoFigures.VILLAGES);
		assertThat(totalCount("villages(first: 0, filter: {keyDesignation: PROVINCIAL})"))
			.isEqualTo(DemoFigures.KEY_VILLAGES);
		assertThat(sqlInt("select count(*) from town where key_designation = 'PROVINCIAL'"))
			.isEqualTo(DemoFigures.KEY_TOWNS);
	}

	@Test
	void villagesCollectiveIncomesLegalAdvisersAndPlansAsTheReportCountsThem() {
		GraphQlTester.Response report = this.graphQl.document("""
				{ annualReport(year: 2023) { villages { villages relocationCommunities villagesWithLegalAdviser
				    villagesWithPlanCompiled villagesWithIncomeRecorded villagesWithIncomeOver100k } }
				  previous: annualReport(year: 2022) { villages { villagesWithIncomeOver100k } } }""").execute();
		report.path("annualReport.villages.villages").entity(Integer.class).isEqualTo(DemoFigures.VILLAGES);
		report.path("annualReport.villages.relocationCommunities")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.RELOCATION_COMMUNITIES);
		report.path("annualReport.villages.villagesWithLegalAdviser")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.VILLAGES_WITH_LEGAL_ADVISER);
		report.path("annualReport.villages.villagesWithPlanCompiled")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.PLANS_COMPILED_2023);
		report.path("annualReport.villages.villagesWithIncomeRecorded")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.VILLAGES);
		report.path("annualReport.villages.villagesWithIncomeOver100k")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.VILLAGES_OVER_100K_2023);
		// the year before, the collective economy was smaller
		report.path("previous.villages.villagesWithIncomeOver100k")
			.entity(Integer.class)
			.satisfies((villages) -> assertThat(villages).isPositive().isLessThan(DemoFigures.VILLAGES_OVER_100K_2023));
		// the report needs more villages (communities) than the 1,900 villages: the
		// relocation communities are the rest
		assertThat(DemoFigures.VILLAGES_WITH_LEGAL_ADVISER).isGreaterThan(DemoFigures.VILLAGES_BEFORE_RELOCATION)
			.isLessThanOrEqualTo(DemoFigures.VILLAGES);
	}

	@Test
	void theRelocationCommunitiesComeAfterTheVillagesAndTakeNoPartInTheirRecords() {
		assertThat(
				sqlInt("""
						select count(*) from relocation_community r join village v on v.id = r.village_id
						where v.kind = 'COMMUNITY' and v.key_designation is null
						  and v.id > (select max(id) from village where id not in (select village_id from relocation_community))"""))
			.isEqualTo(DemoFigures.RELOCATION_COMMUNITIES);
		// every county has some
		assertThat(sqlInt("""
				select count(distinct t.county_id) from relocation_community r join village v on v.id = r.village_id
				join town t on t.id = v.town_id""")).isEqualTo(10);
		for (String table : List.of("household", "posting", "unit_pairing", "project", "visit", "leader_liaison")) {
			assertThat(sqlInt("select count(*) from " + table
					+ " where village_id in (select village_id from relocation_community)"))
				.as(table)
				.isZero();
		}
	}

}
