package cn.ankang.bangfu.mobile;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.ankang.client.BangfuClient;
import cn.ankang.client.Operation;
import cn.ankang.client.delta.DeltaSync;
import cn.ankang.client.delta.FileLocalStore;
import cn.ankang.client.delta.StoredItem;
import okhttp3.Interceptor;
import okhttp3.Response;
import okio.Buffer;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the mobile client sample reads from the whole service: delta sync through a
 * {@link FlakyProxy} that loses answers reaches the same store as over a good link, and
 * persisted queries go round (a document the service does not know is sent once, then by
 * its hash alone).
 */
class MobileReadsEndToEndTests extends MobileClientTestSupport {

	@Test
	void deltaSyncThroughALossyLinkReachesTheSameStoreAsThroughAGoodOne() throws Exception {
		Phone direct = new Phone("http://127.0.0.1:" + this.port + "/", this.folder.resolve("direct"), null, 6)
			.signIn();
		FileLocalStore good = new FileLocalStore(this.folder.resolve("direct").resolve("store.json"));
		new DeltaSync(direct.client, good, direct.retry).pull();
		// the same cadre's second phone: its pull, with the answers the link loses, is
		// paid
		// from an allowance of its own, whatever the class's other tests left in the
		// village
		freshAllowance();

		try (FlakyProxy proxy = new FlakyProxy(this.port, 11L, 0.30, 0.10, 0.10)) {
			Phone far = new Phone(proxy.url(), this.folder.resolve("far"), null, 7).signIn();
			FileLocalStore bad = new FileLocalStore(this.folder.resolve("far").resolve("store.json"));
			DeltaSync.Result pulled = new DeltaSync(far.client, bad, far.retry, 20).pull();

			assertThat(pulled.pages()).isGreaterThan(2);
			assertThat(good.items("VILLAGE")).hasSize(1);
			assertThat(good.items("HOUSEHOLD")).isNotEmpty();
			assertThat(good.items("ASSISTANCE_MEASURE")).isNotEmpty();
			assertThat(contents(bad)).isEqualTo(contents(good));
			assertThat(proxy.exchanges()).extracting(FlakyProxy.Exchange::fate).contains(FlakyProxy.Fate.LOSE_RESPONSE);
		}
		// nothing changed since: the next pull brings nothing
		DeltaSync.Result again = new DeltaSync(direct.client, good, direct.retry).pull();
		assertThat(again.upserts() + again.deletes() + again.villagesLeft()).isZero();
	}

	@Test
	void aDocumentUnknownToTheServiceIsSentOnceAndThenByItsHashAlone() throws Exception {
		List<JSONObject> sent = Collections.synchronizedList(new ArrayList<>());
		List<JSONObject> answers = Collections.synchronizedList(new ArrayList<>());
		Interceptor recording = (chain) -> {
			Buffer body = new Buffer();
			chain.request().body().writeTo(body);
			Response response = chain.proceed(chain.request());
			JSONObject request = new JSONObject(body.readUtf8());
			if (request.optString("operationName").equals("MobileClientProbe")) {
				sent.add(request);
				answers.add(new JSONObject(response.peekBody(1 << 20).string()));
			}
			return response;
		};
		Phone phone = new Phone("http://127.0.0.1:" + this.port + "/", this.folder,
				BangfuClient.defaultHttpClient().newBuilder().addInterceptor(recording).build(), 8)
			.signIn();
		// a document of its own, so that no other test taught the service its hash
		Operation probe = Operation
			.of("query MobileClientProbe { me { user { username } } }\n# " + UUID.randomUUID() + "\n");

		assertThat(phone.client.execute(probe, null).getJSONObject("me").getJSONObject("user").getString("username"))
			.isEqualTo(Phone.USER);
		phone.client.execute(probe, null);

		assertThat(sent).hasSize(3);
		assertThat(sent.get(0).has("query")).isFalse();
		assertThat(answers.get(0).getJSONArray("errors").getJSONObject(0).getJSONObject("extensions").getString("code"))
			.isEqualTo("PERSISTED_QUERY_NOT_FOUND");
		assertThat(sent.get(1).getString("query")).isEqualTo(probe.document());
		assertThat(sent.get(2).has("query")).isFalse();
		assertThat(answers.get(2).has("errors")).isFalse();
		for (JSONObject request : sent) {
			assertThat(request.getJSONObject("extensions").getJSONObject("persistedQuery").getString("sha256Hash"))
				.isEqualTo(probe.sha256());
		}
	}

	private static Map<String, String> contents(FileLocalStore store) throws IOException {
		Map<String, String> contents = new HashMap<>();
		for (String type : List.of("VILLAGE", "HOUSEHOLD", "ASSISTANCE_MEASURE", "VISIT")) {
			for (StoredItem item : store.items(type)) {
				// JSON objects compare by content, not by the order of their keys
				contents.put(item.id(), type + " " + item.villageId() + " " + canonical(item.node()));
			}
		}
		return contents;
	}

	private static String canonical(Object value) {
		if (value instanceof JSONObject object) {
			StringBuilder text = new StringBuilder("{");
			object.keySet()
				.stream()
				.sorted()
				.forEach((key) -> text.append(key).append('=').append(canonical(object.get(key))).append(','));
			return text.append('}').toString();
		}
		if (value instanceof JSONArray array) {
			StringBuilder text = new StringBuilder("[");
			for (int i = 0; i < array.length(); i++) {
				text.append(canonical(array.get(i))).append(',');
			}
			return text.append(']').toString();
		}
		return String.valueOf(value);
	}

}
