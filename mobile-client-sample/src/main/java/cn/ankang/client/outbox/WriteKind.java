package cn.ankang.client.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.json.JSONArray;
import org.json.JSONObject;

import cn.ankang.client.Operation;

/**
 * The kinds of field write the outbox holds, in the order a drain sends them: visits
 * first, so that whatever cites a visit (a correction, a case step, a task completion)
 * finds it stored, and photos last, one upload each, after the requests of the others.
 * Each kind knows its mutation, where its client-made id sits in its input, and the
 * records it touches, by which the outbox keeps order per record.
 */
public enum WriteKind {

	/** A visit ({@code syncVisits}, by its {@code uuid}). */
	VISIT("SyncVisits", "visits"),
	/**
	 * A correction of a visit ({@code amendVisit}, by the new version's {@code uuid}).
	 */
	VISIT_CORRECTION("AmendVisit", "correction"),
	/**
	 * What was found about a household ({@code updateHousehold}, by {@code changeId}).
	 */
	HOUSEHOLD_UPDATE("UpdateHousehold", "household"),
	/** A step of a monitoring case ({@code recordCaseStep}, by {@code stepId}). */
	CASE_STEP("RecordCaseStep", "step"),
	/** A task done ({@code completeTask}, by {@code completionId}). */
	TASK_COMPLETION("CompleteTask", "completion"),
	/**
	 * A photo ({@code requestPhotoUpload} and its resumable upload, by {@code photoId});
	 * never part of a combined request.
	 */
	PHOTO("RequestPhotoUpload", "photo");

	/**
	 * User error codes that say the record moved on before the write arrived (someone
	 * else acted first): the write is held as a conflict, to be looked at against the
	 * record as it stands.
	 */
	static final Set<String> CONFLICT_CODES = new HashSet<>(
			Arrays.asList("CONFLICT", "STALE_STATE", "STALE_VERSION", "INVALID_TRANSITION"));

	private final String operationName;

	private final String alias;

	private Operation operation;

	WriteKind(String operationName, String alias) {
		this.operationName = operationName;
		this.alias = alias;
	}

	/**
	 * The stored document that sends one write of this kind (for visits, a batch).
	 * @return the operation
	 */
	public synchronized Operation operation() {
		// loaded on first use, so that an enum constant never fails to initialise
		if (this.operation == null) {
			this.operation = Operation.load(this.operationName);
		}
		return this.operation;
	}

	/** The name a write of this kind goes under in a combined request. */
	String alias() {
		return this.alias;
	}

	/**
	 * The client-made id in an input of this kind.
	 * @param input the input
	 * @return the id
	 */
	public String idOf(JSONObject input) {
		switch (this) {
			case VISIT:
				return input.getString("uuid");
			case VISIT_CORRECTION:
				return input.getJSONObject("visit").getString("uuid");
			case HOUSEHOLD_UPDATE:
				return input.getString("changeId");
			case CASE_STEP:
				return input.getString("stepId");
			case PHOTO:
				return input.getString("photoId");
			default:
				return input.getString("completionId");
		}
	}

	/**
	 * The records (global ids) a write touches: a later write that shares one is never
	 * sent ahead of it.
	 * @param input the input
	 * @return the global ids
	 */
	List<String> records(JSONObject input) {
		List<String> records = new ArrayList<>();
		switch (this) {
			case VISIT:
				records.add(visitId(input.getString("uuid")));
				addOpt(records, input, "householdId");
				addOpt(records, input, "taskId");
				break;
			case VISIT_CORRECTION:
				records.add(input.getString("baseVersionId"));
				records.add(visitId(input.getJSONObject("visit").getString("uuid")));
				addOpt(records, input.getJSONObject("visit"), "householdId");
				break;
			case HOUSEHOLD_UPDATE:
				records.add(input.getString("householdId"));
				break;
			case CASE_STEP:
				records.add(input.getString("caseId"));
				addVisits(records, input);
				break;
			case PHOTO:
				// a visit names a photo by its hash and may arrive before it: nothing to
				// wait for
				break;
			default:
				records.add(input.getString("taskId"));
				addVisits(records, input);
		}
		return records;
	}

	/**
	 * The global id the service gives the visit (version) stored under this uuid.
	 * @param uuid the visit's uuid
	 * @return the {@code Visit} id
	 */
	public static String visitId(String uuid) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("Visit:" + uuid).getBytes(StandardCharsets.UTF_8));
	}

	private static void addOpt(List<String> records, JSONObject input, String field) {
		String value = input.optString(field, null);
		if (value != null) {
			records.add(value);
		}
	}

	private static void addVisits(List<String> records, JSONObject input) {
		JSONArray visits = input.optJSONArray("visitIds");
		for (int i = 0; visits != null && i < visits.length(); i++) {
			records.add(visitId(visits.getString(i)));
		}
	}

}
