package cn.ankang.client.outbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.json.JSONArray;
import org.json.JSONObject;

import cn.ankang.client.BangfuClient;
import cn.ankang.client.BangfuException;
import cn.ankang.client.Operation;

/**
 * The requests that carry queued writes for {@link OutboxSync}: the document and
 * variables of one request, whatever its mix of kinds, and its answer taken apart by the
 * ids of the writes it settles.
 */
final class WriteRequests {

	private static final Map<String, Operation> COMBINED = new ConcurrentHashMap<>();

	private final BangfuClient client;

	private final Clock clock;

	WriteRequests(BangfuClient client, Clock clock) {
		this.client = client;
		this.clock = clock;
	}

	/**
	 * Sends writes in one request and returns each one's answer by id: for a visit its
	 * {@code SyncVisitResult}, for the others their payload. A batch of visits alone, or
	 * a single other write, goes with its stored document; anything else with a document
	 * made of theirs, one aliased field each.
	 */
	Map<String, JSONObject> send(List<QueuedWrite> writes) throws BangfuException {
		List<QueuedWrite> visits = new ArrayList<>();
		List<QueuedWrite> others = new ArrayList<>();
		for (QueuedWrite write : writes) {
			(write.kind() == WriteKind.VISIT ? visits : others).add(write);
		}
		Map<String, JSONObject> answers = new HashMap<>();
		if (others.isEmpty() || (visits.isEmpty() && others.size() == 1)) {
			WriteKind kind = writes.get(0).kind();
			JSONObject input = visits.isEmpty() ? others.get(0).input() : visitsInput(visits);
			JSONObject data = this.client.execute(kind.operation(), new JSONObject().put("input", input));
			collect(answers, writes.get(0), data.optJSONObject(field(kind)));
			return answers;
		}
		JSONObject variables = new JSONObject();
		List<String> aliases = new ArrayList<>();
		if (!visits.isEmpty()) {
			variables.put(WriteKind.VISIT.alias(), visitsInput(visits));
		}
		Map<WriteKind, Integer> counts = new EnumMap<>(WriteKind.class);
		for (QueuedWrite write : others) {
			int n = counts.containsKey(write.kind()) ? counts.get(write.kind()) : 0;
			counts.put(write.kind(), n + 1);
			String alias = write.kind().alias() + n;
			aliases.add(alias);
			variables.put(alias, write.input());
		}
		JSONObject data = this.client.execute(combined(!visits.isEmpty(), counts), variables);
		if (!visits.isEmpty()) {
			collect(answers, visits.get(0), data.optJSONObject(WriteKind.VISIT.alias()));
		}
		for (int i = 0; i < others.size(); i++) {
			collect(answers, others.get(i), data.optJSONObject(aliases.get(i)));
		}
		return answers;
	}

	/**
	 * A field's answer by the ids it settles: a visit batch's results, another write's
	 * payload.
	 */
	private static void collect(Map<String, JSONObject> answers, QueuedWrite write, JSONObject payload) {
		if (payload == null) {
			return;
		}
		if (write.kind() != WriteKind.VISIT) {
			answers.put(write.id(), payload);
			return;
		}
		JSONArray results = payload.getJSONArray("results");
		for (int i = 0; i < results.length(); i++) {
			JSONObject result = results.getJSONObject(i);
			answers.put(result.getString("uuid"), result);
		}
	}

	private JSONObject visitsInput(List<QueuedWrite> visits) {
		JSONArray inputs = new JSONArray();
		for (QueuedWrite visit : visits) {
			inputs.put(visit.input());
		}
		return new JSONObject().put("visits", inputs)
			.put("deviceTime", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.now(this.clock)));
	}

	/**
	 * The document for a request of several writes, made of the stored documents' fields,
	 * one aliased field each ({@code visits}, then {@code correction0},
	 * {@code household0}, {@code step0}, {@code completion0}, ...), each taking the
	 * variable named as its alias: the same shape always makes the same text, so the
	 * service knows it by its hash after the first time.
	 * @param withVisits whether a batch of visits goes first
	 * @param counts how many writes of each other kind follow
	 * @return the operation
	 */
	static Operation combined(boolean withVisits, Map<WriteKind, Integer> counts) {
		StringBuilder name = new StringBuilder("Outbox").append(withVisits ? "_visits" : "");
		StringBuilder parameters = new StringBuilder();
		StringBuilder fields = new StringBuilder();
		if (withVisits) {
			add(WriteKind.VISIT, WriteKind.VISIT.alias(), parameters, fields);
		}
		for (WriteKind kind : WriteKind.values()) {
			if (kind == WriteKind.VISIT) {
				continue;
			}
			int n = counts.containsKey(kind) ? counts.get(kind) : 0;
			if (n > 0) {
				name.append('_').append(kind.alias()).append(n);
			}
			for (int i = 0; i < n; i++) {
				add(kind, kind.alias() + i, parameters, fields);
			}
		}
		String key = name.toString();
		Operation operation = COMBINED.get(key);
		if (operation == null) {
			operation = Operation.of("mutation " + key + "(" + parameters + ") {\n" + fields + "}\n");
			COMBINED.put(key, operation);
		}
		return operation;
	}

	private static void add(WriteKind kind, String alias, StringBuilder parameters, StringBuilder fields) {
		String document = kind.operation().document();
		// the stored document's one field, its $input renamed
		String type = document.substring(document.indexOf("$input:") + "$input:".length(), document.indexOf(')'))
			.trim();
		String field = document.substring(document.indexOf('{') + 1, document.lastIndexOf('}')).trim();
		if (parameters.length() > 0) {
			parameters.append(", ");
		}
		parameters.append('$').append(alias).append(": ").append(type);
		fields.append("    ").append(alias).append(": ").append(field.replace("$input", "$" + alias)).append('\n');
	}

	private static String field(WriteKind kind) {
		String document = kind.operation().document();
		String field = document.substring(document.indexOf('{') + 1).trim();
		return field.substring(0, field.indexOf('('));
	}

}
