package cn.ankang.bangfu.household;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.shared.relay.GlobalId;

import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Household updates from the field: versioned, never overwriting unseen, resends
 * recognised. Each test works on a household of its own in the demo first secretary's
 * village, removed afterwards, so that the demo data's counts stay as the report has
 * them.
 */
class HouseholdUpdateTests extends ApiTestSupport {

	private long household;

	@BeforeEach
	void aHouseholdOfOurOwn() {
		long village = this.jdbc.sql("""
				select p.village_id from app_user u join posting p on p.cadre_id = u.cadre_id and p.ended_on is null
				where u.username = 'demo-secretary'""").query(Long.class).single();
		this.household = this.jdbc
			.sql("""
					insert into household (village_id, head_name, head_id_number, category, risk_types, identified_on, status)
					values (:village, '测试某户', :idNumber, 'MARGINAL_AT_RISK', '{LACK_OF_LABOUR}', '2023-03-01', 'MONITORING')
					returning id""")
			.param("village", village)
			.param("idNumber",
					"99" + String.format("%016d",
							Math.abs(UUID.randomUUID().getMostSignificantBits()) % 10_000_000_000_000_000L))
			.query(Long.class)
			.single();
	}

	@AfterEach
	void removeIt() {
		this.jdbc.sql("delete from household_change where household_id = :h").param("h", this.household).update();
		this.jdbc.sql("delete from household where id = :h").param("h", this.household).update();
	}

	@Test
	void anUpdateRaisesTheVersionAndAResendIsRecognised() {
		Map<String, Object> update = update(1);
		var response = send(update);
		response.path("updateHousehold.userErrors").entityList(Object.class).hasSize(0);
		response.path("updateHousehold.household.version").entity(Integer.class).isEqualTo(2);
		response.path("updateHousehold.household.riskTypes")
			.entityList(String.class)
			.containsExactly("LACK_OF_LABOUR", "UNSTABLE_EMPLOYMENT");
		response.path("updateHousehold.household.measures[*].description")
			.entityList(String.class)
			.containsExactly("安排公益岗位");
		response.path("updateHousehold.household.incomes[0].perCapitaIncome").entity(String.class).isEqualTo("8650.00");
		// the phone never heard back and sends it again: same answer, nothing applied
		// twice
		var again = send(update);
		again.path("updateHousehold.userErrors").entityList(Object.class).hasSize(0);
		again.path("updateHousehold.household.version").entity(Integer.class).isEqualTo(2);
		again.path("updateHousehold.household.measures").entityList(Object.class).hasSize(1);
	}

	@Test
	void racingSendingsOfOneUpdateAreAllAnsweredAsThatUpdate() throws Exception {
		// a phone that resends while its first request still runs: the later sendings
		// wait
		// for the first and are answered as resends, not as stale
		Map<String, Object> update = update(1);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(5);
		try {
			List<Future<GraphQlTester.Response>> answers = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				answers.add(threads.submit(() -> {
					start.await();
					return send(update);
				}));
			}
			start.countDown();
			for (Future<GraphQlTester.Response> answer : answers) {
				GraphQlTester.Response response = answer.get();
				response.path("updateHousehold.userErrors").entityList(Object.class).hasSize(0);
				response.path("updateHousehold.household.version").entity(Integer.class).isEqualTo(2);
			}
		}
		finally {
			threads.shutdown();
		}
		assertThat(sqlInt("select count(*) from assistance_measure where household_id = " + this.household))
			.isEqualTo(1);
	}

	@Test
	void badInputIsRefusedFieldByFieldAndChangesNothing() {
		Map<String, Object> bad = update(1);
		bad.put("changeId", "not-a-uuid");
		bad.put("addMeasure", Map.of("type", "PUBLIC_WELFARE_JOB", "description", "  ", "startedOn", "2026-11-01"));
		// ten million yuan a head is a slip of the keyboard; 1999 is before the records
		bad.put("recordIncome", Map.of("year", 1999, "perCapitaIncome", "86500000.00"));
		// the marker of withheld health data is no risk one records
		bad.put("addRiskTypes", List.of("UNSTABLE_EMPLOYMENT", "HEALTH_WITHHELD"));
		var response = send(bad);
		response.path("updateHousehold.userErrors[*].code")
			.entityList(String.class)
			.containsExactly("INVALID_INPUT", "INVALID_INPUT", "INVALID_INPUT", "INVALID_INPUT", "INVALID_INPUT");
		assertThat(response.path("updateHousehold.userErrors[*].field").entityList(Object.class).get())
			.containsExactlyInAnyOrder(List.of("input", "changeId"), List.of("input", "addMeasure", "description"),
					List.of("input", "recordIncome", "perCapitaIncome"), List.of("input", "recordIncome", "year"),
					List.of("input", "addRiskTypes", "1"));
		assertThat(sqlInt("select version from household where id = " + this.household)).isEqualTo(1);
		assertThat(sqlInt("select count(*) from household_income where household_id = " + this.household)).isZero();
	}

	@Test
	void aStaleUpdateIsRefusedWithTheCurrentHousehold() {
		send(update(1)).path("updateHousehold.household.version").entity(Integer.class).isEqualTo(2);
		Map<String, Object> stale = update(1);
		stale.put("recordIncome", Map.of("year", 2024, "perCapitaIncome", "1.00"));
		var response = send(stale);
		response.path("updateHousehold.userErrors[0].code").entity(String.class).isEqualTo("STALE_VERSION");
		response.path("updateHousehold.household.version").entity(Integer.class).isEqualTo(2);
		response.path("updateHousehold.household.incomes[0].perCapitaIncome").entity(String.class).isEqualTo("8650.00");
		// the phone rebases its change on the current version and sends it again, under
		// the same change id
		Map<String, Object> rebased = new HashMap<>(stale);
		rebased.put("baseVersion", 2);
		send(rebased).path("updateHousehold.household.version").entity(Integer.class).isEqualTo(3);
	}

	@Test
	void aChangeIdUsedForAnotherUpdateIsAConflict() {
		Map<String, Object> first = update(1);
		send(first);
		Map<String, Object> other = update(1);
		other.put("changeId", first.get("changeId"));
		other.put("addRiskTypes", List.of("DISASTER"));
		send(other).path("updateHousehold.userErrors[0].code").entity(String.class).isEqualTo("CONFLICT");
	}

	@Test
	void onlyThoseResponsibleUpdate() {
		assertError(as("demo-leader").document("""
				mutation($u: UpdateHouseholdInput!) { updateHousehold(input: $u) { userErrors { code } } }""")
			.variable("u", update(1)), "FORBIDDEN");
		as("demo-unit")
			.document("mutation($u: UpdateHouseholdInput!) { updateHousehold(input: $u) { userErrors { code } } }")
			.variable("u", update(1))
			.execute()
			.path("updateHousehold.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("NOT_FOUND");
		Map<String, Object> empty = update(1);
		empty.remove("addRiskTypes");
		empty.remove("addMeasure");
		empty.remove("recordIncome");
		send(empty).path("updateHousehold.userErrors[0].code").entity(String.class).isEqualTo("INVALID_INPUT");
	}

	private Map<String, Object> update(int baseVersion) {
		Map<String, Object> update = new HashMap<>();
		update.put("changeId", UUID.randomUUID().toString());
		update.put("householdId", GlobalId.of("Household", this.household));
		update.put("baseVersion", baseVersion);
		update.put("addRiskTypes", List.of("UNSTABLE_EMPLOYMENT"));
		update.put("addMeasure",
				Map.of("type", "PUBLIC_WELFARE_JOB", "description", "安排公益岗位", "startedOn", "2026-11-01"));
		update.put("recordIncome", Map.of("year", 2026, "perCapitaIncome", "8650.00"));
		return update;
	}

	private GraphQlTester.Response send(Map<String, Object> update) {
		return as("demo-secretary").document("""
				mutation($u: UpdateHouseholdInput!) { updateHousehold(input: $u) {
				  household { version riskTypes measures { description } incomes { year perCapitaIncome } }
				  userErrors { code field } } }""").variable("u", update).execute();
	}

	@Test
	void theMemberCountFollowsTheMembersWhicheverWayTheyChange() {
		assertThat(memberCount()).isZero();
		this.jdbc.sql("""
				insert into household_member (household_id, name, relation, gender, birth_date)
				values (:h, '测试某户', 'HEAD', 'MALE', '1970-01-01'), (:h, '测试某妻', 'SPOUSE', 'FEMALE', '1972-01-01'),
				       (:h, '测试某子', 'CHILD', 'MALE', '2000-01-01')""").param("h", this.household).update();
		assertThat(memberCount()).isEqualTo(3);
		this.jdbc.sql("delete from household_member where household_id = :h and relation = 'CHILD'")
			.param("h", this.household)
			.update();
		assertThat(memberCount()).isEqualTo(2);
		assertThat(sqlInt("select member_count from household where id = " + this.household))
			.isEqualTo(sqlInt("select count(*) from household_member where household_id = " + this.household));
	}

	private int memberCount() {
		return as("demo-secretary").document("query($id: ID!) { node(id: $id) { ... on Household { memberCount } } }")
			.variable("id", GlobalId.of("Household", this.household))
			.execute()
			.path("node.memberCount")
			.entity(Integer.class)
			.get();
	}

}
