package cn.ankang.bangfu.shared;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.ApiTestSupport;

/**
 * Relay's {@code node} and {@code nodes}: every type round-trips through its global id.
 */
class NodeApiTests extends ApiTestSupport {

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "City, select id::text from city order by id limit 1",
			"County, select id::text from county order by id desc limit 1",
			"Town, select id::text from town order by id limit 1 offset 3",
			"Village, select id::text from village order by id limit 1 offset 9",
			"AssistanceUnit, select id::text from assistance_unit order by id limit 1 offset 5",
			"UnitPairing, select id::text from unit_pairing order by id limit 1",
			"ResidentCadre, select id::text from cadre order by id limit 1 offset 2",
			"Posting, select id::text from posting order by id limit 1",
			"Leader, select id::text from leader order by id limit 1",
			"LeaderLiaison, select id::text from leader_liaison order by id limit 1",
			"Project, select id::text from project order by id limit 1 offset 11",
			"Household, select id::text from household order by id limit 1 offset 13",
			"AssistanceMeasure, select id::text from assistance_measure order by id limit 1",
			"Visit, select id::text from visit order by id limit 1",
			"ProjectSpending, select id::text from project_spending order by id limit 1",
			"MonitoringCase, select id::text from monitoring_case order by id limit 1",
			"Task, select id::text from task order by id limit 1",
			"RiskWarning, select id::text from risk_warning order by id limit 1",
			"VillageCollectiveIncome, select id::text from village_collective_income order by id limit 1 offset 3",
			"LegalAdviserPosting, select id::text from legal_adviser_posting order by id limit 1",
			"VillagePlan, select id::text from village_plan order by id limit 1",
			"SupervisionRound, select id::text from supervision_round order by id limit 1",
			"SupervisionProblem, select id::text from supervision_problem order by id limit 1 offset 7",
			// an account is a User to GraphQL: its class is named otherwise
			"User, select id::text from app_user where username = 'demo-leader'" })
	void everyTypeRoundTrips(String type, String keySql) {
		String id = GlobalId.of(type, sqlString(keySql));
		var response = this.graphQl.document("query($id: ID!) { node(id: $id) { __typename id } }")
			.variable("id", id)
			.execute();
		response.path("node.__typename").entity(String.class).isEqualTo(type);
		response.path("node.id").entity(String.class).isEqualTo(id);
	}

	@Test
	void nodesKeepTheOrderAskedAndGiveNullForNone() {
		String village = GlobalId.of("Village", sqlString("select id::text from village order by id limit 1"));
		String county = GlobalId.of("County", sqlString("select id::text from county order by id limit 1"));
		String missing = GlobalId.of("Household", 999_999_999L);
		this.graphQl.document("query($ids: [ID!]!) { nodes(ids: $ids) { __typename } }")
			.variable("ids", List.of(village, missing, county, village))
			.execute()
			.path("nodes")
			.entityList(Object.class)
			.hasSize(4)
			.path("nodes[0].__typename")
			.entity(String.class)
			.isEqualTo("Village")
			.path("nodes[1]")
			.valueIsNull()
			.path("nodes[2].__typename")
			.entity(String.class)
			.isEqualTo("County")
			.path("nodes[3].__typename")
			.entity(String.class)
			.isEqualTo("Village");
		this.graphQl.document("query($id: ID!) { node(id: $id) { id } }")
			.variable("id", missing)
			.execute()
			.path("node")
			.valueIsNull();
	}

	@Test
	void idsThatAreNotOursAreRefused() {
		assertError("{ node(id: \"hello\") { id } }", "INVALID_ID");
		assertError("{ node(id: \"" + GlobalId.of("Spaceship", 1) + "\") { id } }", "INVALID_ID");
		assertError("{ node(id: \"" + GlobalId.of("Village", "abc") + "\") { id } }", "INVALID_ID");
		assertError("{ node(id: \"" + GlobalId.of("Visit", "not-a-uuid") + "\") { id } }", "INVALID_ID");
		assertError(
				this.graphQl.document("query($ids: [ID!]!) { nodes(ids: $ids) { id } }")
					.variable("ids", java.util.Collections.nCopies(101, GlobalId.of("Village", 1))),
				"INVALID_ARGUMENT");
	}

}
