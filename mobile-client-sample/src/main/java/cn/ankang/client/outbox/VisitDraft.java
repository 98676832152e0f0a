package cn.ankang.client.outbox;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.json.JSONArray;
import org.json.JSONObject;

/**
 * A visit as the cadre records it, before it has a uuid: {@link Outbox#record(Draft)}
 * gives it one and stores it, and from then on it is sent with that uuid only. Builds the
 * service's {@code LogVisitInput}.
 */
public final class VisitDraft implements Draft {

	private final JSONObject input = new JSONObject();

	/**
	 * A visit.
	 * @param villageId the village's global id
	 * @param kind what the visit was
	 * @param occurredAt when it took place, by the phone's clock, with the phone's offset
	 * @param recordedAt when the cadre recorded it
	 */
	public VisitDraft(String villageId, Kind kind, OffsetDateTime occurredAt, OffsetDateTime recordedAt) {
		this.input.put("villageId", villageId);
		this.input.put("kind", kind.name());
		this.input.put("occurredAt", time(occurredAt));
		this.input.put("recordedAt", time(recordedAt));
	}

	private VisitDraft() {
	}

	/**
	 * A visit as recorded before, to start a correction from: everything but its uuid.
	 * @param input a {@code LogVisitInput}, e.g. {@link QueuedWrite#input()} of a visit
	 * @return a new draft
	 */
	public static VisitDraft of(JSONObject input) {
		VisitDraft draft = new VisitDraft();
		// a deep copy: the recorded visit's nested objects stay as they were
		JSONObject copy = new JSONObject(input.toString());
		copy.remove("uuid");
		for (String key : copy.keySet()) {
			draft.input.put(key, copy.get(key));
		}
		return draft;
	}

	/**
	 * The household visited; required for household visits.
	 * @param householdId the household's global id
	 * @return this draft
	 */
	public VisitDraft household(String householdId) {
		this.input.put("householdId", householdId);
		return this;
	}

	/**
	 * Where the phone was, as the operating system said.
	 * @param latitude WGS 84 degrees
	 * @param longitude WGS 84 degrees
	 * @param accuracyMeters the radius of 68 % confidence, or null
	 * @param provider the source, or null
	 * @param mocked whether the system reported a mock location
	 * @return this draft
	 */
	public VisitDraft location(double latitude, double longitude, Double accuracyMeters, LocationProvider provider,
			boolean mocked) {
		JSONObject location = new JSONObject().put("latitude", latitude).put("longitude", longitude);
		if (accuracyMeters != null) {
			location.put("accuracyMeters", accuracyMeters.doubleValue());
		}
		if (provider != null) {
			location.put("provider", provider.name());
		}
		location.put("mocked", mocked);
		this.input.put("location", location);
		return this;
	}

	/**
	 * The cadre's notes.
	 * @param notes at most 4,000 characters
	 * @return this draft
	 */
	public VisitDraft notes(String notes) {
		this.input.put("notes", notes);
		return this;
	}

	/**
	 * What the cadre checked; leave null what was not checked.
	 * @param schoolingSecure compulsory schooling secured
	 * @param medicalCareSecure basic medical care secured
	 * @param housingSafe housing safe
	 * @param drinkingWaterSafe drinking water safe
	 * @param incomeChange how income moved, or null
	 * @param newRiskTypes risks found that the household did not have, as the service's
	 * {@code RiskType} names, or null
	 * @return this draft
	 */
	public VisitDraft findings(Boolean schoolingSecure, Boolean medicalCareSecure, Boolean housingSafe,
			Boolean drinkingWaterSafe, IncomeChange incomeChange, List<String> newRiskTypes) {
		JSONObject findings = new JSONObject();
		findings.putOpt("schoolingSecure", schoolingSecure);
		findings.putOpt("medicalCareSecure", medicalCareSecure);
		findings.putOpt("housingSafe", housingSafe);
		findings.putOpt("drinkingWaterSafe", drinkingWaterSafe);
		findings.putOpt("incomeChange", (incomeChange != null) ? incomeChange.name() : null);
		if (newRiskTypes != null) {
			findings.put("newRiskTypes", new JSONArray(newRiskTypes));
		}
		this.input.put("findings", findings);
		return this;
	}

	/**
	 * The photos taken on the visit, by their SHA-256; the visit may go before them.
	 * @param sha256s lower-case hex hashes, at most 20
	 * @return this draft
	 */
	public VisitDraft photoHashes(List<String> sha256s) {
		this.input.put("photoHashes", new JSONArray(sha256s));
		return this;
	}

	/**
	 * An assistance measure agreed at the door: it starts as the household's measure when
	 * the visit is first stored, so the cadre does not enter it again.
	 * @param type the service's {@code MeasureType} name, e.g. {@code EMPLOYMENT}
	 * @param description what is done, 2 to 500 characters
	 * @param startedOn the day it starts, within a year of today
	 * @return this draft
	 */
	public VisitDraft followUpMeasure(String type, String description, LocalDate startedOn) {
		JSONArray measures = this.input.optJSONArray("followUpMeasures");
		if (measures == null) {
			measures = new JSONArray();
			this.input.put("followUpMeasures", measures);
		}
		measures.put(new JSONObject().put("type", type)
			.put("description", description)
			.put("startedOn", startedOn.toString()));
		return this;
	}

	/**
	 * The warning verification this visit fulfils ({@code VERIFY_WARNING}): the visit
	 * completes it, so no {@link TaskCompletionDraft} is needed.
	 * @param taskId the task's global id
	 * @return this draft
	 */
	public VisitDraft task(String taskId) {
		this.input.put("taskId", taskId);
		return this;
	}

	@Override
	public WriteKind kind() {
		return WriteKind.VISIT;
	}

	/**
	 * The service's {@code LogVisitInput} for this visit under a uuid.
	 * @param uuid the visit's uuid
	 * @return a new JSON object
	 */
	@Override
	public JSONObject toInput(String uuid) {
		JSONObject copy = new JSONObject(this.input.toString());
		copy.put("uuid", uuid);
		return copy;
	}

	private static String time(OffsetDateTime time) {
		// with seconds always: OffsetDateTime.toString() leaves out ":00", which RFC 3339
		// does not allow
		return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
	}

	/** What a visit was ({@code VisitKind}). */
	public enum Kind {

		/** A visit to a household at home (入户走访). */
		HOUSEHOLD_VISIT,
		/** A village meeting (村民会议). */
		VILLAGE_MEETING,
		/** An inspection of a project (项目查看). */
		PROJECT_INSPECTION,
		/** Anything else (其他). */
		OTHER

	}

	/** Where a position came from ({@code LocationProvider}). */
	public enum LocationProvider {

		/** Satellites (GPS/北斗). */
		GPS,
		/** Cell towers and Wi-Fi. */
		NETWORK,
		/** The platform's fused provider. */
		FUSED,
		/** Another source. */
		OTHER

	}

	/** How a household's income moved ({@code IncomeChange}). */
	public enum IncomeChange {

		/** Rose (增加). */
		ROSE,
		/** About the same (稳定). */
		STABLE,
		/** Fell (减少). */
		FELL

	}

}
