package cn.ankang.bangfu.security.audit;

import java.sql.Array;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.relay.PageRequest;
import cn.ankang.bangfu.shared.values.Rows;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the audit trail: insert and select, nothing else.
 */
@Repository
class AuditRepository {

	static final String EVENT_LIST = "auditEvents";

	private static final RowMapper<AuditEvent> EVENT = (rs, n) -> new AuditEvent(rs.getLong("id"),
			Rows.timestamp(rs, "occurred_at"), rs.getString("kind"), rs.getString("operation"),
			rs.getString("username"), strings(rs.getArray("roles")), rs.getString("session_id"),
			rs.getString("device_name"), rs.getString("client_address"), rs.getString("path"),
			strings(rs.getArray("target_ids")));

	private static final String FILTER = """
			from audit_event
			where (cast(:username as text) is null or username = :username)
			  and (cast(:kind as text) is null or kind = :kind)
			  and (cast(:operation as text) is null or operation = :operation)
			  and (cast(:target as text) is null or target_ids @> array[cast(:target as text)])
			  and (cast(:from as timestamptz) is null or occurred_at >= :from)
			  and (cast(:before as timestamptz) is null or occurred_at < :before)
			""";

	private final JdbcClient jdbc;

	AuditRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(String kind, String operation, @Nullable Long userKey, @Nullable String username, List<String> roles,
			@Nullable Object sessionId, @Nullable String address, @Nullable String path, List<String> targets) {
		this.jdbc.sql("""
				insert into audit_event (kind, operation, user_id, username, roles, session_id, device_name,
				                         client_address, path, target_ids)
				values (:kind, :operation, :user, :username, string_to_array(:roles, ','), cast(:session as uuid),
				        (select device_name from app_session where id = cast(:session as uuid)), :address, :path,
				        cast(:targets as text[]))""")
			.param("path", (path != null) ? path.substring(0, Math.min(300, path.length())) : null)
			.param("kind", kind)
			.param("operation",
					operation.isEmpty() ? "unnamed" : operation.substring(0, Math.min(200, operation.length())))
			.param("user", userKey)
			.param("username", username)
			.param("roles", String.join(",", roles))
			.param("session", (sessionId != null) ? sessionId.toString() : null)
			.param("address", address)
			.param("targets", targets.toArray(String[]::new))
			.update();
	}

	List<AuditEvent> events(AuditService.AuditEventFilter filter, PageRequest page) {
		Long after = page.afterId(EVENT_LIST);
		return this.jdbc.sql("select * " + FILTER + """
				  and (cast(:after as bigint) is null or id < :after)
				order by id desc
				limit :limit""")
			.params(params(filter))
			.param("after", after)
			.param("limit", page.fetchSize())
			.query(EVENT)
			.list();
	}

	int count(AuditService.AuditEventFilter filter) {
		return this.jdbc.sql("select count(*) " + FILTER).params(params(filter)).query(Integer.class).single();
	}

	static String cursor(AuditEvent event) {
		return PageRequest.cursor(EVENT_LIST, event.key());
	}

	private static Map<String, @Nullable Object> params(AuditService.AuditEventFilter filter) {
		Map<String, @Nullable Object> params = new HashMap<>();
		params.put("username", filter.username());
		params.put("kind", filter.kind());
		params.put("operation", filter.operation());
		params.put("target", filter.targetId());
		params.put("from", filter.occurredFrom());
		params.put("before", filter.occurredBefore());
		return params;
	}

	private static List<String> strings(@Nullable Array array) throws SQLException {
		return (array != null) ? List.of((String[]) array.getArray()) : List.of();
	}

}
