package cn.ankang.bangfu.figure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.ankang.bangfu.ApiTestSupport;

import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * What the tests of leaders' figures share: a figure's groups as the API answers them,
 * both sides of a comparison as "key values" lines, from the groups and from SQL written
 * in the test, and the annual report's headlines by figure. It adds no configuration to
 * {@link ApiTestSupport}, so that its tests run in the one cached context.
 */
abstract class FigureTestSupport extends ApiTestSupport {

	List<Map<String, Object>> groups(String document, String figure) {
		return groups(this.graphQl.document(document).execute(), figure);
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> groups(GraphQlTester.Response response, String figure) {
		return (List<Map<String, Object>>) (List<?>) response.path(figure + ".groups").entityList(Map.class).get();
	}

	/** The groups as "key values" lines: keys joined by '/', values by ' '. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> actual(List<Map<String, Object>> groups, String... fields) {
		Map<String, Object> rows = new LinkedHashMap<>();
		for (Map<String, Object> group : groups) {
			String key = String.join("/",
					((List<Map<String, Object>>) group.get("keys")).stream()
						.map((k) -> (String) k.get("value"))
						.toList());
			StringBuilder value = new StringBuilder();
			for (String field : fields) {
				value.append(value.isEmpty() ? "" : " ").append(group.get(field));
			}
			rows.put(key, value.toString());
		}
		return rows;
	}

	Map<String, Object> expected(String sql) {
		Map<String, Object> rows = new LinkedHashMap<>();
		this.jdbc.sql(sql).query((rs) -> {
			rows.put(rs.getString("key"), rs.getString("value"));
		});
		return rows;
	}

	static Map<String, Map<String, Object>> headlines(GraphQlTester.Response response) {
		return byFigure(response, "annualReport.headlines");
	}

	@SuppressWarnings("unchecked")
	static Map<String, Map<String, Object>> byFigure(GraphQlTester.Response response, String path) {
		Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
		for (Map<String, Object> row : (List<Map<String, Object>>) (List<?>) response.path(path)
			.entityList(Map.class)
			.get()) {
			rows.put((String) row.get("figure"), row);
		}
		return rows;
	}

}
