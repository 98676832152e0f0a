package cn.ankang.bangfu.history;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.values.Rows;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the history the database keeps of records (V19), for the {@code history} field of
 * the objects they belong to, oldest change first. Field names come as the API names
 * things (camelCase); who may see which history, and what of it is masked, the feature
 * that owns the object decides.
 */
@Service
@Transactional(readOnly = true)
public class History {

	private static final TypeReference<Map<String, @Nullable Object>> OBJECT = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	History(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * The histories of these objects, by their keys; objects without one are left out.
	 */
	public Map<Long, List<RecordChange>> of(RecordChange.Subject subject, Collection<Long> keys) {
		Map<Long, List<RecordChange>> result = new LinkedHashMap<>();
		if (keys.isEmpty()) {
			return result;
		}
		this.jdbc.sql("""
				select subject_key, recorded_at, actor_name, operation, record_type, record_key, change_id,
				       before::text as before, after::text as after
				from record_history
				where subject_type = :subject and subject_key = any(:keys)
				order by subject_key, id""")
			.param("subject", subject.name())
			.param("keys", keys.toArray(Long[]::new))
			.query((rs, n) -> new RecordChange(rs.getLong("subject_key"), Rows.timestamp(rs, "recorded_at"),
					rs.getString("actor_name"), Rows.enumOf(rs, "operation", RecordChange.Operation.class),
					Rows.enumOf(rs, "record_type", RecordChange.Kind.class), rs.getString("record_key"),
					rs.getString("change_id"), values(rs.getString("before")), values(rs.getString("after"))))
			.list()
			.forEach((change) -> result.computeIfAbsent(change.subjectKey(), (k) -> new java.util.ArrayList<>())
				.add(change));
		return result;
	}

	/**
	 * The histories of these objects, each object with its own (empty when it has none),
	 * for a batch mapping of {@code history}.
	 * @param key the object's key
	 */
	public <T> Map<T, List<RecordChange>> ofEach(RecordChange.Subject subject, List<T> objects, ToLongFunction<T> key) {
		Map<Long, List<RecordChange>> byKey = of(subject, objects.stream().map(key::applyAsLong).toList());
		Map<T, List<RecordChange>> result = new LinkedHashMap<>();
		objects.forEach((object) -> result.put(object, byKey.getOrDefault(key.applyAsLong(object), List.of())));
		return result;
	}

	private @Nullable Map<String, @Nullable Object> values(@Nullable String text) {
		if (text == null) {
			return null;
		}
		Map<String, @Nullable Object> columns = this.json.readValue(text, OBJECT);
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		columns.forEach((column, value) -> fields.put(camelCase(column), value));
		return fields;
	}

	static String camelCase(String column) {
		StringBuilder name = new StringBuilder(column.length());
		boolean upper = false;
		for (char c : column.toCharArray()) {
			if (c == '_') {
				upper = true;
			}
			else {
				name.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return name.toString();
	}

}
