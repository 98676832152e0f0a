package cn.ankang.bangfu.security;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.shared.relay.GlobalId;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nobody sees a household, a member, a measure or a visit outside their jurisdiction,
 * through any list, lookup or nested field: county officers, first secretaries, unit
 * managers, admins and developers, a posting that ends, and random principals asking for
 * random ids. What each user should see is computed here from the grants and postings in
 * SQL, independently of the service. {@link RowLevelSecurityOnlyTests} runs the same
 * tests with the service's own filter switched off, to prove that PostgreSQL's policies
 * alone hold.
 */
class HouseholdJurisdictionApiTests extends JurisdictionTestSupport {

	private static final long SEED = 20231231;

	@Test
	void aCountyOfficerSeesTheCountyAndNothingElse() {
		int inCounty = sqlInt("""
				select count(*) from household h join village v on v.id = h.village_id join town t on t.id = v.town_id
				join county c on c.id = t.county_id where c.code = '610902'""");
		assertThat(totalHouseholds(as("demo-county"))).isEqualTo(inCounty);
		String outside = GlobalId.of("Household", Long.parseLong(sqlString("""
				select h.id::text from household h join village v on v.id = h.village_id where v.code like '610924%'
				order by h.id limit 1""")));
		as("demo-county").document("query($id: ID!) { node(id: $id) { id } }")
			.variable("id", outside)
			.execute()
			.path("node")
			.valueIsNull();
		this.graphQl.document("query($id: ID!) { node(id: $id) { id } }")
			.variable("id", outside)
			.execute()
			.path("node.id")
			.entity(String.class)
			.isEqualTo(outside);
		as("demo-county").document("{ village(code: \"610924001001\") { households { totalCount } } }")
			.execute()
			.path("village.households.totalCount")
			.entity(Integer.class)
			.isEqualTo(0);
	}

	@Test
	void aFirstSecretarySeesThePostedVillageAndOwnVisits() {
		Set<Long> villages = visibleVillages("demo-secretary");
		assertThat(villages).hasSize(1);
		long village = villages.iterator().next();
		assertThat(totalHouseholds(as("demo-secretary")))
			.isEqualTo(sqlInt("select count(*) from household where village_id = " + village));
		long cadre = Long.parseLong(sqlString("select cadre_id::text from app_user where username = 'demo-secretary'"));
		assertThat(totalVisits(as("demo-secretary"))).isEqualTo(
				sqlInt("select count(*) from visit where replaced_by is null and (village_id = %d or cadre_id = %d)"
					.formatted(village, cadre)));
	}

	@Test
	void aUnitManagerSeesNoHouseholdsButTheUnitsCadresVisits() {
		assertThat(totalHouseholds(as("demo-unit"))).isZero();
		assertThat(totalVisits(as("demo-unit"))).isEqualTo(sqlInt("""
				select count(*) from visit x join cadre k on k.id = x.cadre_id and x.replaced_by is null
				join role_grant g on g.unit_id = k.dispatching_unit_id join app_user u on u.id = g.user_id
				where u.username = 'demo-unit'"""));
	}

	@Test
	void whoHasNotBeenVisitedIsListedWithinEachAskersJurisdiction() {
		String notVisited = """
				select count(*) from household h join village v on v.id = h.village_id join town t on t.id = v.town_id
				join county c on c.id = t.county_id
				where h.status = 'MONITORING' and %s and not exists (
				  select 1 from visit vi where vi.household_id = h.id and vi.replaced_by is null
				    and vi.occurred_at >= now() - interval '30 days')""";
		String document = "{ unvisitedHouseholds { totalCount } unvisitedVillages { totalCount } }";
		as("demo-county").document(document)
			.execute()
			.path("unvisitedHouseholds.totalCount")
			.entity(Integer.class)
			.isEqualTo(sqlInt(notVisited.formatted("c.code = '610902'")));
		long village = visibleVillages("demo-secretary").iterator().next();
		as("demo-secretary").document(document)
			.execute()
			.path("unvisitedHouseholds.totalCount")
			.entity(Integer.class)
			.isEqualTo(sqlInt(notVisited.formatted("v.id = " + village)))
			.path("unvisitedVillages.totalCount")
			.entity(Integer.class)
			.satisfies((villages) -> assertThat(villages).isBetween(0, 1));
		as("demo-unit").document(document)
			.execute()
			.path("unvisitedHouseholds.totalCount")
			.entity(Integer.class)
			.isEqualTo(0)
			.path("unvisitedVillages.totalCount")
			.entity(Integer.class)
			.isEqualTo(0);
	}

	@Test
	void adminsAndDevelopersSeeEveryHousehold() {
		assertThat(totalHouseholds(as("demo-admin"))).isEqualTo(sqlInt("select count(*) from household"));
		assertThat(totalHouseholds(as("demo-dev"))).isEqualTo(sqlInt("select count(*) from household"));
	}

	@Test
	void aPostingThatEndsEndsAccessTheDayAfter() {
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		long village = Long.parseLong(sqlString("""
				select v.id::text from village v where exists (select 1 from household h where h.village_id = v.id)
				order by v.id desc limit 1"""));
		long unit = Long.parseLong(sqlString("select id::text from assistance_unit order by id limit 1"));
		long cadre = this.jdbc.sql("""
				insert into cadre (name, gender, dispatching_unit_id) values ('测试某轮换', 'FEMALE', :unit) returning id""")
			.param("unit", unit)
			.query(Long.class)
			.single();
		// a posting that ends today: neither a current posting of the report's figures
		// nor a past one; as a team member, since the village may have its first
		// secretary and the database allows one at a time
		this.jdbc.sql("""
				insert into posting (cadre_id, village_id, role, started_on, ended_on)
				values (:cadre, :village, 'TEAM_MEMBER', :today - 1, :today)""")
			.param("cadre", cadre)
			.param("village", village)
			.param("today", today)
			.update();
		String username = cadreUser(cadre, "FIRST_SECRETARY");
		HttpGraphQlTester cadreView = as(username, "the-right-password");
		int inVillage = sqlInt("select count(*) from household where village_id = " + village);
		assertThat(totalHouseholds(cadreView)).isEqualTo(inVillage);
		this.jdbc.sql("update posting set ended_on = :yesterday where cadre_id = :cadre")
			.param("yesterday", today.minusDays(1))
			.param("cadre", cadre)
			.update();
		assertThat(totalHouseholds(cadreView)).isZero();
	}

	@Test
	void randomPrincipalsAndRandomIdsNeverReachOutsideTheirJurisdiction() {
		Random random = new Random(SEED);
		List<String> principals = new ArrayList<>(List.of("demo-county", "demo-secretary", "demo-member", "demo-unit"));
		for (int i = 0; i < 3; i++) {
			principals.add(townOfficer(random));
			principals.add(cadreAccount(random));
		}
		List<Long> households = this.jdbc.sql("select id from household order by id").query(Long.class).list();
		List<String> visits = this.jdbc.sql("select id::text from visit order by id").query(String.class).list();
		List<Long> measures = this.jdbc.sql("select id from assistance_measure order by id").query(Long.class).list();
		List<Long> cases = this.jdbc.sql("select id from monitoring_case order by id").query(Long.class).list();
		List<String> villageCodes = this.jdbc.sql("select code from village order by code").query(String.class).list();
		for (String principal : principals) {
			HttpGraphQlTester tester = as(principal,
					principal.startsWith("demo-") ? "bangfu-demo" : "the-right-password");
			Set<Long> villages = visibleVillages(principal);
			Set<Long> cadres = visitingCadres(principal);
			// lists and their nested lists
			var lists = tester.documentName("jurisdictionLists")
				.variable("village", villageCodes.get(random.nextInt(villageCodes.size())))
				.execute();
			for (Long village : keys(
					lists.path("households.edges[*].node.village.id").entityList(String.class).get())) {
				assertThat(villages).as(principal + " household list").contains(village);
			}
			List<Long> visitVillages = keys(
					lists.path("visits.edges[*].node.village.id").entityList(String.class).get());
			List<Long> visitCadres = keys(lists.path("visits.edges[*].node.cadre.id").entityList(String.class).get());
			for (int i = 0; i < visitVillages.size(); i++) {
				assertThat(villages.contains(visitVillages.get(i)) || cadres.contains(visitCadres.get(i)))
					.as(principal + " visit list")
					.isTrue();
			}
			for (Long village : keys(
					lists.path("village.households.edges[*].node.village.id").entityList(String.class).get())) {
				assertThat(villages).as(principal + " village's households").contains(village);
			}
			// figures count exactly the households in scope, and group only into villages
			// in scope
			var figures = tester.document(
					"""
							{ monitoringFigures(groupBy: [VILLAGE]) { total { households } groups { keys { value } households } } }""")
				.execute();
			figures.path("monitoringFigures.total.households").entity(Integer.class).isEqualTo(householdsIn(villages));
			List<String> grouped = figures.path("monitoringFigures.groups[*].keys[0].value")
				.entityList(String.class)
				.get();
			assertThat(codesOf(villages)).as(principal + " figures' villages").containsAll(grouped);
			// lookups by random ids: found exactly when in scope
			for (int i = 0; i < 20; i++) {
				long household = households.get(random.nextInt(households.size()));
				boolean visible = villages.contains(villageOfHousehold(household));
				assertFound(tester, GlobalId.of("Household", household), visible, principal);
				String visit = visits.get(random.nextInt(visits.size()));
				Map<String, Object> row = this.jdbc
					.sql("select village_id, cadre_id from visit where id = cast(:id as uuid)")
					.param("id", visit)
					.query()
					.singleRow();
				boolean visitVisible = villages.contains(((Number) row.get("village_id")).longValue())
						|| cadres.contains(((Number) row.get("cadre_id")).longValue());
				assertFound(tester, GlobalId.of("Visit", visit), visitVisible, principal);
				long measure = measures.get(random.nextInt(measures.size()));
				long measureHousehold = this.jdbc.sql("select household_id from assistance_measure where id = :id")
					.param("id", measure)
					.query(Long.class)
					.single();
				assertFound(tester, GlobalId.of("AssistanceMeasure", measure),
						villages.contains(villageOfHousehold(measureHousehold)), principal);
				long monitoringCase = cases.get(random.nextInt(cases.size()));
				long caseVillage = this.jdbc.sql("select village_id from monitoring_case where id = :id")
					.param("id", monitoringCase)
					.query(Long.class)
					.single();
				assertFound(tester, GlobalId.of("MonitoringCase", monitoringCase), villages.contains(caseVillage),
						principal);
			}
			// the queues hold only tasks of villages in scope (or, without a village, of
			// the user's own towns and counties)
			for (Long village : keys(tester.document("{ tasks(first: 100) { edges { node { village { id } } } } }")
				.execute()
				.path("tasks.edges[*].node.village.id")
				.entityList(String.class)
				.get())) {
				assertThat(villages).as(principal + " tasks").contains(village);
			}
		}
	}

	/** The cadres whose visits a user should see wherever they were made. */
	private Set<Long> visitingCadres(String username) {
		return new HashSet<>(this.jdbc
			.sql("""
					select u.cadre_id from app_user u where u.username = :u and u.cadre_id is not null
					  and exists (select 1 from role_grant g where g.user_id = u.id and g.role in ('FIRST_SECRETARY', 'TEAM_MEMBER'))
					union
					select k.id from cadre k join role_grant g on g.unit_id = k.dispatching_unit_id
					join app_user u on u.id = g.user_id where u.username = :u""")
			.param("u", username)
			.query(Long.class)
			.list());
	}

	private int householdsIn(Set<Long> villages) {
		return this.jdbc.sql("""
				select count(distinct household_id) from monitoring_case
				where included_on <= current_date and village_id = any(:v)""")
			.param("v", villages.toArray(Long[]::new))
			.query(Integer.class)
			.single();
	}

	private Set<String> codesOf(Set<Long> villages) {
		return new HashSet<>(this.jdbc.sql("select code from village where id = any(:v)")
			.param("v", villages.toArray(Long[]::new))
			.query(String.class)
			.list());
	}

	private long villageOfHousehold(long household) {
		return this.jdbc.sql("select village_id from household where id = :id")
			.param("id", household)
			.query(Long.class)
			.single();
	}

	private void assertFound(HttpGraphQlTester tester, String id, boolean expected, String principal) {
		var response = tester.document("query($id: ID!) { node(id: $id) { id } }").variable("id", id).execute();
		if (expected) {
			response.path("node.id").entity(String.class).isEqualTo(id);
		}
		else {
			response.path("node").valueIsNull();
		}
	}

	private String townOfficer(Random random) {
		List<String> towns = this.jdbc.sql("select code from town order by code").query(String.class).list();
		String username = newUser("town-officer");
		as("demo-admin").document("""
				mutation($id: ID!, $t: String) { grantRole(input: {userId: $id, role: TOWN_OFFICER, townCode: $t}) {
				  userErrors { code } } }""")
			.variable("id", userId(username))
			.variable("t", towns.get(random.nextInt(towns.size())))
			.execute()
			.path("grantRole.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		return username;
	}

	private String cadreAccount(Random random) {
		List<Long> cadres = this.jdbc.sql("""
				select p.cadre_id from posting p where p.ended_on is null
				  and not exists (select 1 from app_user u where u.cadre_id = p.cadre_id)
				order by p.cadre_id""").query(Long.class).list();
		return cadreUser(cadres.get(random.nextInt(cadres.size())), "TEAM_MEMBER");
	}

	/**
	 * A new account for a cadre, with a cadre's role, signing in with the tests'
	 * password.
	 */
	private String cadreUser(long cadre, String role) {
		String username = "cadre-" + UUID.randomUUID().toString().substring(0, 8);
		var admin = as("demo-admin");
		String id = admin.document("""
				mutation($u: String!, $c: ID!) { createUser(input: {username: $u, password: "the-right-password",
				  displayName: "测试", cadreId: $c}) { user { id } } }""")
			.variable("u", username)
			.variable("c", GlobalId.of("ResidentCadre", cadre))
			.execute()
			.path("createUser.user.id")
			.entity(String.class)
			.get();
		admin.document(
				"mutation($id: ID!, $r: Role!) { grantRole(input: {userId: $id, role: $r}) { userErrors { code } } }")
			.variable("id", id)
			.variable("r", role)
			.execute()
			.path("grantRole.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		return username;
	}

	private static List<Long> keys(List<String> ids) {
		return ids.stream().map((id) -> GlobalId.decode(id).numericKey()).toList();
	}

	private int totalHouseholds(HttpGraphQlTester tester) {
		return tester.document("{ households(first: 0) { totalCount } }")
			.execute()
			.path("households.totalCount")
			.entity(Integer.class)
			.get();
	}

	private int totalVisits(HttpGraphQlTester tester) {
		return tester.document("{ visits(first: 0) { totalCount } }")
			.execute()
			.path("visits.totalCount")
			.entity(Integer.class)
			.get();
	}

}
