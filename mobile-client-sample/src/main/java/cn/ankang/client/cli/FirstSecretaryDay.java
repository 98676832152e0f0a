package cn.ankang.client.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UnsupportedEncodingException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.json.JSONObject;

import cn.ankang.client.BangfuClient;
import cn.ankang.client.BangfuException;
import cn.ankang.client.SignInRequiredException;
import cn.ankang.client.TransientException;
import cn.ankang.client.outbox.FileOutbox;
import cn.ankang.client.outbox.HeldWrite;
import cn.ankang.client.outbox.HouseholdUpdateDraft;
import cn.ankang.client.outbox.Outbox;
import cn.ankang.client.outbox.QueuedWrite;
import cn.ankang.client.outbox.SyncReport;
import cn.ankang.client.outbox.TaskCompletionDraft;
import cn.ankang.client.outbox.VisitDraft;
import cn.ankang.client.outbox.OutboxSync;
import cn.ankang.client.delta.DeltaSync;
import cn.ankang.client.delta.FileLocalStore;
import cn.ankang.client.delta.LocalStore;
import cn.ankang.client.delta.StoredItem;
import cn.ankang.client.retry.Backoff;
import cn.ankang.client.retry.RetryPolicy;
import cn.ankang.client.retry.Sleeper;
import cn.ankang.client.session.FileSessionStore;

/**
 * Plays a first secretary's day against a running service: signs in (or starts from the
 * kept session and store), pulls the village and its households (delta sync), records
 * visits, warnings verified and a household's income offline into the outbox, then comes
 * back into coverage and syncs them, printing each receipt, a summary and the requests
 * and bytes on the wire. What it keeps (session, outbox, local store) stays in
 * {@code --data}, so a run killed half-way goes on where it stopped when started again.
 *
 * <pre>
 * java -jar target/bangfu-mobile-client-sample-0.1.0-SNAPSHOT-cli.jar \
 *     --server http://localhost:8080 --user demo-secretary --password bangfu-demo --visits 20
 * </pre>
 */
public final class FirstSecretaryDay {

	private final PrintStream out;

	private FirstSecretaryDay(PrintStream out) {
		this.out = out;
	}

	/**
	 * Runs the day.
	 * @param args {@code --server URL --user NAME --password SECRET [--visits N]
	 * [--batch N] [--data FOLDER] [--seed N]}
	 * @throws Exception when the day could not be played
	 */
	public static void main(String[] args) throws Exception {
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println("usage: FirstSecretaryDay --server URL --user NAME --password SECRET [--visits 20]"
					+ " [--batch 50] [--data ./bangfu-client-data] [--seed N]");
			System.exit(2);
			return;
		}
		System.exit(new FirstSecretaryDay(utf8(System.out)).play(options));
	}

	private int play(Options options) throws IOException, InterruptedException {
		BangfuClient client = BangfuClient
			.builder(options.server, new FileSessionStore(options.data.resolve("session.json")))
			.build();
		RetryPolicy retry = new RetryPolicy(new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10), new Random()),
				8, Sleeper.THREAD);
		Outbox outbox = new FileOutbox(options.data.resolve("outbox"));
		LocalStore store = new FileLocalStore(options.data.resolve("store.json"));
		try {
			if (client.hasSession() && !store.items("VILLAGE").isEmpty()) {
				// offline start: the kept session and store are enough to record the day
				this.out.printf("早上好. Starting from the session and store kept in %s%n", options.data);
			}
			else {
				signIn(client, options);
			}
			this.out.println("Pulling what the phone holds offline (delta sync) ...");
			try {
				DeltaSync.Result pulled = new DeltaSync(client, store, retry).pull();
				this.out.printf("  %s%n", pulled);
			}
			catch (TransientException ex) {
				this.out.printf("  no signal (%s): working from what the phone holds%n", ex.getMessage());
			}
			catch (SignInRequiredException ex) {
				this.out.println("  the service ended the session: signing in again, the outbox as it is");
				signIn(client, options);
				new DeltaSync(client, store, retry).pull();
			}
			this.out.printf("  holding %d villages, %d households, %d measures, %d own visits%n",
					store.items("VILLAGE").size(), store.items("HOUSEHOLD").size(),
					store.items("ASSISTANCE_MEASURE").size(), store.items("VISIT").size());
			List<StoredItem> villages = store.items("VILLAGE");
			if (villages.isEmpty()) {
				this.out.println("No village in the feed: is this account a resident cadre in post?");
				return 2;
			}
			JSONObject village = villages.get(0).node();
			List<String> households = new ArrayList<>();
			for (StoredItem household : store.items("HOUSEHOLD")) {
				if (household.villageId().equals(village.getString("id"))) {
					households.add(household.id());
				}
			}
			this.out.printf("Village %s (%s), %d monitored households, committee at %.5f, %.5f%n",
					village.getString("name"), village.getString("code"), households.size(),
					village.getDouble("latitude"), village.getDouble("longitude"));

			this.out.printf("%nNo signal in the hills: recording %d visits into the outbox%n", options.visits);
			FieldDay day = new FieldDay(new Random(options.seed), village.getString("id"),
					village.getDouble("latitude"), village.getDouble("longitude"), households);
			Set<String> visited = new HashSet<>();
			for (VisitDraft draft : day.visits(options.visits, OffsetDateTime.now(FieldDay.CHINA))) {
				QueuedWrite queued = outbox.record(draft);
				JSONObject input = queued.input();
				visited.add(input.optString("householdId"));
				this.out.printf("  %s  %s %-18s %s%n", queued.id(), input.getString("occurredAt").substring(11, 16),
						input.getString("kind"), input.optString("notes"));
			}
			recordOtherWrites(outbox, store, village.getString("id"), visited);
			this.out.printf("Outbox: %d writes waiting%n", outbox.size());

			this.out.printf("%nBack in coverage: syncing, up to %d visits and the other writes a request%n",
					options.batch);
			SyncReport report = new OutboxSync(client, outbox, retry, options.batch, Clock.systemDefaultZone()).drain();
			if (report.failure() instanceof SignInRequiredException) {
				this.out.println("  the service ended the session: signing in again, the outbox as it is");
				signIn(client, options);
				report = new OutboxSync(client, outbox, retry, options.batch, Clock.systemDefaultZone()).drain();
			}
			for (JSONObject receipt : report.receipts()) {
				this.out.printf("  receipt %s %-9s received %s %s%n", receipt.getString("uuid"),
						receipt.getString("status"), receipt.getString("receivedAt"),
						receipt.getJSONArray("reviewFlags").length() == 0 ? "" : receipt.getJSONArray("reviewFlags"));
			}
			for (HeldWrite held : outbox.conflicts()) {
				this.out.printf("  needs attention: %s %s%n", held.write(), held.errors());
			}
			for (HeldWrite held : outbox.rejections()) {
				this.out.printf("  rejected: %s %s%n", held.write(), held.errors());
			}
			this.out.printf("%nSummary: %s%n", report);
			this.out.printf("The day on the wire: %s%n", client.traffic());
			return (report.outcome() == SyncReport.Outcome.DRAINED) ? 0 : 1;
		}
		catch (BangfuException ex) {
			this.out.printf("The service could not be used: %s %s%n", ex.getMessage(), ex.codes());
			this.out.printf("Nothing recorded is lost: %d writes wait in %s%n", outbox.size(),
					options.data.resolve("outbox"));
			return 1;
		}
	}

	/**
	 * The rest of the day from what the store holds: up to two departments' warnings
	 * verified on households not visited today (a visit would verify them by itself), and
	 * last year's income of a household not visited, on the version the phone holds.
	 */
	private void recordOtherWrites(Outbox outbox, LocalStore store, String villageId, Set<String> visited)
			throws IOException {
		int completions = 0;
		for (StoredItem task : store.items("TASK")) {
			JSONObject node = task.node();
			JSONObject household = node.optJSONObject("household");
			if (completions < 2 && task.villageId().equals(villageId)
					&& "VERIFY_WARNING".equals(node.optString("taskKind"))
					&& "OPEN".equals(node.optString("taskStatus")) && household != null
					&& !visited.contains(household.getString("id"))) {
				QueuedWrite queued = outbox.record(new TaskCompletionDraft(task.id(), "已入户核实预警情况，已登记。"));
				this.out.printf("  %s  task %s verified%n", queued.id(), task.id());
				completions++;
			}
		}
		for (StoredItem household : store.items("HOUSEHOLD")) {
			if (household.villageId().equals(villageId) && !visited.contains(household.id())) {
				int year = OffsetDateTime.now(FieldDay.CHINA).getYear() - 1;
				QueuedWrite queued = outbox
					.record(new HouseholdUpdateDraft(household.id(), household.node().getInt("version"))
						.recordIncome(year, "8650.00"));
				this.out.printf("  %s  %s: %d income 8650.00 per person%n", queued.id(),
						household.node().optString("headName"), year);
				return;
			}
		}
	}

	private void signIn(BangfuClient client, Options options) throws BangfuException {
		this.out.printf("早上好. Signing in to %s as %s%n", options.server, options.user);
		client.signIn(options.user, options.password, "FirstSecretaryDay on " + hostName());
	}

	private static String hostName() {
		String host = System.getenv("HOSTNAME");
		return (host != null) ? host : "a laptop";
	}

	private static PrintStream utf8(PrintStream out) throws UnsupportedEncodingException {
		// the notes are Chinese whatever the terminal's default charset says
		return new PrintStream(out, true, "UTF-8");
	}

	/** The command line. */
	private static final class Options {

		private String server;

		private String user;

		private String password;

		private int visits = 20;

		private int batch = OutboxSync.DEFAULT_BATCH;

		private Path data = Paths.get("bangfu-client-data");

		private long seed = System.nanoTime();

		static Options parse(String[] args) {
			Options options = new Options();
			for (int i = 0; i < args.length; i++) {
				String name = args[i];
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException(name + " needs a value");
				}
				String value = args[++i];
				if ("--server".equals(name)) {
					options.server = value;
				}
				else if ("--user".equals(name)) {
					options.user = value;
				}
				else if ("--password".equals(name)) {
					options.password = value;
				}
				else if ("--visits".equals(name)) {
					options.visits = Integer.parseInt(value);
				}
				else if ("--batch".equals(name)) {
					options.batch = Integer.parseInt(value);
				}
				else if ("--data".equals(name)) {
					options.data = Paths.get(value);
				}
				else if ("--seed".equals(name)) {
					options.seed = Long.parseLong(value);
				}
				else {
					throw new IllegalArgumentException("Unknown option " + name);
				}
			}
			if (options.server == null || options.user == null || options.password == null) {
				throw new IllegalArgumentException("--server, --user and --password are required");
			}
			return options;
		}

	}

}
