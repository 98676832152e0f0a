package cn.ankang.bangfu.shared.values;

import java.security.MessageDigest;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.errors.UserError;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one rule of every write a client sends under an id of its own (a visit's uuid, a
 * case step's id, a change id): a phone that lost the answer sends the same write again,
 * and that must count once. What was kept under the id decides:
 * <ul>
 * <li>nothing: the write is the first sending, and is applied;</li>
 * <li>the same content (equal digests): a resend, answered with what the first sending
 * made and changing nothing;</li>
 * <li>other content, or a record kept without a digest: another write under a used id,
 * refused with {@code CONFLICT} and changing nothing.</li>
 * </ul>
 * Each kind of write keeps its digest beside what it made (the visit row, the case step,
 * the task's completion, the household change, {@code client_change}), and its digest's
 * text is fixed once released: a phone may resend days after an upgrade, and a changed
 * text would turn its resend into a conflict.
 */
@Component
public class Resends {

	private final JdbcClient jdbc;

	Resends(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Makes other sendings of the id wait until the current transaction ends, so two
	 * racing sendings cannot both find nothing kept and both apply: the second finds the
	 * first's record and is answered as a resend. Call it before reading what is kept.
	 */
	public void waitForOthers(UUID id) {
		this.jdbc.sql("select 1 from (select pg_advisory_xact_lock(:lock)) locked")
			.param("lock", lockKey(id))
			.query()
			.singleValue();
	}

	/** The advisory lock that {@link #waitForOthers} takes for the id. */
	public static long lockKey(UUID id) {
		return id.getMostSignificantBits() ^ id.getLeastSignificantBits();
	}

	/**
	 * What a sending is.
	 * @param kept whether a record is kept under its id
	 * @param keptDigest that record's digest, null when none was kept with it
	 * @param sent the digest of what this sending says
	 */
	public static Sending judge(boolean kept, byte @Nullable [] keptDigest, byte[] sent) {
		if (!kept) {
			return Sending.FIRST;
		}
		return (keptDigest != null && MessageDigest.isEqual(keptDigest, sent)) ? Sending.RESEND : Sending.OTHER;
	}

	/**
	 * The refusal of a sending that is {@link Sending#OTHER}.
	 * @param id what the client calls the id, in the message ("step id", "uuid")
	 * @param field the input field that holds the id
	 */
	public static UserError conflict(String id, String... field) {
		return new UserError("CONFLICT",
				"This %s was used for another write with other content: make a new one for a new write.".formatted(id),
				List.of(field));
	}

	/** What a sending is, next to what was kept under its id. */
	public enum Sending {

		/** Nothing is kept under the id: apply the write. */
		FIRST,

		/** The same write was applied under the id: answer with what it made. */
		RESEND,

		/** Another write holds the id: refuse it. */
		OTHER

	}

}
