package cn.ankang.bangfu.sync;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.errors.ErrorCode;

/**
 * Where a phone stands: the position up to which it has every change, and the villages it
 * holds. The villages are part of the cursor because a village can leave or join the
 * cadre's jurisdiction without any row changing (a posting ends or starts by its date),
 * and a joined village's rows are older than the position: it must be sent whole.
 * <p>
 * While a joined village is still being sent, page by page, deletions there matter only
 * from the moment its first page was read: what was deleted before was never sent. Those
 * villages and that moment travel in the cursor until the download is complete.
 *
 * @param position the position up to which the phone has every change of its villages but
 * the joining ones
 * @param villageKeys the villages the phone holds
 * @param joiningKeys villages among them whose first download is not complete
 * @param joiningPosition the position up to which the phone has every change of those
 * @param joinedFrom the transaction horizon when they joined; deletions before it were
 * never sent
 */
record ChangeCursor(Position position, SortedSet<Long> villageKeys, SortedSet<Long> joiningKeys,
		Position joiningPosition, long joinedFrom) {

	private static final String VERSION = "c1";

	/**
	 * More villages than any cadre is posted to at once; a cursor with more is forged.
	 */
	private static final int MAX_VILLAGES = 64;

	/** Where a phone that holds nothing stands. */
	static final ChangeCursor START = new ChangeCursor(Position.START, new TreeSet<>(), new TreeSet<>(), Position.START,
			0);

	ChangeCursor {
		villageKeys = new TreeSet<>(villageKeys);
		joiningKeys = new TreeSet<>(joiningKeys);
	}

	String encode() {
		String text = String.join("|", VERSION, Long.toString(this.position.xid()), Long.toString(this.position.seq()),
				joined(this.villageKeys), joined(this.joiningKeys), Long.toString(this.joiningPosition.xid()),
				Long.toString(this.joiningPosition.seq()), Long.toString(this.joinedFrom));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The cursor a phone sent, or {@link #START} for none.
	 * @throws ApiException {@code INVALID_CURSOR} when it is not one this server handed
	 * out
	 */
	static ChangeCursor decode(@Nullable String cursor) {
		if (cursor == null || cursor.isEmpty()) {
			return START;
		}
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
			if (parts.length != 8 || !parts[0].equals(VERSION)) {
				throw invalid();
			}
			Position position = new Position(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
			List<Long> villages = keys(parts[3]);
			List<Long> joining = keys(parts[4]);
			Position joiningPosition = new Position(Long.parseLong(parts[5]), Long.parseLong(parts[6]));
			long joinedFrom = Long.parseLong(parts[7]);
			if (position.xid() < 0 || position.seq() < 0 || joiningPosition.xid() < 0 || joiningPosition.seq() < 0
					|| joinedFrom < 0 || villages.size() > MAX_VILLAGES || !villages.containsAll(joining)) {
				throw invalid();
			}
			return new ChangeCursor(position, new TreeSet<>(villages), new TreeSet<>(joining), joiningPosition,
					joinedFrom);
		}
		catch (IllegalArgumentException ex) {
			throw invalid();
		}
	}

	private static String joined(SortedSet<Long> keys) {
		return keys.stream().map(String::valueOf).collect(Collectors.joining(","));
	}

	private static List<Long> keys(String text) {
		return text.isEmpty() ? List.of() : Arrays.stream(text.split(",")).map(Long::valueOf).toList();
	}

	private static ApiException invalid() {
		return new ApiException(ErrorCode.INVALID_CURSOR,
				"The cursor is not one this server handed out; start again without 'after' to download everything.");
	}

	/**
	 * The position of a change: the transaction that made it, then a sequence number
	 * within all changes.
	 *
	 * @param xid the transaction id (PostgreSQL's 64-bit {@code xid8})
	 * @param seq the sequence number
	 */
	record Position(long xid, long seq) {

		static final Position START = new Position(0, 0);

		/** The position before every change of transactions from {@code xid} on. */
		static Position before(long xid) {
			return new Position(xid, 0);
		}

		boolean isAfter(Position other) {
			return (this.xid != other.xid) ? this.xid > other.xid : this.seq > other.seq;
		}

		static Position latest(Position a, Position b) {
			return a.isAfter(b) ? a : b;
		}

	}

}
