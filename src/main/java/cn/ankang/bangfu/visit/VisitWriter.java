package cn.ankang.bangfu.visit;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.photo.PhotoService;
import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.shared.ApiException;
import cn.ankang.bangfu.shared.Digests;
import cn.ankang.bangfu.shared.GlobalId;
import cn.ankang.bangfu.shared.UserError;
import cn.ankang.bangfu.visit.VisitWriting.LogVisitInput;
import cn.ankang.bangfu.visit.VisitWriting.Outcome;
import cn.ankang.bangfu.visit.VisitWriting.Receipt;
import cn.ankang.bangfu.visit.VisitWriting.Status;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Stores one visit from a phone, exactly once: the phone's uuid is the primary key, an
 * insert that finds it taken changes nothing, and the content hash then tells a resend
 * from a conflict. Each call is its own transaction, so a visit answered as stored is
 * committed.
 */
@Service
class VisitWriter {

	static final int MAX_NOTES = 4_000;

	static final int MAX_PHOTOS = 20;

	static final long FAR_METERS = 5_000;

	static final Duration FUTURE_SLACK = Duration.ofMinutes(10);

	static final Duration LONG_AGO = Duration.ofDays(60);

	private final VisitWriteRepository repository;

	private final VisitService visits;

	private final Clock clock;

	VisitWriter(VisitWriteRepository repository, VisitService visits, Clock clock) {
		this.repository = repository;
		this.visits = visits;
		this.clock = clock;
	}

	/** The signed-in cadre's key; only cadres log visits. */
	static long cadre() {
		CurrentUser user = Auth.require();
		if (user.cadreKey() == null || !(user.has(Role.FIRST_SECRETARY) || user.has(Role.TEAM_MEMBER))) {
			throw ApiException.forbidden("Only resident cadres log visits, with an account that belongs to them.");
		}
		return user.cadreKey();
	}

	/**
	 * Stores the visit, or finds it stored.
	 * @param requestDeviceTime the device clock when it sent the request, when the visit
	 * does not say
	 */
	@Transactional
	Outcome write(LogVisitInput input, @Nullable OffsetDateTime requestDeviceTime) {
		return store(input, requestDeviceTime, null);
	}

	/**
	 * Stores a correction as the next version of the visit it names, or finds it stored.
	 * A base version that is not the current one any more is {@code STALE_VERSION}, with
	 * the current version.
	 */
	@Transactional
	Outcome amend(VisitWriting.AmendVisitInput amendment) {
		LogVisitInput input = amendment.visit();
		long cadre = cadre();
		Optional<UUID> baseKey = visitKey(amendment.baseVersionId());
		Optional<VisitWriteRepository.Version> base = baseKey.flatMap(this.repository::version)
			.filter((version) -> version.cadre() == cadre);
		if (base.isEmpty()) {
			return Outcome.rejected(input.uuid(),
					UserError.of("NOT_FOUND", "There is no such visit of yours to correct.", "input", "baseVersionId"));
		}
		return store(input, null, base.get());
	}

	private Outcome store(LogVisitInput input, @Nullable OffsetDateTime requestDeviceTime,
			VisitWriteRepository.@Nullable Version base) {
		long cadre = cadre();
		List<UserError> errors = validate(input);
		if (!errors.isEmpty()) {
			return new Outcome(input.uuid(), Status.REJECTED, null, null, errors);
		}
		UUID uuid = UUID.fromString(input.uuid());
		Optional<Long> village = key(input.villageId(), "Village");
		if (village.isEmpty() || !this.repository.isPostedIn(cadre, village.get(), today())) {
			return Outcome.rejected(input.uuid(),
					UserError.of("NOT_FOUND", "You are not posted in that village today.", "input", "villageId"));
		}
		Long household = null;
		if (input.householdId() != null) {
			Optional<Long> key = key(input.householdId(), "Household");
			if (key.isEmpty() || !this.repository.householdIn(key.get(), village.get())) {
				return Outcome.rejected(input.uuid(), UserError.of("NOT_FOUND",
						"There is no such household in that village.", "input", "householdId"));
			}
			household = key.get();
		}
		OffsetDateTime received = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
		OffsetDateTime deviceTime = (input.deviceTime() != null) ? input.deviceTime() : requestDeviceTime;
		Integer skew = (deviceTime != null) ? (int) Duration.between(received, deviceTime).toSeconds() : null;
		Integer distance = null;
		if (input.location() != null) {
			double[] centre = this.repository.villageCentre(village.get());
			distance = (int) Math
				.round(meters(centre[0], centre[1], input.location().latitude(), input.location().longitude()));
		}
		List<String> flags = flags(input, received, distance);
		byte[] hash = contentHash(input, (base != null) ? base.id() : null);
		if (base != null) {
			// corrections of one version queue here, one at a time: the first replaces
			// it, the others find it
			// replaced (unless they are resends of that first one)
			boolean replaced = this.repository.lockForReplacement(base.id());
			if (replaced && this.repository.stored(uuid).isEmpty()) {
				return stale(input, base);
			}
		}
		Optional<OffsetDateTime> stored = this.repository.insertIfAbsent(uuid, cadre, village.get(), household, input,
				received, skew, distance, flags, hash, base);
		if (stored.isPresent() && base != null && !this.repository.markReplaced(base.id(), uuid)) {
			// another correction of the same version won the race: this one is not stored
			TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
			return stale(input, base);
		}
		if (stored.isPresent()) {
			return new Outcome(input.uuid(), Status.ACCEPTED,
					new Receipt(input.uuid(), Status.ACCEPTED, stored.get(), flags), visit(uuid), List.of());
		}
		Optional<VisitWriteRepository.Stored> existing = this.repository.stored(uuid);
		if (existing.isPresent() && existing.get().hash() != null
				&& MessageDigest.isEqual(existing.get().hash(), hash)) {
			return new Outcome(input.uuid(), Status.DUPLICATE,
					new Receipt(input.uuid(), Status.DUPLICATE, existing.get().receivedAt(), existing.get().flags()),
					visit(uuid), List.of());
		}
		return new Outcome(input.uuid(), Status.CONFLICT, null, visit(uuid),
				List.of(UserError.of("CONFLICT",
						"Another visit with other content is stored under this uuid: make a new uuid for a new visit.",
						"input", "uuid")));
	}

	private Outcome stale(LogVisitInput input, VisitWriteRepository.Version base) {
		Visit current = this.repository.currentOf(base.chain()).map(this::visit).orElse(null);
		return new Outcome(input.uuid(), Status.CONFLICT, null, current,
				List.of(UserError.of("STALE_VERSION",
						"The visit was corrected since the version you changed: here is the current version.", "input",
						"baseVersionId")));
	}

	private static Optional<UUID> visitKey(String id) {
		try {
			GlobalId decoded = GlobalId.decode(id);
			return decoded.type().equals(Visit.TYPE) ? Optional.of(UUID.fromString(decoded.key())) : Optional.empty();
		}
		catch (ApiException | IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private @Nullable Visit visit(UUID uuid) {
		return this.visits.visitsByKeys(List.of(uuid)).get(uuid);
	}

	private static List<UserError> validate(LogVisitInput input) {
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

	private static List<String> flags(LogVisitInput input, OffsetDateTime received, @Nullable Integer distance) {
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
		// visits stored before photos existed keep their digests
		if (!input.photos().isEmpty()) {
			text.append("|photos:").append(String.join(",", input.photos()));
		}
		return Digests.sha256(text.toString());
	}

	private static Optional<Long> key(String id, String type) {
		try {
			return Optional.of(GlobalId.decodeNumeric(id, type));
		}
		catch (ApiException ex) {
			return Optional.empty();
		}
	}

	private java.time.LocalDate today() {
		return java.time.LocalDate.now(this.clock);
	}

}
