package cn.ankang.bangfu.security.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import graphql.GraphQLContext;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.shared.values.PersonalRecord;

/**
 * What one GraphQL request changed and which personal data it served unmasked, collected
 * while it runs and written to the audit trail when it ends ({@link AuditInterceptor}).
 */
public final class AuditTrail {

	static final String KEY = AuditTrail.class.getName();

	private final Set<String> personalReads = ConcurrentHashMap.newKeySet();

	// by identity: a household's page serves several personal fields of one record, and
	// a record's hash and global id cost more than the set's work
	private final Set<PersonalRecord> personalRecords = Collections
		.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

	private final Set<String> targets = ConcurrentHashMap.newKeySet();

	private volatile boolean mutation;

	private volatile String operation = "";

	private volatile @Nullable Long actorKey;

	private volatile @Nullable String path;

	private volatile @Nullable CurrentUser viewer;

	/**
	 * The trail of the request whose GraphQL context this is; a no-op trail outside a
	 * request.
	 */
	public static AuditTrail of(GraphQLContext context) {
		AuditTrail trail = context.get(KEY);
		return (trail != null) ? trail : new AuditTrail();
	}

	/**
	 * This trail as the GraphQL context of an execution that is part of the request (a
	 * saved view run, an export), so that what it reads is on the request's record.
	 */
	public Map<String, Object> asContext() {
		return Map.of(KEY, this);
	}

	/** Records that the personal data of an object (by global id) was served unmasked. */
	public void personalRead(String id) {
		this.personalReads.add(id);
	}

	/**
	 * Records that personal data of a record was served unmasked; its global id is made
	 * once, when the trail is read.
	 */
	public void personalRead(PersonalRecord record) {
		this.personalRecords.add(record);
	}

	/** Records that a mutation changed an object (by global id). */
	public void target(String id) {
		this.targets.add(id);
	}

	/**
	 * The trail of work a subscription does later, as its user (reloaded for the work),
	 * written as a request's would be, under the operation's name.
	 */
	public static AuditTrail ofSubscription(String operation, CurrentUser user) {
		AuditTrail trail = new AuditTrail();
		trail.path("GraphQL subscription");
		trail.operation(false, operation);
		trail.viewer(Optional.of(user));
		return trail;
	}

	/**
	 * Names the user a mutation acted as, when the request carried no token (signing in).
	 */
	public void actor(long userKey) {
		this.actorKey = userKey;
	}

	/**
	 * The request's operation; the first one named stays, so that a saved view run inside
	 * a mutation does not pass for the request.
	 */
	synchronized void operation(boolean mutation, String operation) {
		if (this.operation.isEmpty()) {
			this.mutation = mutation;
			this.operation = operation;
		}
	}

	/**
	 * Names the signed-in user who asked, taken on the request's thread: fields that
	 * decide on the user (masking) then need no copy of the thread's security context
	 * wherever graphql-java completes them.
	 */
	void viewer(Optional<CurrentUser> user) {
		this.viewer = user.orElse(null);
	}

	/**
	 * The signed-in user who asked, when the request named one; else the user of the
	 * current thread (a trail made outside a GraphQL request).
	 */
	Optional<CurrentUser> viewer() {
		CurrentUser asked = this.viewer;
		return (asked != null) ? Optional.of(asked) : Auth.current();
	}

	void path(String path) {
		this.path = path;
	}

	@Nullable String path() {
		return this.path;
	}

	boolean mutation() {
		return this.mutation;
	}

	String operation() {
		return this.operation;
	}

	@Nullable Long actorKey() {
		return this.actorKey;
	}

	/** Whether any personal data was served unmasked. */
	public boolean hasPersonalReads() {
		return !this.personalReads.isEmpty() || !this.personalRecords.isEmpty();
	}

	/** The objects whose personal data was served unmasked, by global id. */
	public List<String> personalReads() {
		Set<String> ids = new LinkedHashSet<>(this.personalReads);
		synchronized (this.personalRecords) {
			for (PersonalRecord record : this.personalRecords) {
				ids.add(record.auditId());
			}
		}
		return new ArrayList<>(ids);
	}

	List<String> targets() {
		return new ArrayList<>(this.targets);
	}

}
