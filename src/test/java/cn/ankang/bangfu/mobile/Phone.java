package cn.ankang.bangfu.mobile;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import cn.ankang.client.BangfuClient;
import cn.ankang.client.cli.FieldDay;
import cn.ankang.client.outbox.FileOutbox;
import cn.ankang.client.outbox.Outbox;
import cn.ankang.client.outbox.QueuedWrite;
import cn.ankang.client.outbox.SyncReport;
import cn.ankang.client.outbox.VisitDraft;
import cn.ankang.client.outbox.OutboxSync;
import cn.ankang.client.photo.PhotoUploader;
import cn.ankang.client.retry.Backoff;
import cn.ankang.client.retry.RetryPolicy;
import cn.ankang.client.retry.Sleeper;
import cn.ankang.client.session.FileSessionStore;
import cn.ankang.bangfu.shared.relay.GlobalId;
import okhttp3.OkHttpClient;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo first secretary's phone as the end-to-end tests build it: the mobile client
 * sample's own classes over files in a folder, so that throwing the objects away and
 * building new ones from the same folder is what a killed and restarted app does.
 */
final class Phone {

	static final String USER = "demo-secretary";

	final Path folder;

	final BangfuClient client;

	final FileOutbox outbox;

	final RetryPolicy retry;

	Phone(String serverUrl, Path folder, OkHttpClient http, long seed) throws Exception {
		this.folder = folder;
		BangfuClient.Builder builder = BangfuClient.builder(serverUrl,
				new FileSessionStore(folder.resolve("session.json")));
		if (http != null) {
			builder.httpClient(http);
		}
		this.client = builder.build();
		this.outbox = new FileOutbox(folder.resolve("outbox"));
		// small waits: the tests' bad link is on the loopback, not a mountain
		this.retry = new RetryPolicy(new Backoff(Duration.ofMillis(5), Duration.ofMillis(100), new Random(seed)), 40,
				Sleeper.THREAD);
	}

	/** Signs in, through whatever the link does to the first attempts. */
	Phone signIn() throws Exception {
		this.retry.call(() -> this.client.signIn(USER, "bangfu-demo", "e2e phone"));
		return this;
	}

	/** A sync of this phone's outbox, or of another in front of it. */
	OutboxSync sync(Outbox outbox) {
		return sync(outbox, new PhotoUploader(this.client, this.retry));
	}

	/** A sync that uploads queued photos with this uploader. */
	OutboxSync sync(Outbox outbox, PhotoUploader photos) {
		return new OutboxSync(this.client, outbox, this.retry, OutboxSync.DEFAULT_BATCH, Clock.systemDefaultZone(),
				photos);
	}

	/** Drains until the queue is empty, running again after give-ups, within bounds. */
	Totals drain(Outbox outbox) throws Exception {
		return drain(outbox, new PhotoUploader(this.client, this.retry));
	}

	/** Drains, queued photos with this uploader, until the queue is empty. */
	Totals drain(Outbox outbox, PhotoUploader photos) throws Exception {
		Totals totals = new Totals();
		long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
		while (outbox.size() > 0 && System.nanoTime() < deadline && totals.runs < 10) {
			totals.add(sync(outbox, photos).drain());
		}
		return totals;
	}

	/** Records visits of a field day in the demo first secretary's village. */
	List<String> recordVisits(JdbcClient jdbc, int count, long seed) throws Exception {
		List<String> uuids = new ArrayList<>();
		for (VisitDraft draft : fieldDay(jdbc, seed).visits(count, OffsetDateTime.now(FieldDay.CHINA))) {
			QueuedWrite visit = this.outbox.record(draft);
			uuids.add(visit.id());
		}
		return uuids;
	}

	/** The demo first secretary's village, from the database. */
	static FieldDay fieldDay(JdbcClient jdbc, long seed) {
		Map<String, Object> village = jdbc.sql("""
				select v.id, v.latitude, v.longitude from app_user u
				join posting p on p.cadre_id = u.cadre_id and p.ended_on is null
				join village v on v.id = p.village_id where u.username = :user order by v.id limit 1""")
			.param("user", USER)
			.query()
			.singleRow();
		long villageId = ((Number) village.get("id")).longValue();
		List<String> households = jdbc.sql("select id from household where village_id = :v order by id")
			.param("v", villageId)
			.query(Long.class)
			.list()
			.stream()
			.map((id) -> GlobalId.of("Household", id))
			.toList();
		return new FieldDay(new Random(seed), GlobalId.of("Village", villageId),
				((Number) village.get("latitude")).doubleValue(), ((Number) village.get("longitude")).doubleValue(),
				households);
	}

	/** What several drains did together. */
	static final class Totals {

		int runs;

		int accepted;

		int duplicates;

		int conflicts;

		int rejected;

		int requests;

		int failedRequests;

		SyncReport last;

		void add(SyncReport report) {
			this.runs++;
			this.accepted += report.accepted();
			this.duplicates += report.duplicates();
			this.conflicts += report.conflicts();
			this.rejected += report.rejected();
			this.requests += report.requests();
			this.failedRequests += report.failedRequests();
			this.last = report;
		}

		@Override
		public String toString() {
			return this.runs + " runs: " + this.accepted + " accepted, " + this.duplicates + " duplicates, "
					+ this.conflicts + " conflicts, " + this.rejected + " rejected; " + this.requests + " requests, "
					+ this.failedRequests + " failed; last " + this.last;
		}

	}

}
