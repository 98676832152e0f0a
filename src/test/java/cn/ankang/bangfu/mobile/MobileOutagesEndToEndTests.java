package cn.ankang.bangfu.mobile;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import cn.ankang.client.delta.DeltaSync;
import cn.ankang.client.delta.FileLocalStore;
import cn.ankang.client.delta.StoredItem;
import cn.ankang.client.SignInRequiredException;
import cn.ankang.client.cli.FieldDay;
import cn.ankang.client.outbox.OutboxSync;
import cn.ankang.client.outbox.HouseholdUpdateDraft;
import cn.ankang.client.outbox.QueuedWrite;
import cn.ankang.client.outbox.SyncReport;
import cn.ankang.client.outbox.VisitDraft;
import cn.ankang.client.session.FileSessionStore;
import cn.ankang.client.session.Tokens;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mobile client sample against the whole service when it cannot be reached or will
 * not answer: a phone with no signal starts from its kept session and store and queues
 * the day for later; a session the service ended holds the queue until the next sign-in;
 * phones syncing while the database restarts store every visit once after their retries,
 * told to come back rather than given up on.
 */
class MobileOutagesEndToEndTests extends MobileClientTestSupport {

	@Test
	void aPhoneStartsFromItsKeptSessionAndStoreWithNoSignalQueuesTheDayAndSendsItLater() throws Exception {
		String direct = "http://127.0.0.1:" + this.port + "/";
		// the evening before, with signal: signed in, the village pulled
		Phone evening = new Phone(direct, this.folder, null, 50).signIn();
		new DeltaSync(evening.client, new FileLocalStore(this.folder.resolve("store.json")), evening.retry).pull();

		// the morning, in the hills: the app starts from what it kept, and nothing
		// answers
		Phone morning = new Phone(unreachable(), this.folder, null, 51);
		FileLocalStore store = new FileLocalStore(this.folder.resolve("store.json"));
		StoredItem village = store.items("VILLAGE").get(0);
		// one household's income, as the phone holds it; the visits go to the others
		StoredItem kept = store.items("HOUSEHOLD").get(0);
		List<String> households = new ArrayList<>();
		for (StoredItem item : store.items("HOUSEHOLD")) {
			if (!item.id().equals(kept.id())) {
				households.add(item.id());
			}
		}
		FieldDay day = new FieldDay(new Random(51), village.id(), village.node().getDouble("latitude"),
				village.node().getDouble("longitude"), households);
		List<String> visits = new ArrayList<>();
		for (VisitDraft draft : day.visits(6, OffsetDateTime.now())) {
			visits.add(morning.outbox.record(draft).id());
		}
		QueuedWrite update = morning.outbox.record(new HouseholdUpdateDraft(kept.id(), kept.node().getInt("version"))
			.recordIncome(FieldRecords.today().getYear() - 1, "7300.00"));
		SyncReport offline = morning.sync(morning.outbox).drain();

		assertThat(offline.outcome()).isEqualTo(SyncReport.Outcome.RETRY_LATER);
		assertThat(offline.remaining()).isEqualTo(7);
		assertThat(offline.traffic().requests()).isZero();
		assertThat(morning.client.hasSession()).isTrue();

		// signal again: the same kept session sends the day, no sign-in
		Phone noon = new Phone(direct, this.folder, null, 52);
		Phone.Totals totals = noon.drain(noon.outbox);

		assertThat(totals.last.outcome()).as(totals.toString()).isEqualTo(SyncReport.Outcome.DRAINED);
		assertThat(totals.requests).isEqualTo(1);
		assertStoredOnce(visits);
		assertThat(count("select count(*) from household_change where id = '%s'", update.id())).isEqualTo(1);
	}

	@Test
	void whenTheServiceEndsTheSessionTheQueueWaitsForTheNextSignInAndGoesThen() throws Exception {
		String direct = "http://127.0.0.1:" + this.port + "/";
		Phone phone = new Phone(direct, this.folder, null, 60).signIn();
		List<String> visits = phone.recordVisits(this.jdbc, 5, 60);
		// the access token has run out and the refresh token is no longer the service's
		Tokens kept = new FileSessionStore(this.folder.resolve("session.json")).load();
		new FileSessionStore(this.folder.resolve("session.json")).save(new Tokens(kept.accessToken(),
				Instant.now().minusSeconds(60), "not-a-refresh-token", kept.refreshTokenExpiresAt()));

		SyncReport refused = phone.sync(phone.outbox).drain();

		assertThat(refused.outcome()).isEqualTo(SyncReport.Outcome.STOPPED);
		assertThat(refused.failure()).isInstanceOf(SignInRequiredException.class);
		assertThat(phone.client.hasSession()).isFalse();
		assertThat(phone.outbox.size()).isEqualTo(5);

		phone.signIn();
		Phone.Totals totals = phone.drain(phone.outbox);

		assertThat(totals.last.outcome()).isEqualTo(SyncReport.Outcome.DRAINED);
		assertStoredOnce(visits);
	}

	@Test
	void phonesSyncingWhileTheDatabaseRestartsStoreEveryVisitOnceAfterTheirRetries() throws Exception {
		// each request waits half a second on the phone, so that the outage falls in the
		// middle of the phones' queues
		OkHttpClient slow = new OkHttpClient.Builder().addInterceptor((chain) -> {
			try {
				Thread.sleep(500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return chain.proceed(chain.request());
		}).build();
		String server = "http://127.0.0.1:" + this.port + "/";
		List<Phone> phones = new ArrayList<>();
		List<String> uuids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Phone phone = new Phone(server, this.folder.resolve("phone" + i), slow, 30 + i).signIn();
			// three batches each: the blocker below has a batch to catch in flight
			// however
			// late it gets its locks
			uuids.addAll(phone.recordVisits(this.jdbc, 2 * OutboxSync.DEFAULT_BATCH + 10, 30 + i));
			phones.add(phone);
		}
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
		List<Phone.Totals> totals = new ArrayList<>();
		double internalBefore = internalErrors();
		try {
			List<java.util.concurrent.Future<Phone.Totals>> drains = new ArrayList<>();
			for (Phone phone : phones) {
				drains.add(pool.submit(() -> phone.drain(phone.outbox)));
			}
			// the first batches are in
			long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
			while (storedCount(uuids) == 0 && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			int storedBefore = storedCount(uuids);
			// the next ones are held in their transactions (a sync is one), so that the
			// outage catches requests in flight, as a restart at a busy moment does
			java.sql.Connection blocker = java.sql.DriverManager.getConnection(TestDatabase.jdbcUrl(),
					TestDatabase.username(), TestDatabase.password());
			try {
				blocker.setAutoCommit(false);
				// the lock a sync takes on its households: a stronger one (for update)
				// would also wait for the key-share locks of the visits a sync has
				// inserted, and cross them row by row into a deadlock. Should the
				// database still cancel the blocker for one, it takes them again
				for (int attempt = 1;; attempt++) {
					try (java.sql.Statement statement = blocker.createStatement()) {
						statement.execute(
								"""
										select 1 from household h join posting p on p.village_id = h.village_id and p.ended_on is null
										join app_user u on u.cadre_id = p.cadre_id where u.username = 'demo-secretary'
										for no key update of h""");
						break;
					}
					catch (java.sql.SQLException ex) {
						blocker.rollback();
						if (!"40P01".equals(ex.getSQLState()) || attempt == 5) {
							throw ex;
						}
					}
				}
				while (statementsWaitingForLocks() == 0 && System.nanoTime() < deadline) {
					Thread.sleep(20);
				}
				assertThat(statementsWaitingForLocks()).isPositive();
				// the database goes away (as in a restart, every connection is dropped,
				// the blocker's too, and new ones are refused) for three seconds
				TestDatabase.administer("alter database {database} allow_connections false");
				TestDatabase.administer(
						"select pg_terminate_backend(pid) from pg_stat_activity where datname = '{database}' and pid <> pg_backend_pid()");
				Thread.sleep(3000);
			}
			finally {
				TestDatabase.administer("alter database {database} allow_connections true");
				try {
					blocker.close();
				}
				catch (java.sql.SQLException ex) {
					// terminated with the others
				}
			}
			for (java.util.concurrent.Future<Phone.Totals> drain : drains) {
				totals.add(drain.get(120, java.util.concurrent.TimeUnit.SECONDS));
			}
			System.out.println("Through a database outage, " + storedBefore + " visits stored before it: " + totals);
			assertThat(storedBefore).isPositive().isLessThan(uuids.size());
		}
		finally {
			pool.shutdownNow();
		}
		for (Phone phone : phones) {
			assertThat(phone.outbox.size()).isZero();
			assertThat(phone.outbox.conflicts()).isEmpty();
			assertThat(phone.outbox.rejections()).isEmpty();
		}
		assertStoredOnce(uuids);
		assertThat(totals.stream().mapToInt((t) -> t.accepted + t.duplicates).sum()).isEqualTo(uuids.size());
		// the phones felt the outage, and were told to come back rather than given up on
		assertThat(totals.stream().mapToInt((t) -> t.failedRequests).sum()).isPositive();
		// as the database being away (SERVICE_UNAVAILABLE), never as a fault of the
		// service
		assertThat(internalErrors()).isEqualTo(internalBefore);
	}

	/** The service's count of INTERNAL errors, from its metrics. */
	private double internalErrors() throws Exception {
		String metrics = metrics();
		java.util.regex.Matcher count = java.util.regex.Pattern
			.compile("(?m)^bangfu_graphql_errors_total\\{[^}]*code=\"INTERNAL\"[^}]*} (\\S+)$")
			.matcher(metrics);
		return count.find() ? Double.parseDouble(count.group(1)) : 0;
	}

	/** An address where nothing listens: a phone with no signal. */
	private static String unreachable() throws IOException {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return "http://127.0.0.1:" + socket.getLocalPort() + "/";
		}
	}

	private int storedCount(List<String> uuids) {
		return this.jdbc.sql("select count(*) from visit where id = any(:ids::uuid[])")
			.param("ids", uuids.toArray(new String[0]))
			.query(Integer.class)
			.single();
	}

}
