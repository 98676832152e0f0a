package cn.ankang.bangfu.figure;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import graphql.schema.GraphQLFieldDefinition;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.visit.VisitDrafts;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who has not been visited: the households under monitoring and the villages without a
 * visit in the last days, as each asker's jurisdiction holds them, and exactly what the
 * coverage figure counts. Expected values come from SQL written here, as the owner, past
 * the service's filters.
 */
class UnvisitedTests extends ApiTestSupport {

	@Autowired
	private GraphQlSource graphQlSource;

	private static final String HOUSEHOLDS = """
			query Unvisited($days: Int, $filter: FigureFilter, $after: String) {
			  unvisitedHouseholds(days: $days, filter: $filter, first: 100, after: $after) {
			    totalCount days asOf since pageInfo { hasNextPage endCursor }
			    edges { cursor node {
			      household { id status headIdNumber personalDataVisible }
			      villageCode villageName townName countyName lastVisitedAt lastVisitedOn daysSinceLastVisit
			      cadres { name role roleName } } } } }""";

	/**
	 * The households of a whole county page by page, with as few fields as the checks
	 * need: a page costs its fields times 100 of the user's rate limit.
	 */
	private static final String LEAN = """
			query Unvisited($days: Int, $filter: FigureFilter, $after: String) {
			  unvisitedHouseholds(days: $days, filter: $filter, first: 100, after: $after) {
			    totalCount pageInfo { hasNextPage endCursor }
			    edges { node { household { id } villageCode lastVisitedAt lastVisitedOn daysSinceLastVisit } } } }""";

	private static final String VILLAGES = """
			query UnvisitedVillages($days: Int, $filter: FigureFilter, $after: String) {
			  unvisitedVillages(days: $days, filter: $filter, first: 100, after: $after) {
			    totalCount pageInfo { hasNextPage endCursor }
			    edges { node {
			      village { code } villageCode villageName townName countyName monitoredHouseholds
			      lastVisitedAt lastVisitedOn daysSinceLastVisit
			      firstSecretary { name role roleName } cadres { name role } } } } }""";

	/** The households of a county under monitoring without a current visit in 30 days. */
	private static final String NOT_VISITED_IN_30_DAYS = """
			h.status = 'MONITORING' and not exists (
			  select 1 from visit vi where vi.household_id = h.id and vi.replaced_by is null
			    and vi.occurred_at >= now() - interval '30 days')""";

	@Test
	void aCountyOfficerSeesTheirCountysHouseholdsEachOnceLongestUnvisitedFirst() {
		String county = sqlString("""
				select c.code from county c join role_grant g on g.county_id = c.id join app_user u on u.id = g.user_id
				where u.username = 'demo-county'""");
		List<Map<String, Object>> nodes = all(as("demo-county"), LEAN, "unvisitedHouseholds", 30, null);
		Set<String> expected = Set.copyOf(this.jdbc.sql("""
				select h.id from household h join village v on v.id = h.village_id join town t on t.id = v.town_id
				join county c on c.id = t.county_id where c.code = :county""" + " and " + NOT_VISITED_IN_30_DAYS)
			.param("county", county)
			.query(Long.class)
			.list()
			.stream()
			.map((key) -> GlobalId.of("Household", key))
			.toList());
		List<String> ids = nodes.stream().map(UnvisitedTests::householdId).toList();
		// paging in pages of 100 gives each household once, and every one of them
		assertThat(ids).hasSizeGreaterThan(100).doesNotHaveDuplicates();
		assertThat(Set.copyOf(ids)).isEqualTo(expected);
		assertThat(nodes).allSatisfy((node) -> assertThat(node.get("villageCode").toString()).startsWith(county));
		// never visited first, then the oldest last visit first
		List<String> visits = nodes.stream().map((node) -> (String) node.get("lastVisitedAt")).toList();
		int never = (int) visits.stream().takeWhile((at) -> at == null).count();
		assertThat(never).isPositive().isLessThan(visits.size());
		List<OffsetDateTime> visited = visits.subList(never, visits.size())
			.stream()
			.map((at) -> OffsetDateTime.parse(Objects.requireNonNull(at)))
			.toList();
		assertThat(visited).doesNotContainNull().isSortedAccordingTo(OffsetDateTime::compareTo);
		assertThat(visited.get(visited.size() - 1)).isBefore(OffsetDateTime.now().minusDays(30));
		Map<String, Object> oldest = nodes.get(never);
		assertThat((Integer) oldest.get("daysSinceLastVisit")).isGreaterThanOrEqualTo(30);
		assertThat(oldest.get("lastVisitedOn")).isNotNull();
		assertThat(nodes.get(0).get("daysSinceLastVisit")).isNull();
	}

	@Test
	void aFirstSecretarySeesOnlyTheirVillage() {
		String village = secretarysVillage();
		List<Map<String, Object>> nodes = all(as("demo-secretary"), HOUSEHOLDS, "unvisitedHouseholds", 30, null);
		int expected = sqlInt("""
				select count(*) from household h join village v on v.id = h.village_id
				where v.code = '%s' and %s""".formatted(village, NOT_VISITED_IN_30_DAYS));
		assertThat(nodes).hasSize(expected).isNotEmpty();
		assertThat(nodes).allSatisfy((node) -> assertThat(node.get("villageCode")).isEqualTo(village));
		// the village's own cadre sees its households' personal data
		assertThat(nodes).allSatisfy((node) -> assertThat(household(node)).containsEntry("personalDataVisible", true));
		// another village's code finds nothing of another village
		as("demo-secretary").document(HOUSEHOLDS)
			.variable("filter", Map.of("villageCode", otherVillage(village)))
			.execute()
			.path("unvisitedHouseholds.totalCount")
			.entity(Integer.class)
			.isEqualTo(0);
		as("demo-unit").document(HOUSEHOLDS)
			.execute()
			.path("unvisitedHouseholds.totalCount")
			.entity(Integer.class)
			.isEqualTo(0);
	}

	@Test
	void aHouseholdVisitedTodayLeavesTheList() {
		HttpGraphQlTester secretary = as("demo-secretary");
		List<Map<String, Object>> before = all(secretary, LEAN, "unvisitedHouseholds", 1, null);
		assertThat(before).isNotEmpty();
		String household = householdId(before.get(before.size() - 1));
		Map<String, Object> visit = VisitDrafts.householdVisit(this.jdbc);
		visit.put("householdId", household);
		visit.put("findings", Map.of("housingSafe", true));
		secretary.document("""
				mutation($v: LogVisitInput!) { logVisit(input: $v) { receipt { status } userErrors { code } } }""")
			.variable("v", visit)
			.execute()
			.path("logVisit.receipt.status")
			.entity(String.class)
			.isEqualTo("ACCEPTED");
		List<Map<String, Object>> after = all(secretary, LEAN, "unvisitedHouseholds", 1, null);
		assertThat(after.stream().map(UnvisitedTests::householdId)).doesNotContain(household);
		assertThat(after).hasSize(before.size() - 1);
		// in a window that began before the visit too: not visited within it is what
		// counts
		assertThat(all(secretary, LEAN, "unvisitedHouseholds", 366, null).stream().map(UnvisitedTests::householdId))
			.doesNotContain(household);
	}

	@Test
	void householdsWhoseRiskWasEliminatedAreNotListed() {
		// a village with households of both kinds: the eliminated ones had no visit of
		// late
		String village = sqlString("""
				select v.code from village v join household h on h.village_id = v.id
				group by v.code
				having count(*) filter (where h.status = 'RISK_ELIMINATED') > 0
				   and count(*) filter (where h.status = 'MONITORING') > 0
				order by v.code limit 1""");
		List<String> eliminated = this.jdbc.sql("""
				select h.id from household h join village v on v.id = h.village_id
				where v.code = :village and h.status <> 'MONITORING'""")
			.param("village", village)
			.query(Long.class)
			.list()
			.stream()
			.map((key) -> GlobalId.of("Household", key))
			.toList();
		List<Map<String, Object>> nodes = all(this.graphQl, HOUSEHOLDS, "unvisitedHouseholds", 366,
				Map.of("villageCode", village));
		assertThat(nodes.stream().map(UnvisitedTests::householdId)).doesNotContainAnyElementsOf(eliminated);
		assertThat(nodes).allSatisfy((node) -> assertThat(household(node)).containsEntry("status", "MONITORING"));
	}

	@Test
	void theListsAreWhatTheCoverageFigureCounts() {
		for (String arguments : List.of("days: 30, filter: {countyCode: \"610902\"}",
				"days: 90, filter: {countyCode: \"610921\", keyAreasOnly: true}", "days: 7", "")) {
			Map<String, Object> coverage = this.graphQl
				.document("""
						{ visitCoverageFigures(%s) { total { monitoredHouseholds visitedHouseholds unvisitedVillages } }
						  unvisitedHouseholds(%s) { totalCount } unvisitedVillages(%s) { totalCount } }"""
					.formatted(arguments, arguments, arguments)
					.replace("()", ""))
				.execute()
				.path("")
				.entity(Map.class)
				.get();
			Map<?, ?> total = (Map<?, ?>) ((Map<?, ?>) coverage.get("visitCoverageFigures")).get("total");
			int households = (Integer) ((Map<?, ?>) coverage.get("unvisitedHouseholds")).get("totalCount");
			int villages = (Integer) ((Map<?, ?>) coverage.get("unvisitedVillages")).get("totalCount");
			assertThat(households).as(arguments)
				.isEqualTo((Integer) total.get("monitoredHouseholds") - (Integer) total.get("visitedHouseholds"));
			assertThat(villages).as(arguments).isEqualTo(total.get("unvisitedVillages"));
			assertThat(households).as(arguments).isPositive();
		}
	}

	@Test
	void villagesNotVisitedComeWithTheirFirstSecretaryLongestUnvisitedFirst() {
		List<Map<String, Object>> villages = all(as("demo-county"), VILLAGES, "unvisitedVillages", 30, null);
		List<Map<String, Object>> households = all(as("demo-county"), LEAN, "unvisitedHouseholds", 30, null);
		assertThat(villages).isNotEmpty();
		Map<Object, Long> unvisitedByVillage = households.stream()
			.collect(Collectors.groupingBy((node) -> node.get("villageCode"), Collectors.counting()));
		// every household under monitoring there is on the households' list
		Map<String, Integer> monitored = new HashMap<>();
		Map<String, String> secretaries = new HashMap<>();
		this.jdbc.sql("""
				select v.code, count(*)::int as monitored, (
				         select k.name from posting p join cadre k on k.id = p.cadre_id
				         where p.village_id = v.id and p.role = 'FIRST_SECRETARY' and p.started_on <= current_date
				           and (p.ended_on is null or p.ended_on >= current_date)) as secretary
				from household h join village v on v.id = h.village_id
				where h.status = 'MONITORING' group by v.id, v.code""").query((rs) -> {
			monitored.put(rs.getString("code"), rs.getInt("monitored"));
			secretaries.put(rs.getString("code"), rs.getString("secretary"));
		});
		for (Map<String, Object> village : villages) {
			String code = (String) village.get("villageCode");
			assertThat(((Map<?, ?>) village.get("village")).get("code")).isEqualTo(code);
			assertThat(village.get("monitoredHouseholds")).as(code).isEqualTo(monitored.get(code));
			assertThat(unvisitedByVillage.get(code)).as(code).isEqualTo((long) monitored.get(code));
			Map<?, ?> secretary = (Map<?, ?>) village.get("firstSecretary");
			if (secretaries.get(code) == null) {
				assertThat(secretary).as(code).isNull();
			}
			else {
				assertThat(secretary).as(code)
					.isEqualTo(Map.of("name", secretaries.get(code), "role", "FIRST_SECRETARY", "roleName", "第一书记"));
			}
		}
		List<String> visits = villages.stream().map((node) -> (String) node.get("lastVisitedAt")).toList();
		int never = (int) visits.stream().takeWhile((at) -> at == null).count();
		assertThat(visits.subList(never, visits.size())).doesNotContainNull()
			.isSortedAccordingTo((a, b) -> OffsetDateTime.parse(a).compareTo(OffsetDateTime.parse(b)));
		// a village where some household was visited is not on the list
		String visitedVillage = sqlString("""
				select v.code from household h join village v on v.id = h.village_id join town t on t.id = v.town_id
				join county c on c.id = t.county_id join role_grant g on g.county_id = c.id
				join app_user u on u.id = g.user_id
				where u.username = 'demo-county' and h.status = 'MONITORING' and exists (
				  select 1 from visit vi where vi.household_id = h.id and vi.replaced_by is null
				    and vi.occurred_at >= now() - interval '29 days')
				order by v.code limit 1""");
		assertThat(villages.stream().map((node) -> node.get("villageCode"))).doesNotContain(visitedVillage);
	}

	@Test
	void theCadresCarryNamesAndPostsOnly() {
		assertThat(this.graphQlSource.schema().getObjectType("PostedCadre").getFieldDefinitions())
			.extracting(GraphQLFieldDefinition::getName)
			.containsExactly("name", "role", "roleName");
		String village = secretarysVillage();
		List<Map<String, Object>> nodes = all(as("demo-secretary"), HOUSEHOLDS, "unvisitedHouseholds", 30, null);
		List<Map<String, Object>> expected = this.jdbc
			.sql("""
					select k.name, p.role from posting p join cadre k on k.id = p.cadre_id join village v on v.id = p.village_id
					where v.code = :code and p.started_on <= current_date and (p.ended_on is null or p.ended_on >= current_date)
					order by case p.role when 'FIRST_SECRETARY' then 0 when 'TEAM_LEADER' then 1 else 2 end, k.name, k.id""")
			.param("code", village)
			.query((rs, n) -> Map.<String, Object>of("name", rs.getString("name"), "role", rs.getString("role")))
			.list();
		assertThat(expected).isNotEmpty();
		assertThat(nodes).allSatisfy((node) -> {
			List<Map<String, Object>> cadres = cadres(node);
			assertThat(cadres).extracting((cadre) -> Map.of("name", cadre.get("name"), "role", cadre.get("role")))
				.isEqualTo(expected);
			assertThat(cadres).allSatisfy((cadre) -> assertThat(cadre).containsOnlyKeys("name", "role", "roleName"));
		});
	}

	@Test
	void aCityLeaderGetsTheHouseholdsMaskedAndACountyOfficerUnmaskedOnRecord() {
		Map<String, Object> filter = Map.of("villageCode", secretarysVillage());
		List<Map<String, Object>> masked = all(this.graphQl, HOUSEHOLDS, "unvisitedHouseholds", 30, filter);
		assertThat(masked).isNotEmpty()
			.allSatisfy((node) -> assertThat((String) household(node).get("headIdNumber")).contains("*"));
		long mark = Long.parseLong(sqlString("select coalesce(max(id), 0)::text from audit_event"));
		List<Map<String, Object>> full = all(as("demo-county"), HOUSEHOLDS, "unvisitedHouseholds", 30, filter);
		assertThat(full)
			.allSatisfy((node) -> assertThat((String) household(node).get("headIdNumber")).doesNotContain("*"));
		List<String> targets = this.jdbc.sql("""
				select unnest(target_ids) from audit_event
				where id > :mark and username = 'demo-county' and kind = 'PERSONAL_READ' and operation = 'Unvisited'""")
			.param("mark", mark)
			.query(String.class)
			.list();
		assertThat(targets)
			.containsExactlyInAnyOrderElementsOf(full.stream().map(UnvisitedTests::householdId).toList());
	}

	@Test
	void aWindowOutOfRangeOrAPeriodOrAnotherListsCursorIsRefusedWithACode() {
		for (String field : List.of("unvisitedHouseholds", "unvisitedVillages")) {
			for (int days : List.of(0, -1, 367)) {
				this.graphQl.document("{ %s(days: %d) { totalCount } }".formatted(field, days))
					.execute()
					.errors()
					.satisfy((errors) -> {
						assertThat(errors).hasSize(1);
						assertThat(errors.get(0).getExtensions()).containsEntry("code", "INVALID_ARGUMENT")
							.containsEntry("argument", "days");
						assertThat(errors.get(0).getMessage()).isEqualTo("天数（days）应在 1 到 366 之间。");
					});
			}
			assertError("{ %s(filter: {year: 2023}) { totalCount } }".formatted(field), "INVALID_ARGUMENT");
			assertError("{ %s(first: 101) { totalCount } }".formatted(field), "INVALID_ARGUMENT");
		}
		String villageCursor = this.graphQl
			.document("{ unvisitedVillages(days: 366, first: 1) { pageInfo { endCursor } } }")
			.execute()
			.path("unvisitedVillages.pageInfo.endCursor")
			.entity(String.class)
			.get();
		assertError(this.graphQl.document("query($a: String) { unvisitedHouseholds(after: $a) { totalCount } }")
			.variable("a", villageCursor), "INVALID_CURSOR");
		assertError("{ unvisitedHouseholds(after: \"bm90LWEtY3Vyc29y\") { totalCount } }", "INVALID_CURSOR");
		// the same window rule holds for the coverage figure
		this.graphQl.document("{ visitCoverageFigures(days: 400) { days } }")
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors.get(0).getExtensions()).containsEntry("argument", "days"));
	}

	/** Every node of a list, page by page. */
	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> all(HttpGraphQlTester tester, String document, String field, int days,
			Map<String, Object> filter) {
		List<Map<String, Object>> nodes = new ArrayList<>();
		String after = null;
		Integer total = null;
		for (int page = 0; page < 100; page++) {
			GraphQlTester.Request<?> request = tester.document(document)
				.variable("days", days)
				.variable("after", after);
			if (filter != null) {
				request = request.variable("filter", filter);
			}
			Map<String, Object> connection = request.execute().path(field).entity(Map.class).get();
			total = (Integer) connection.get("totalCount");
			for (Map<String, Object> edge : (List<Map<String, Object>>) connection.get("edges")) {
				nodes.add((Map<String, Object>) edge.get("node"));
			}
			Map<String, Object> pageInfo = (Map<String, Object>) connection.get("pageInfo");
			if (!(Boolean) pageInfo.get("hasNextPage")) {
				assertThat(nodes).hasSize(total);
				return nodes;
			}
			after = (String) pageInfo.get("endCursor");
		}
		throw new AssertionError("More than 100 pages of " + field);
	}

	private String secretarysVillage() {
		return sqlString("""
				select v.code from app_user u join posting p on p.cadre_id = u.cadre_id and p.ended_on is null
				join village v on v.id = p.village_id where u.username = 'demo-secretary'""");
	}

	private String otherVillage(String village) {
		return sqlString("""
				select v.code from village v join household h on h.village_id = v.id
				where v.code <> '%s' and h.status = 'MONITORING' order by v.code limit 1""".formatted(village));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> household(Map<String, Object> node) {
		return (Map<String, Object>) node.get("household");
	}

	private static String householdId(Map<String, Object> node) {
		return (String) household(node).get("id");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> cadres(Map<String, Object> node) {
		return (List<Map<String, Object>>) node.get("cadres");
	}

}
