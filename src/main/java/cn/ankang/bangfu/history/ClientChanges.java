package cn.ankang.bangfu.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.shared.values.Digests;
import cn.ankang.bangfu.shared.values.Inputs;
import cn.ankang.bangfu.shared.values.Resends;
import cn.ankang.bangfu.shared.errors.UserError;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Makes a change sent under a client's change id count once, however often it is sent and
 * whichever sending arrives first. The first sending is applied and its id kept with the
 * hash of what it said and what it made; a resend with the same content is answered with
 * that record as it stands now; the same id with other content is a {@code CONFLICT}.
 * Sendings of one id wait for each other (a lock on the id for the transaction), so two
 * racing resends cannot both apply.
 * <p>
 * A refused change leaves nothing: the transaction is rolled back, the id stays free, and
 * the client may send the corrected change under it.
 */
@Component
public class ClientChanges {

	private final JdbcClient jdbc;

	private final Inputs inputs;

	ClientChanges(JdbcClient jdbc, Inputs inputs) {
		this.jdbc = jdbc;
		this.inputs = inputs;
	}

	/**
	 * Applies a change once. Runs inside the mutation's own transaction (a service
	 * method's {@code @Transactional}), which a refusal marks to be rolled back: not in
	 * one of its own, whose rollback would fail the caller's commit.
	 * @param operation the mutation's name, kept with the id
	 * @param changeId the client's id for the change; the input's constraints make it a
	 * UUID
	 * @param content the mutation's input record: checked first against its constraints
	 * ({@link Inputs}: every violation is refused before anything is read), and its text
	 * (a record's {@code toString}) tells a resend from another change; keep secrets such
	 * as passwords out of that text
	 * @param apply makes the change; an outcome with user errors is rolled back
	 * @param key the key of what the change made or changed
	 * @param reload that record as it stands now, by key, for the answer to a resend
	 * @param <T> the type of the record
	 */
	public <T> Outcome<T> once(String operation, String changeId, Object content, Supplier<Outcome<T>> apply,
			ToLongFunction<T> key, LongFunction<@Nullable T> reload) {
		return once(operation, changeId, content, List.of(), apply, key, reload);
	}

	/**
	 * Like {@link #once(String, String, Object, Supplier, ToLongFunction, LongFunction)},
	 * with refusals of the input that its constraints cannot say (a field required by
	 * another's value, a day relative to today), reported together with the constraints'
	 * own.
	 */
	public <T> Outcome<T> once(String operation, String changeId, Object content, List<UserError> otherRefusals,
			Supplier<Outcome<T>> apply, ToLongFunction<T> key, LongFunction<@Nullable T> reload) {
		CurrentUser user = Auth.require();
		List<UserError> invalid = new ArrayList<>(this.inputs.check(content));
		invalid.addAll(otherRefusals);
		if (!invalid.isEmpty()) {
			return Outcome.refused(null, invalid);
		}
		UUID id = UUID.fromString(changeId);
		byte[] hash = Digests.sha256(operation + "\n" + content);
		// one sending of an id at a time; the id also names the history rows this
		// transaction writes
		this.jdbc.sql("select pg_advisory_xact_lock(:lock), set_config('bangfu.change_id', :id, true)")
			.param("lock", Resends.lockKey(id))
			.param("id", id.toString())
			.query()
			.singleRow();
		Optional<Kept> kept = this.jdbc
			.sql("select operation, content_hash, subject_key from client_change where id = :id")
			.param("id", id)
			.query((rs, n) -> new Kept(rs.getString("operation"), rs.getBytes("content_hash"),
					rs.getLong("subject_key")))
			.optional();
		if (kept.isPresent()) {
			T value = reload.apply(kept.get().subjectKey());
			// another operation's id is another write, whatever its digest
			boolean sameOperation = kept.get().operation().equals(operation);
			if (Resends.judge(true, sameOperation ? kept.get().hash() : null, hash) == Resends.Sending.RESEND) {
				return Outcome.done(value);
			}
			return Outcome.refused(value, conflict());
		}
		Outcome<T> outcome = apply.get();
		if (outcome.isRefused() || outcome.value() == null) {
			rollback();
			return outcome;
		}
		int claimed = this.jdbc.sql("""
				insert into client_change (id, operation, content_hash, user_id, subject_type, subject_key)
				values (:id, :operation, :hash, :user, :type, :key)
				on conflict (id) do nothing""")
			.param("id", id)
			.param("operation", operation)
			.param("hash", hash)
			.param("user", user.userKey())
			.param("type", outcome.value().getClass().getSimpleName())
			.param("key", key.applyAsLong(outcome.value()))
			.update();
		if (claimed == 0) {
			// another user's change holds the id: nothing of this one may stay
			rollback();
			return Outcome.refused(null, conflict());
		}
		return outcome;
	}

	/**
	 * Rolls back the current transaction when it ends, for a change refused after it
	 * wrote something: a change is kept whole or not at all.
	 */
	public static void rollback() {
		TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
	}

	private static UserError conflict() {
		return Resends.conflict("change id", "input", "changeId");
	}

	private record Kept(String operation, byte[] hash, long subjectKey) {
	}

}
