package cn.ankang.bangfu.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Turns a query's data into a table: the rows are the first list of objects in it (a
 * figure's groups and then its total; a connection's nodes), each object flattened into
 * columns named by path, a figure's keys into one column per dimension.
 */
final class Tables {

	static final String TOTAL = "合计";

	private Tables() {
	}

	/**
	 * The table of the data.
	 * @return the header, then the rows
	 */
	static List<List<@Nullable Object>> of(@Nullable Object data) {
		List<Map<String, @Nullable Object>> rows = rows(data).orElse(List.of()).stream().map(Tables::flat).toList();
		Set<String> columns = new LinkedHashSet<>();
		rows.forEach((row) -> columns.addAll(row.keySet()));
		List<List<@Nullable Object>> table = new ArrayList<>();
		table.add(new ArrayList<>(columns));
		for (Map<String, @Nullable Object> row : rows) {
			List<@Nullable Object> values = new ArrayList<>();
			for (String column : columns) {
				values.add(row.get(column));
			}
			table.add(values);
		}
		return table;
	}

	@SuppressWarnings("unchecked")
	private static Optional<List<Map<String, @Nullable Object>>> rows(@Nullable Object data) {
		if (data instanceof Map<?, ?> map) {
			if (map.get("groups") instanceof List<?> groups && map.get("total") instanceof Map<?, ?> total) {
				List<Map<String, @Nullable Object>> rows = new ArrayList<>(
						(List<Map<String, @Nullable Object>>) groups);
				Map<String, @Nullable Object> totalRow = new LinkedHashMap<>((Map<String, @Nullable Object>) total);
				if (!rows.isEmpty() && rows.get(0).get("keys") instanceof List<?> keys) {
					// the total goes in the groups' columns, labelled as the total
					totalRow.put("keys",
							keys.stream()
								.map((key) -> Map.of("dimension", String.valueOf(((Map<?, ?>) key).get("dimension")),
										"label", TOTAL))
								.toList());
				}
				rows.add(totalRow);
				return Optional.of(rows);
			}
			if (map.get("edges") instanceof List<?> edges) {
				return Optional.of(edges.stream()
					.filter(Map.class::isInstance)
					.map((edge) -> (Map<String, @Nullable Object>) ((Map<?, ?>) edge).get("node"))
					.filter((node) -> node != null)
					.toList());
			}
			for (Object value : map.values()) {
				Optional<List<Map<String, @Nullable Object>>> found = rows(value);
				if (found.isPresent()) {
					return found;
				}
			}
			return Optional.empty();
		}
		if (data instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(Map.class::isInstance)) {
			return Optional.of((List<Map<String, @Nullable Object>>) list);
		}
		return Optional.empty();
	}

	private static Map<String, @Nullable Object> flat(Map<String, @Nullable Object> row) {
		Map<String, @Nullable Object> flat = new LinkedHashMap<>();
		flatten("", row, flat);
		return flat;
	}

	private static void flatten(String prefix, @Nullable Object value, Map<String, @Nullable Object> into) {
		if (value instanceof Map<?, ?> map) {
			map.forEach(
					(key, inner) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, inner, into));
		}
		else if (value instanceof List<?> list && prefix.endsWith("keys")
				&& list.stream().allMatch((key) -> key instanceof Map<?, ?> m && m.containsKey("dimension"))) {
			// a figure's keys: one column per dimension, holding the label people read
			for (Object key : list) {
				Map<?, ?> k = (Map<?, ?>) key;
				into.put(String.valueOf(k.get("dimension")),
						(k.get("label") != null) ? k.get("label") : k.get("value"));
			}
		}
		else if (value instanceof List<?> list) {
			if (list.stream().allMatch((item) -> !(item instanceof Map) && !(item instanceof List))) {
				into.put(prefix, list.stream().map(String::valueOf).collect(Collectors.joining("; ")));
			}
			else {
				for (int i = 0; i < list.size(); i++) {
					flatten(prefix + "." + i, list.get(i), into);
				}
			}
		}
		else {
			into.put(prefix, value);
		}
	}

}
