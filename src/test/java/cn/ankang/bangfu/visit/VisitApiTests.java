package cn.ankang.bangfu.visit;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.shared.relay.GlobalId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Visits through the API: newest first, paged by (time, id) without gaps, filtered, and
 * hanging off households and cadres.
 */
class VisitApiTests extends ApiTestSupport {

	@Test
	void newestFirstAndPagedWithoutGapsOrRepeats() {
		List<String> expected = this.jdbc
			.sql("select id::text from visit where replaced_by is null order by occurred_at desc, id desc limit 7")
			.query(String.class)
			.list()
			.stream()
			.map((id) -> GlobalId.of("Visit", id))
			.toList();
		var first = this.graphQl.documentName("visits").variable("first", 4).execute();
		first.path("visits.edges[*].node.id").entityList(String.class).isEqualTo(expected.subList(0, 4));
		String end = first.path("visits.pageInfo.endCursor").entity(String.class).get();
		this.graphQl.documentName("visits")
			.variable("first", 3)
			.variable("after", end)
			.execute()
			.path("visits.edges[*].node.id")
			.entityList(String.class)
			.isEqualTo(expected.subList(4, 7));
	}

	@Test
	void filtersByAreaCadreHouseholdKindAndPeriod() {
		long household = this.jdbc.sql(
				"select household_id from visit where replaced_by is null and household_id is not null order by occurred_at, id limit 1")
			.query(Long.class)
			.single();
		assertThat(total(Map.of("householdId", GlobalId.of("Household", household))))
			.isEqualTo(sqlInt("select count(*) from visit where replaced_by is null and household_id = " + household));
		long cadre = this.jdbc
			.sql("select cadre_id from visit where replaced_by is null order by occurred_at, id limit 1")
			.query(Long.class)
			.single();
		assertThat(total(Map.of("cadreId", GlobalId.of("ResidentCadre", cadre))))
			.isEqualTo(sqlInt("select count(*) from visit where replaced_by is null and cadre_id = " + cadre));
		assertThat(total(Map.of("kind", "VILLAGE_MEETING")))
			.isEqualTo(sqlInt("select count(*) from visit where replaced_by is null and kind = 'VILLAGE_MEETING'"));
		assertThat(total(
				Map.of("occurredFrom", "2023-07-01T00:00:00+08:00", "occurredBefore", "2023-08-01T00:00:00+08:00")))
			.isEqualTo(sqlInt("""
					select count(*) from visit where replaced_by is null and occurred_at >= '2023-07-01T00:00:00+08:00'
					  and occurred_at < '2023-08-01T00:00:00+08:00'"""));
		assertThat(total(Map.of("countyCode", "610923"))).isEqualTo(sqlInt("""
				select count(*) from visit x join village v on v.id = x.village_id join town t on t.id = v.town_id
				join county c on c.id = t.county_id where x.replaced_by is null and c.code = '610923'"""));
		String village = sqlString(
				"select v.code from visit x join village v on v.id = x.village_id order by x.occurred_at, x.id limit 1");
		assertThat(total(Map.of("villageCode", village))).isEqualTo(sqlInt(
				"select count(*) from visit x join village v on v.id = x.village_id where x.replaced_by is null and v.code = '"
						+ village + "'"));
		assertError("{ visits(filter: {householdId: \"" + GlobalId.of("ResidentCadre", cadre) + "\"}) { totalCount } }",
				"INVALID_ID");
		assertError("{ visits(filter: {occurredFrom: \"yesterday\"}) { totalCount } }", "GRAPHQL_VALIDATION_FAILED");
	}

	@Test
	void aVisitWithItsCadreVillageHouseholdAndFindings() {
		String visit = sqlString(
				"""
						select id::text from visit where replaced_by is null and household_id is not null and cardinality(new_risk_types) > 0
						and not new_risk_types && array['ILLNESS', 'DISABILITY'] order by occurred_at, id limit 1""");
		var response = this.graphQl.document("""
				query($id: ID!) { node(id: $id) { ... on Visit { id kind occurredAt notes cadre { id } village { code }
				  household { id village { code } } findings { schoolingSecure medicalCareSecure housingSafe
				  drinkingWaterSafe incomeChange newRiskTypes } } } }""")
			.variable("id", GlobalId.of("Visit", visit))
			.execute();
		response.path("node.kind").entity(String.class).isEqualTo("HOUSEHOLD_VISIT");
		response.path("node.findings.newRiskTypes")
			.entityList(String.class)
			.isEqualTo(List.of(sqlString(
					"select new_risk_types[1] from visit where replaced_by is null and id = '" + visit + "'")));
		String villageCode = response.path("node.village.code").entity(String.class).get();
		response.path("node.household.village.code").entity(String.class).isEqualTo(villageCode);
		response.path("node.occurredAt").entity(String.class).satisfies((at) -> assertThat(at).startsWith("2023-"));
	}

	@Test
	void healthRisksFoundOnAVisitAreWithheldFromThoseNotResponsible() {
		String visit = sqlString(
				"""
						select x.id::text from visit x join village v on v.id = x.village_id
						where 'ILLNESS' = any(x.new_risk_types) and v.code like '610902%' order by x.occurred_at, x.id limit 1""");
		String document = "query($id: ID!) { node(id: $id) { ... on Visit { findings { newRiskTypes } } } }";
		this.graphQl.document(document)
			.variable("id", GlobalId.of("Visit", visit))
			.execute()
			.path("node.findings.newRiskTypes")
			.entityList(String.class)
			.isEqualTo(List.of("HEALTH_WITHHELD"));
		as("demo-county").document(document)
			.variable("id", GlobalId.of("Visit", visit))
			.execute()
			.path("node.findings.newRiskTypes")
			.entityList(String.class)
			.isEqualTo(List.of("ILLNESS"));
	}

	@Test
	void aHouseholdsAndACadresVisitsNewestFirst() {
		long household = this.jdbc
			.sql("""
					select household_id from visit where replaced_by is null and household_id is not null group by household_id
					having count(*) >= 4 order by household_id limit 1""")
			.query(Long.class)
			.single();
		List<String> expected = this.jdbc
			.sql("""
					select id::text from visit where replaced_by is null and household_id = :h order by occurred_at desc, id desc limit 3""")
			.param("h", household)
			.query(String.class)
			.list()
			.stream()
			.map((id) -> GlobalId.of("Visit", id))
			.toList();
		this.graphQl.documentName("household")
			.variable("id", GlobalId.of("Household", household))
			.execute()
			.path("node.visits.totalCount")
			.entity(Integer.class)
			.isEqualTo(sqlInt("select count(*) from visit where replaced_by is null and household_id = " + household));
		this.graphQl.document(
				"query($id: ID!) { node(id: $id) { ... on Household { visits(first: 3) { edges { node { id } } } } } }")
			.variable("id", GlobalId.of("Household", household))
			.execute()
			.path("node.visits.edges[*].node.id")
			.entityList(String.class)
			.isEqualTo(expected);
		long cadre = this.jdbc.sql(
				"select cadre_id from visit where replaced_by is null group by cadre_id order by count(*) desc limit 1")
			.query(Long.class)
			.single();
		this.graphQl
			.document("query($id: ID!) { node(id: $id) { ... on ResidentCadre { visits(first: 2) { totalCount } } } }")
			.variable("id", GlobalId.of("ResidentCadre", cadre))
			.execute()
			.path("node.visits.totalCount")
			.entity(Integer.class)
			.isEqualTo(sqlInt("select count(*) from visit where replaced_by is null and cadre_id = " + cadre));
	}

	private int total(Map<String, Object> filter) {
		return this.graphQl.document("query($f: VisitFilter) { visits(first: 0, filter: $f) { totalCount } }")
			.variable("f", filter)
			.execute()
			.path("visits.totalCount")
			.entity(Integer.class)
			.get();
	}

}
