package cn.ankang.client.delta;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.json.JSONArray;
import org.json.JSONObject;

import cn.ankang.client.BangfuClient;
import cn.ankang.client.BangfuException;
import cn.ankang.client.Operation;
import cn.ankang.client.retry.RetryPolicy;

/**
 * Pulls the service's change feed ({@code changes(after, first)}) into a
 * {@link LocalStore}, page after page while {@code hasMore}, each page stored with its
 * cursor in one write. A pull broken off anywhere resumes from the last page stored.
 */
public final class DeltaSync {

	/**
	 * Items per page. The service limits a request's cost to about its fields times
	 * {@code first} (10,000): the {@code Changes} document selects about 70 fields, so
	 * 100 keeps well under it.
	 */
	public static final int PAGE_SIZE = 100;

	// a guard against a feed that says hasMore for ever
	private static final int MAX_PAGES = 10_000;

	private static final Operation CHANGES = Operation.load("Changes");

	private final BangfuClient client;

	private final LocalStore store;

	private final RetryPolicy retry;

	private final int pageSize;

	/**
	 * A delta sync with pages of {@value #PAGE_SIZE}.
	 * @param client the transport
	 * @param store where the items go
	 * @param retry how often and how patiently to ask again for a page
	 */
	public DeltaSync(BangfuClient client, LocalStore store, RetryPolicy retry) {
		this(client, store, retry, PAGE_SIZE);
	}

	/**
	 * A delta sync.
	 * @param client the transport
	 * @param store where the items go
	 * @param retry how often and how patiently to ask again for a page
	 * @param pageSize items per page, 1 to 500
	 */
	public DeltaSync(BangfuClient client, LocalStore store, RetryPolicy retry, int pageSize) {
		this.client = client;
		this.store = store;
		this.retry = retry;
		this.pageSize = pageSize;
	}

	/**
	 * Pulls every change since the stored cursor.
	 * @return what was applied
	 * @throws BangfuException when the service refused, or failed more often than the
	 * retry policy allows; the pages applied so far stay
	 * @throws IOException when the store refuses
	 * @throws InterruptedException when the thread is interrupted
	 */
	public Result pull() throws BangfuException, IOException, InterruptedException {
		Result result = new Result();
		boolean more = true;
		while (more && result.pages < MAX_PAGES) {
			JSONObject variables = new JSONObject().put("first", this.pageSize);
			String cursor = this.store.cursor();
			if (cursor != null) {
				variables.put("after", cursor);
			}
			JSONObject feed = this.retry.call(() -> this.client.execute(CHANGES, variables)).getJSONObject("changes");
			JSONArray entries = feed.getJSONArray("changes");
			List<Change> changes = new ArrayList<>(entries.length());
			for (int i = 0; i < entries.length(); i++) {
				Change change = Change.fromJson(entries.getJSONObject(i));
				changes.add(change);
				result.count(change);
			}
			this.store.apply(changes, feed.getString("cursor"));
			result.pages++;
			more = feed.getBoolean("hasMore");
		}
		return result;
	}

	/** What one pull applied. */
	public static final class Result {

		private int pages;

		private int upserts;

		private int deletes;

		private int villagesLeft;

		void count(Change change) {
			if (Change.UPSERT.equals(change.operation())) {
				this.upserts++;
			}
			else if (Change.DELETE.equals(change.operation())) {
				this.deletes++;
			}
			else if (Change.LEFT_JURISDICTION.equals(change.operation())) {
				this.villagesLeft++;
			}
		}

		/**
		 * Pages pulled.
		 * @return the number
		 */
		public int pages() {
			return this.pages;
		}

		/**
		 * Items stored or replaced.
		 * @return the number
		 */
		public int upserts() {
			return this.upserts;
		}

		/**
		 * Items removed.
		 * @return the number
		 */
		public int deletes() {
			return this.deletes;
		}

		/**
		 * Villages that left the cadre's jurisdiction.
		 * @return the number
		 */
		public int villagesLeft() {
			return this.villagesLeft;
		}

		@Override
		public String toString() {
			return this.pages + " pages: " + this.upserts + " upserts, " + this.deletes + " deletes, "
					+ this.villagesLeft + " villages left";
		}

	}

}
