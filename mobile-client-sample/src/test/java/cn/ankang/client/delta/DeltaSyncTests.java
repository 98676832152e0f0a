package cn.ankang.client.delta;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.ankang.client.BangfuClient;
import cn.ankang.client.FakeService;
import cn.ankang.client.FakeService.Recorded;
import cn.ankang.client.FakeService.Reply;
import cn.ankang.client.retry.Backoff;
import cn.ankang.client.retry.RetryPolicy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local store applies the feed's rules, keeps the cursor with the items it belongs
 * to, and the delta sync pages through the feed from where it stood.
 */
class DeltaSyncTests {

	@TempDir
	Path folder;

	private final FakeService service;

	DeltaSyncTests() throws Exception {
		this.service = new FakeService();
	}

	@AfterEach
	void stop() {
		this.service.close();
	}

	@Test
	void upsertsDeletesAndVillagesThatLeaveFollowTheFeedsRules() throws Exception {
		FileLocalStore store = new FileLocalStore(this.folder.resolve("store.json"));
		store.apply(Arrays.asList(upsert("VILLAGE", "V1", "V1", new JSONObject().put("name", "茶园村")),
				upsert("VILLAGE", "V2", "V2", new JSONObject().put("name", "魔芋村")),
				upsert("HOUSEHOLD", "H1", "V1",
						new JSONObject().put("headName", "王某1").put("measures", measures("M1", "M2"))),
				upsert("ASSISTANCE_MEASURE", "M1", "V1", new JSONObject().put("type", "INDUSTRY")),
				upsert("ASSISTANCE_MEASURE", "M2", "V1", new JSONObject().put("type", "EMPLOYMENT")),
				upsert("ASSISTANCE_MEASURE", "M3", "V1", new JSONObject().put("type", "HEALTH")),
				// added after the household's last change: its list does not name it, it
				// names the household
				upsert("ASSISTANCE_MEASURE", "M4", "V1",
						new JSONObject().put("type", "HOUSING").put("household", new JSONObject().put("id", "H1"))),
				upsert("HOUSEHOLD", "H2", "V2", new JSONObject().put("headName", "李某2")),
				upsert("VISIT", "S1", "V2", new JSONObject().put("notes", "入户走访"))), "c1");
		assertThat(store.size()).isEqualTo(9);

		store.apply(Arrays.asList(upsert("HOUSEHOLD", "H1", "V1",
				new JSONObject().put("headName", "王某1").put("version", 2).put("measures", measures("M1", "M2"))),
				new Change(Change.UPSERT, "HOUSEHOLD", "H9", "V1", null),
				new Change(Change.DELETE, "VISIT", "unknown", "V1", null)), "c2");
		assertThat(store.get("H1").node().getInt("version")).isEqualTo(2);
		// an upsert without a node (out of sight by the time it was read) stores nothing
		assertThat(store.get("H9")).isNull();

		// a household goes with the measures it listed and those that name it
		store.apply(Arrays.asList(new Change(Change.DELETE, "HOUSEHOLD", "H1", "V1", null)), "c3");
		assertThat(store.get("M1")).isNull();
		assertThat(store.get("M2")).isNull();
		assertThat(store.get("M4")).isNull();
		assertThat(store.get("M3")).isNotNull();

		// a village that left takes everything of it along
		store.apply(Arrays.asList(new Change(Change.LEFT_JURISDICTION, "VILLAGE", "V2", "V2", null)), "c4");
		assertThat(store.items("VILLAGE")).extracting(StoredItem::id).containsExactly("V1");
		assertThat(store.get("H2")).isNull();
		assertThat(store.get("S1")).isNull();
		assertThat(store.cursor()).isEqualTo("c4");

		FileLocalStore reopened = new FileLocalStore(this.folder.resolve("store.json"));
		assertThat(reopened.cursor()).isEqualTo("c4");
		assertThat(reopened.size()).isEqualTo(store.size());
		assertThat(reopened.get("M3").node().getString("type")).isEqualTo("HEALTH");
	}

	@Test
	void aWriteThatFailsChangesNeitherItemsNorCursor() throws Exception {
		Path file = this.folder.resolve("store").resolve("store.json");
		FileLocalStore store = new FileLocalStore(file);
		store.apply(Arrays.asList(upsert("VILLAGE", "V1", "V1", new JSONObject())), "c1");
		// the folder is gone, so the next write fails as a full disk would
		Files.delete(file);
		Files.delete(file.getParent());

		org.assertj.core.api.Assertions.assertThatIOException()
			.isThrownBy(() -> store.apply(Arrays.asList(upsert("VILLAGE", "V2", "V2", new JSONObject())), "c2"));
		assertThat(store.cursor()).isEqualTo("c1");
		assertThat(store.get("V2")).isNull();
	}

	@Test
	void aPullPagesThroughTheFeedFromTheStoredCursorAndRetriesLostPages() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		List<String> afters = new ArrayList<>();
		this.service.graphQl((request) -> {
			String after = request.variables().optString("after", null);
			afters.add(String.valueOf(after));
			if (calls.incrementAndGet() == 2) {
				// the second page's answer is lost once
				return null;
			}
			assertThat(request.variables().getInt("first")).isEqualTo(2);
			return page(request);
		});
		FileLocalStore store = new FileLocalStore(this.folder.resolve("store.json"));
		BangfuClient client = BangfuClient
			.builder(this.service.url(), new FakeService.MemorySessionStore(FakeService.tokens("access", "refresh")))
			.build();
		RetryPolicy retry = new RetryPolicy(new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), new Random(3)), 4,
				(wait) -> {
				});

		DeltaSync.Result result = new DeltaSync(client, store, retry, 2).pull();

		assertThat(result.pages()).isEqualTo(3);
		assertThat(result.upserts()).isEqualTo(5);
		assertThat(store.size()).isEqualTo(5);
		assertThat(store.cursor()).isEqualTo("p3");
		assertThat(afters).containsExactly("null", "p1", "p1", "p2");

		// the next pull starts where this one stopped
		afters.clear();
		new DeltaSync(client, new FileLocalStore(this.folder.resolve("store.json")), retry, 2).pull();
		assertThat(afters).containsExactly("p3");
	}

	private static Reply page(Recorded request) {
		String after = request.variables().optString("after", "");
		JSONArray changes = new JSONArray();
		String cursor;
		boolean more;
		if (after.isEmpty()) {
			changes.put(change("VILLAGE", "V1")).put(change("HOUSEHOLD", "H1"));
			cursor = "p1";
			more = true;
		}
		else if (after.equals("p1")) {
			changes.put(change("HOUSEHOLD", "H2")).put(change("ASSISTANCE_MEASURE", "M1"));
			cursor = "p2";
			more = true;
		}
		else if (after.equals("p2")) {
			changes.put(change("VISIT", "S1"));
			cursor = "p3";
			more = false;
		}
		else {
			cursor = after;
			more = false;
		}
		return Reply.data(new JSONObject().put("changes",
				new JSONObject().put("changes", changes)
					.put("cursor", cursor)
					.put("hasMore", more)
					.put("asOf", "2026-05-12T09:40:00Z")));
	}

	private static JSONObject change(String type, String id) {
		return new JSONObject().put("operation", "UPSERT")
			.put("itemType", type)
			.put("id", id)
			.put("villageId", "V1")
			.put("node", new JSONObject().put("id", id));
	}

	private static Change upsert(String type, String id, String village, JSONObject node) {
		return new Change(Change.UPSERT, type, id, village, node.put("id", id));
	}

	private static JSONArray measures(String... ids) {
		JSONArray measures = new JSONArray();
		for (String id : ids) {
			measures.put(new JSONObject().put("id", id));
		}
		return measures;
	}

}
