package cn.ankang.bangfu.security.audit;

import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One row of the audit trail.
 *
 * @param key database key
 * @param occurredAt when
 * @param kind a mutation or a read of unmasked personal data
 * @param operation the operation's name or root fields
 * @param username who, if signed in
 * @param roles the roles held then
 * @param sessionId the session
 * @param deviceName the session's device
 * @param clientAddress from where
 * @param path which way in: GraphQL, or an HTTP endpoint beside it
 * @param targetIds what was changed or read, as global ids
 */
record AuditEvent(long key, OffsetDateTime occurredAt, String kind, String operation, @Nullable String username,
		List<String> roles, @Nullable String sessionId, @Nullable String deviceName, @Nullable String clientAddress,
		@Nullable String path, List<String> targetIds) {

	public String id() {
		return Long.toString(this.key);
	}

}
