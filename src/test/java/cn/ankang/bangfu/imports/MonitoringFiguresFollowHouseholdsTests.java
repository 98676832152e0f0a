package cn.ankang.bangfu.imports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.json.JSONObject;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.shared.relay.GlobalId;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitoring figures count a household's people and group it by its category as the
 * household is now: its cases carry both (V39), so whichever way a household changes (an
 * import that corrects it, a member who leaves through the API) its figures move in the
 * same transaction.
 */
@SuppressWarnings("unchecked")
class MonitoringFiguresFollowHouseholdsTests extends ImportTestSupport {

	/** A village of {@link #COUNTY} no other test imports into. */
	private static final String VILLAGE = "610902006008";

	@Test
	void aHouseholdsNewCategoryAndMembersReachItsFiguresAtOnce() {
		String token = countyOfficerToken();
		Map<String, List<Integer>> before = byCategory();
		String head = person(LocalDate.of(1966, 3, 3), true);
		String wife = person(LocalDate.of(1969, 8, 8), false);
		List<List<Object>> rows = new ArrayList<>(List.of(HOUSEHOLD_HEADER,
				member(VILLAGE, "周长林", "周长林", head, "户主", "边缘易致贫户", "因病", LocalDate.of(2022, 5, 1), null, null),
				member(VILLAGE, "周长林", "刘桂芝", wife, "配偶", "边缘易致贫户", "因病", LocalDate.of(2022, 5, 1), null, null)));
		assertThat(
				committed(token, checked(token, "HOUSEHOLDS", "监测户.xlsx", workbook("监测户成员", rows))).getInt("created"))
			.isEqualTo(1);
		assertThat(byCategory()).isEqualTo(plus(before, "MARGINAL_AT_RISK", 1, 2));

		// corrected: another category and a child; the household leaves one group for
		// the other with its three people
		String child = person(LocalDate.of(2010, 1, 1), true);
		rows.set(1, member(VILLAGE, "周长林", "周长林", head, "户主", "突发严重困难户", "因病", LocalDate.of(2022, 5, 1), null, null));
		rows.set(2, member(VILLAGE, "周长林", "刘桂芝", wife, "配偶", "突发严重困难户", "因病", LocalDate.of(2022, 5, 1), null, null));
		rows.add(member(VILLAGE, "周长林", "周小宝", child, "之子", "突发严重困难户", "因病", LocalDate.of(2022, 5, 1), null, null));
		JSONObject change = checked(token, "HOUSEHOLDS", "监测户-更正.xlsx", workbook("监测户成员", rows));
		assertThat(change.getInt("toChange")).as(change.toString()).isEqualTo(1);
		assertThat(committed(token, change).getInt("changed")).isEqualTo(1);
		assertThat(byCategory()).isEqualTo(plus(before, "SUDDEN_SEVERE_HARDSHIP", 1, 3));

		// the child moves out, recorded through the API
		long household = this.jdbc.sql("select id from household where head_id_number = :id")
			.param("id", head)
			.query(Long.class)
			.single();
		HttpGraphQlTester officer = countyOfficer(COUNTY);
		Map<String, Object> shown = officer
			.document("query($id: ID!) { node(id: $id) { ... on Household { version members { id name } } } }")
			.variable("id", GlobalId.of("Household", household))
			.execute()
			.path("node")
			.entity(Map.class)
			.get();
		String childId = ((List<Map<String, Object>>) shown.get("members")).stream()
			.filter((m) -> "周小宝".equals(m.get("name")))
			.map((m) -> (String) m.get("id"))
			.findFirst()
			.orElseThrow();
		officer.document("""
				mutation($input: RecordMemberLeavingInput!) { recordMemberLeaving(input: $input) {
				  household { memberCount } userErrors { code } } }""")
			.variable("input",
					Map.of("changeId", changeId(), "memberId", childId, "baseVersion", shown.get("version"), "reason",
							"MOVED_OUT", "on", LocalDate.now().minusDays(1).toString()))
			.execute()
			.path("recordMemberLeaving.userErrors")
			.entityList(Object.class)
			.hasSize(0)
			.path("recordMemberLeaving.household.memberCount")
			.entity(Integer.class)
			.isEqualTo(2);
		assertThat(byCategory()).isEqualTo(plus(before, "SUDDEN_SEVERE_HARDSHIP", 1, 2));

		// and every case, whoever changed its household, carries what its household has
		assertThat(sqlInt("""
				select count(*) from monitoring_case c join household h on h.id = c.household_id
				where c.household_member_count <> h.member_count or c.household_category <> h.category""")).isZero();
	}

	/** The village's monitored households and people by category, as the figure says. */
	private Map<String, List<Integer>> byCategory() {
		List<Map<String, Object>> groups = cityLeader().document("""
				query($f: FigureFilter) { monitoringFigures(filter: $f, groupBy: [CATEGORY]) {
				  groups { keys { value } households people } } }""")
			.variable("f", Map.of("villageCode", VILLAGE))
			.execute()
			.path("monitoringFigures.groups")
			.entityList(Map.class)
			.get()
			.stream()
			.map((group) -> (Map<String, Object>) group)
			.toList();
		Map<String, List<Integer>> figures = new HashMap<>();
		for (Map<String, Object> group : groups) {
			String category = (String) ((List<Map<String, Object>>) group.get("keys")).get(0).get("value");
			figures.put(category,
					List.of(((Number) group.get("households")).intValue(), ((Number) group.get("people")).intValue()));
		}
		return figures;
	}

	private static Map<String, List<Integer>> plus(Map<String, List<Integer>> figures, String category, int households,
			int people) {
		Map<String, List<Integer>> more = new HashMap<>(figures);
		List<Integer> was = figures.getOrDefault(category, List.of(0, 0));
		more.put(category, List.of(was.get(0) + households, was.get(1) + people));
		return more;
	}

}
