package cn.ankang.bangfu.visit;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.photo.PhotoService;
import cn.ankang.bangfu.shared.values.Digests;
import cn.ankang.bangfu.shared.errors.UserError;
import cn.ankang.bangfu.visit.VisitWriting.LogVisitInput;

/**
 * The rules of a visit from a phone that need no database: what refuses it (its uuid, a
 * household visit's household, notes, the day, photos, the location, the measures
 * agreed), what flags it for a second look (far from the village, in the future, long
 * ago, a mocked location), the distance that decides "far", and the digest that tells a
 * resend from an edit. {@link VisitWriter} applies them; {@code VisitChecksTests} tests
 * them one by one.
 */
final class VisitChecks {

	static final int MAX_NOTES = 4_000;

	static final int MAX_PHOTOS = 20;

	static final int MAX_MEASURES = 10;

	/**
	 * Farther than this from the village's recorded centre, a visit is flagged for a
	 * second look, not refused: a household may live far out, and the centre is one
	 * point.
	 */
	static final long FAR_METERS = 5_000;

	/**
	 * A phone's clock may run this far ahead before its visit is flagged as in the
	 * future.
	 */
	static final Duration FUTURE_SLACK = Duration.ofMinutes(10);

	/**
	 * Recorded longer ago than this, a visit is flagged: a phone offline for days sends
	 * late, but not by months.
	 */
	static final Duration LONG_AGO = Duration.ofDays(60);

	private VisitChecks() {
	}

	/** What refuses a visit on its own, every reason at once, each naming its field. */
	static List<UserError> validate(LogVisitInput input) {
		List<UserError> errors = new ArrayList<>();
		try {
			UUID.fromString(input.uuid());
		}
		catch (IllegalArgumentException ex) {
			errors.add(UserError.of("INVALID_INPUT", "'uuid' must be a UUID the phone generated.", "input", "uuid"));
		}
		if (input.kind() == Visit.Kind.HOUSEHOLD_VISIT && input.householdId() == null) {
			errors.add(UserError.of("INVALID_INPUT", "A household visit names the household.", "input", "householdId"));
		}
		if (input.notes() != null && input.notes().length() > MAX_NOTES) {
			errors.add(UserError.of("INVALID_INPUT", "Notes may have at most %d characters.".formatted(MAX_NOTES),
					"input", "notes"));
		}
		if (input.notes() != null && input.notes().indexOf('\0') >= 0) {
			errors.add(UserError.of("INVALID_INPUT", "Notes may not contain NUL characters.", "input", "notes"));
		}
		if (input.occurredAt().getYear() < 2000 || input.occurredAt().getYear() > 2100) {
			errors.add(UserError.of("INVALID_INPUT", "'occurredAt' is not a plausible date.", "input", "occurredAt"));
		}
		List<String> photos = input.photos();
		if (photos.size() > MAX_PHOTOS) {
			errors.add(UserError.of("INVALID_INPUT", "A visit may refer to at most %d photos.".formatted(MAX_PHOTOS),
					"input", "photoHashes"));
		}
		if (photos.stream().anyMatch((hash) -> !PhotoService.SHA256.matcher(hash).matches())) {
			errors.add(UserError.of("INVALID_INPUT", "Photos are named by their SHA-256: 64 hexadecimal digits.",
					"input", "photoHashes"));
		}
		if (photos.stream().distinct().count() != photos.size()) {
			errors.add(UserError.of("INVALID_INPUT", "Each photo is named once.", "input", "photoHashes"));
		}
		if (input.location() != null) {
			VisitWriting.LocationInput location = input.location();
			if (!(location.latitude() >= -90 && location.latitude() <= 90)) {
				errors.add(UserError.of("INVALID_INPUT", "Latitude lies between -90 and 90.", "input", "location",
						"latitude"));
			}
			if (!(location.longitude() >= -180 && location.longitude() <= 180)) {
				errors.add(UserError.of("INVALID_INPUT", "Longitude lies between -180 and 180.", "input", "location",
						"longitude"));
			}
			if (location.accuracyMeters() != null
					&& !(location.accuracyMeters() >= 0 && location.accuracyMeters() < 1e6)) {
				errors.add(UserError.of("INVALID_INPUT", "Accuracy is a distance in metres, 0 or more.", "input",
						"location", "accuracyMeters"));
			}
		}
		return errors;
	}

	/**
	 * What a visit's measures agreed at the door must be beside their constraints: agreed
	 * with a household, starting within a year of the day the visit arrives, either way.
	 */
	static List<UserError> measures(LogVisitInput input, LocalDate today) {
		List<UserError> errors = new ArrayList<>();
		List<VisitWriting.FollowUpMeasureInput> measures = input.measures();
		if (!measures.isEmpty() && input.householdId() == null) {
			errors.add(new UserError("INVALID_INPUT", "Measures are agreed with a household: name the household.",
					List.of("input", "followUpMeasures"), "帮扶措施须针对所走访的农户：请填写农户。"));
		}
		for (int i = 0; i < measures.size(); i++) {
			LocalDate startedOn = measures.get(i).startedOn();
			if (startedOn.isAfter(today.plusYears(1)) || startedOn.isBefore(today.minusYears(1))) {
				errors.add(new UserError("INVALID_INPUT", "A measure starts within a year of today, either way.",
						List.of("input", "followUpMeasures", String.valueOf(i), "startedOn"), "帮扶措施的开始日期应在今天前后一年之内。"));
			}
		}
		return errors;
	}

	static List<String> flags(LogVisitInput input, OffsetDateTime received, @Nullable Integer distance) {
		List<String> flags = new ArrayList<>();
		if (distance != null && distance > FAR_METERS) {
			flags.add("FAR_FROM_VILLAGE");
		}
		if (input.occurredAt().isAfter(received.plus(FUTURE_SLACK))) {
			flags.add("FUTURE_TIME");
		}
		if (input.occurredAt().isBefore(received.minus(LONG_AGO))) {
			flags.add("LONG_AGO");
		}
		if (input.location() != null && Boolean.TRUE.equals(input.location().mocked())) {
			flags.add("MOCKED_LOCATION");
		}
		return flags;
	}

	/** The great-circle distance in metres. */
	static double meters(double lat1, double lon1, double lat2, double lon2) {
		double dLat = Math.toRadians(lat2 - lat1);
		double dLon = Math.toRadians(lon2 - lon1);
		double a = Math.pow(Math.sin(dLat / 2), 2)
				+ Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
		return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(a)));
	}

	/**
	 * A digest of what the cadre recorded, not of when it was sent: a resend has the same
	 * digest, an edit another.
	 */
	static byte[] contentHash(LogVisitInput input, @Nullable UUID base) {
		StringBuilder text = new StringBuilder();
		if (base != null) {
			text.append("amends:").append(base).append('|');
		}
		text.append(input.uuid()).append('|').append(input.villageId()).append('|').append(input.householdId());
		text.append('|').append(input.kind()).append('|').append(input.occurredAt().toInstant());
		text.append('|').append(input.recordedAt().toInstant()).append('|').append(input.notes());
		if (input.location() != null) {
			VisitWriting.LocationInput l = input.location();
			text.append("|loc:").append(l.latitude()).append(',').append(l.longitude()).append(',');
			text.append(l.accuracyMeters()).append(',').append(l.provider()).append(',').append(l.mocked());
		}
		if (input.findings() != null) {
			VisitWriting.FindingsInput f = input.findings();
			text.append("|find:").append(f.schoolingSecure()).append(',').append(f.medicalCareSecure()).append(',');
			text.append(f.housingSafe()).append(',').append(f.drinkingWaterSafe()).append(',');
			text.append(f.incomeChange()).append(',');
			text.append(
					(f.newRiskTypes() != null) ? f.newRiskTypes().stream().map(Enum::name).sorted().toList() : "[]");
		}
		// visits stored before photos (and tasks) existed keep their digests
		if (!input.photos().isEmpty()) {
			text.append("|photos:").append(String.join(",", input.photos()));
		}
		if (input.taskId() != null) {
			text.append("|task:").append(input.taskId());
		}
		for (VisitWriting.FollowUpMeasureInput measure : input.measures()) {
			text.append("|measure:").append(measure.type()).append(',').append(measure.startedOn()).append(',');
			text.append(measure.description().strip());
		}
		return Digests.sha256(text.toString());
	}

}
