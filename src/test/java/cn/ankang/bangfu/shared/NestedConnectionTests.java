package cn.ankang.bangfu.shared;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.relay.PageRequest;
import cn.ankang.bangfu.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connections below a list (a town's villages' projects, a village's households' visits):
 * every parent gets its own page after the same cursor, whatever number of children it
 * has, none included; and {@code totalCount} costs a statement only when selected.
 * Expected pages come from SQL written here, independently of the service's.
 */
class NestedConnectionTests extends ApiTestSupport {

	private static final String TOWN_PROJECTS = """
			query($town: String!, $after: String) { town(code: $town) { villages(first: 100) { edges { node { code
			  projects(first: 2, after: $after) {
			    totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } } } } }""";

	private static final String HOUSEHOLDS_VISITS = """
			query($first: Int, $after: String) { households(first: 100) { edges { node { id
			  visits(first: $first, after: $after) {
			    totalCount edges { node { id } } pageInfo { hasNextPage hasPreviousPage } } } } } }""";

	@Test
	void eachVillageGetsItsOwnPageOfProjectsAfterTheSameCursor() {
		// a town with a village without projects and one with more than a page of them
		String town = sqlString("""
				select t.code from town t
				where exists (select 1 from village v where v.town_id = t.id
				              and not exists (select 1 from project p where p.village_id = v.id))
				  and exists (select 1 from village v where v.town_id = t.id
				              and (select count(*) from project p where p.village_id = v.id) > 3)
				order by t.code limit 1""");
		long middle = this.jdbc.sql("""
				select p.id from project p join village v on v.id = p.village_id join town t on t.id = v.town_id
				where t.code = :town order by p.id
				offset (select count(*) / 2 from project p join village v on v.id = p.village_id
				        join town t on t.id = v.town_id where t.code = :town) limit 1""")
			.param("town", town)
			.query(Long.class)
			.single();
		List<Map<String, Object>> firstPages = villagesProjects(town, null);
		List<Map<String, Object>> laterPages = villagesProjects(town, PageRequest.cursor("projects", middle));
		assertThat(firstPages).hasSameSizeAs(laterPages)
			.hasSize(sqlInt("select count(*) from village v join town t on t.id = v.town_id where t.code = '%s'"
				.formatted(town)));
		for (int i = 0; i < firstPages.size(); i++) {
			String village = (String) firstPages.get(i).get("code");
			assertProjectPage(village, null, firstPages.get(i));
			assertProjectPage(village, middle, laterPages.get(i));
		}
		// the cursor splits the town: some villages have nothing after it, some more than
		// a page
		assertThat(laterPages).anySatisfy((page) -> assertThat(edges(page, "projects")).isEmpty())
			.anySatisfy((page) -> assertThat(pageInfo(page, "projects").get("hasNextPage")).isEqualTo(true));
	}

	@Test
	void eachHouseholdGetsItsOwnPageOfVisitsAfterTheSameCursor() {
		// the first hundred households by id, as the list gives them to the city leader
		String households = "select id from household order by id limit 100";
		assertThat(sqlInt(
				"select count(*) from (%s) h where not exists (select 1 from visit vi where vi.household_id = h.id)"
					.formatted(households)))
			.as("households never visited")
			.isPositive();
		Keyset middle = this.jdbc
			.sql("""
					select occurred_at, id::text from visit
					where household_id in (%1$s) and replaced_by is null
					order by occurred_at desc, id desc
					offset (select count(*) / 2 from visit where household_id in (%1$s) and replaced_by is null) limit 1"""
				.formatted(households))
			.query((rs, n) -> new Keyset(rs.getObject("occurred_at", OffsetDateTime.class), rs.getString("id")))
			.single();
		String cursor = PageRequest.cursor("visits", middle.occurredAt().toInstant(), middle.id());
		for (int first : new int[] { 0, 2 }) {
			List<Map<String, Object>> firstPages = householdsVisits(first, null);
			List<Map<String, Object>> laterPages = householdsVisits(first, cursor);
			assertThat(firstPages).hasSize(100);
			for (int i = 0; i < firstPages.size(); i++) {
				long household = GlobalId.decodeNumeric((String) firstPages.get(i).get("id"), "Household");
				assertVisitPage(household, first, null, firstPages.get(i));
				assertVisitPage(household, first, middle, laterPages.get(i));
			}
		}
		// the cursor splits the households: some have nothing after it, some more than a
		// page
		assertThat(householdsVisits(2, cursor)).anySatisfy((page) -> assertThat(edges(page, "visits")).isEmpty())
			.anySatisfy((page) -> assertThat(pageInfo(page, "visits").get("hasNextPage")).isEqualTo(true));
	}

	@Test
	void countsChildrenOnlyWhenTotalCountIsSelected() {
		String without = """
				query($first: Int) { list: villages(first: $first) { edges { node {
				  households(first: 5) { edges { node { visits(first: 2) { edges { node { id } } } } } } } } } }""";
		String with = """
				query($first: Int) { list: villages(first: $first) { edges { node {
				  households(first: 5) { totalCount edges { node { visits(first: 2) { totalCount edges { node { id } } } } } } } } } }""";
		long withoutForTen = statements(without, 10);
		long withForTen = statements(with, 10);
		assertThat(statements(without, 60)).isEqualTo(withoutForTen);
		assertThat(statements(with, 60)).isEqualTo(withForTen);
		// one grouped count per connection that asks, in the transaction of its page
		assertThat(withForTen - withoutForTen).isEqualTo(2);
	}

	@Test
	void countsChildrenWhenTotalCountIsSelectedThroughFragments() {
		// the same count asked for directly, in a named fragment and in an inline one
		String direct = """
				query { households(first: 20) { edges { node { id visits(first: 1) { totalCount } } } } }""";
		String fragments = """
				query { households(first: 20) { edges { node { id visits(first: 1) { ...Counted } } } } }
				fragment Counted on VisitConnection { ... on VisitConnection { totalCount } }""";
		List<Object> expected = this.graphQl.document(direct)
			.execute()
			.errors()
			.verify()
			.path("households.edges[*].node.visits.totalCount")
			.entityList(Object.class)
			.get();
		assertThat(expected).hasSize(20).anySatisfy((count) -> assertThat((Integer) count).isPositive());
		assertThat(this.graphQl.document(fragments)
			.execute()
			.errors()
			.verify()
			.path("households.edges[*].node.visits.totalCount")
			.entityList(Object.class)
			.get()).isEqualTo(expected);
	}

	@Test
	void refusesAPageSizeOutOfRangeOnEveryNestedConnection() {
		for (String document : List.of(
				"{ households(first: 1) { edges { node { visits(first: 101) { totalCount } } } } }",
				"{ villages(first: 1) { edges { node { projects(first: -1) { totalCount } } } } }",
				"{ villages(first: 1) { edges { node { town { villages(first: 101) { totalCount } } } } } }")) {
			assertError(document, "INVALID_ARGUMENT");
		}
	}

	private long statements(String document, int first) {
		return statements(this.graphQl.document(document), first);
	}

	private List<Map<String, Object>> villagesProjects(String town, @Nullable String after) {
		return nodes(this.graphQl.document(TOWN_PROJECTS)
			.variable("town", town)
			.variable("after", after)
			.execute()
			.errors()
			.verify()
			.path("town.villages.edges[*].node")
			.entityList(Object.class)
			.get());
	}

	private List<Map<String, Object>> householdsVisits(int first, @Nullable String after) {
		return nodes(this.graphQl.document(HOUSEHOLDS_VISITS)
			.variable("first", first)
			.variable("after", after)
			.execute()
			.errors()
			.verify()
			.path("households.edges[*].node")
			.entityList(Object.class)
			.get());
	}

	private void assertProjectPage(String village, @Nullable Long after, Map<String, Object> actual) {
		List<String> rows = this.jdbc.sql("""
				select p.id from project p join village v on v.id = p.village_id
				where v.code = :village and (cast(:after as bigint) is null or p.id > :after)
				order by p.id limit 3""")
			.param("village", village)
			.param("after", after)
			.query(Long.class)
			.list()
			.stream()
			.map((id) -> GlobalId.of("Project", id))
			.toList();
		int total = sqlInt("select count(*) from project p join village v on v.id = p.village_id where v.code = '%s'"
			.formatted(village));
		List<Map<String, Object>> edges = edges(actual, "projects");
		assertThat(edges).extracting((edge) -> node(edge).get("id")).as(village).isEqualTo(page(rows, 2));
		Map<String, Object> pageInfo = pageInfo(actual, "projects");
		assertThat(pageInfo.get("hasNextPage")).as(village).isEqualTo(rows.size() > 2);
		assertThat(pageInfo.get("hasPreviousPage")).as(village).isEqualTo(after != null);
		assertThat(pageInfo.get("startCursor")).isEqualTo(edges.isEmpty() ? null : edges.get(0).get("cursor"));
		assertThat(pageInfo.get("endCursor"))
			.isEqualTo(edges.isEmpty() ? null : edges.get(edges.size() - 1).get("cursor"));
		assertThat(total(actual, "projects")).as(village).isEqualTo(total);
	}

	private void assertVisitPage(long household, int first, @Nullable Keyset after, Map<String, Object> actual) {
		List<String> rows = this.jdbc.sql("""
				select id::text from visit
				where household_id = :household and replaced_by is null
				  and (cast(:afterAt as timestamptz) is null or (occurred_at, id) < (:afterAt, cast(:afterId as uuid)))
				order by occurred_at desc, id desc limit :limit""")
			.param("household", household)
			.param("afterAt", (after != null) ? after.occurredAt() : null)
			.param("afterId", (after != null) ? after.id() : null)
			.param("limit", first + 1)
			.query(String.class)
			.list()
			.stream()
			.map((id) -> GlobalId.of("Visit", id))
			.toList();
		int total = sqlInt("select count(*) from visit where replaced_by is null and household_id = " + household);
		assertThat(edges(actual, "visits")).extracting((edge) -> node(edge).get("id"))
			.as("household %d", household)
			.isEqualTo(page(rows, first));
		Map<String, Object> pageInfo = pageInfo(actual, "visits");
		assertThat(pageInfo.get("hasNextPage")).as("household %d", household).isEqualTo(rows.size() > first);
		assertThat(pageInfo.get("hasPreviousPage")).isEqualTo(after != null);
		assertThat(total(actual, "visits")).as("household %d", household).isEqualTo(total);
	}

	private static List<Object> page(List<String> rows, int first) {
		return new ArrayList<>(rows.subList(0, Math.min(first, rows.size())));
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> nodes(List<Object> nodes) {
		return nodes.stream().map((node) -> (Map<String, Object>) node).toList();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> connection(Map<String, Object> parent, String field) {
		return (Map<String, Object>) parent.get(field);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> edges(Map<String, Object> parent, String field) {
		return (List<Map<String, Object>>) connection(parent, field).get("edges");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> pageInfo(Map<String, Object> parent, String field) {
		return (Map<String, Object>) connection(parent, field).get("pageInfo");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> node(Map<String, Object> edge) {
		return (Map<String, Object>) edge.get("node");
	}

	private static int total(Map<String, Object> parent, String field) {
		return (Integer) connection(parent, field).get("totalCount");
	}

	private record Keyset(OffsetDateTime occurredAt, String id) {
	}

}
