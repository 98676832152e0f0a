package cn.ankang.bangfu.visit;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.values.Inputs;
import cn.ankang.bangfu.shared.values.Resends;
import cn.ankang.bangfu.shared.errors.UserError;
import cn.ankang.bangfu.visit.VisitWriting.LogVisitInput;
import cn.ankang.bangfu.visit.VisitWriting.Outcome;
import cn.ankang.bangfu.visit.VisitWriting.Receipt;
import cn.ankang.bangfu.visit.VisitWriting.Status;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores visits from a phone, exactly once: the phone's uuid is the key, an insert that
 * finds it taken changes nothing, and the content hash then tells a resend from a
 * conflict. Each call is one transaction and answers only once it commits, so a visit
 * answered as stored is committed.
 */
@Service
class VisitWriter {

	private final VisitWriteRepository repository;

	private final VisitService visits;

	private final Clock clock;

	private final TransactionTemplate savepoint;

	private final ApplicationEventPublisher events;

	private final Inputs inputs;

	VisitWriter(VisitWriteRepository repository, VisitService visits, Clock clock,
			PlatformTransactionManager transactionManager, ApplicationEventPublisher events, Inputs inputs) {
		this.events = events;
		this.inputs = inputs;
		this.repository = repository;
		this.visits = visits;
		this.clock = clock;
		this.savepoint = new TransactionTemplate(transactionManager);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
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
	 * Stores the visits of one request, or finds them stored, in one transaction: one
	 * commit for a phone's whole queue, each visit behind a savepoint of its own so that
	 * a visit the database refuses is answered on its own and undoes no other. Answers
	 * come in the order of {@code inputs}.
	 * @param requestDeviceTime the device clock when it sent the request, for visits that
	 * do not say
	 * @param withVisits whether the answers carry the stored visits, read back in one
	 * statement (a phone asks for receipts alone)
	 */
	@Transactional
	List<Outcome> writeAll(List<LogVisitInput> inputs, @Nullable OffsetDateTime requestDeviceTime, boolean withVisits) {
		long cadre = cadre();
		Checks checks = checks(cadre, inputs);
		OffsetDateTime received = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
		Outcome[] outcomes = new Outcome[inputs.size()];
		List<Prepared> prepared = new ArrayList<>();
		for (int i = 0; i < inputs.size(); i++) {
			Prepared visit = prepare(i, inputs.get(i), requestDeviceTime, received, checks, null, outcomes);
			if (visit != null) {
				prepared.add(visit);
			}
		}
		// in uuid order: requests carrying the same visits (a phone resending while its
		// first request still runs) take the uuids' locks in one order, and never
		// deadlock
		prepared.sort(Comparator.comparing(Prepared::uuid));
		// the records of households whose visits found hardship or agreed measures change
		// with them (VisitEvents): their locks first, in one order for every request
		List<Long> changing = prepared.stream()
			.filter((visit) -> visit.household() != null
					&& (!visit.input().measures().isEmpty() || VisitEvents.Hardship.of(visit.input().findings()).any()))
			.map(Prepared::household)
			.distinct()
			.toList();
		if (!changing.isEmpty()) {
			this.repository.lockHouseholds(changing);
		}
		List<Prepared> taken = new ArrayList<>();
		List<VisitEvents.Logged> logged = new ArrayList<>();
		// a phone's queue in one round trip; one at a time only when the database refuses
		// one of them, to answer that one alone
		Optional<boolean[]> together = (prepared.size() > 1) ? insertTogether(cadre, prepared, received)
				: Optional.empty();
		if (together.isEmpty() && prepared.size() > 1) {
			// one statement per visit below, in uuid order, each taking its household's
			// turn: all of them first, in one order for every request
			this.repository.takeNewestVisitTurns(prepared.stream().map(Prepared::household).toList());
		}
		for (int i = 0; i < prepared.size(); i++) {
			Prepared visit = prepared.get(i);
			try {
				Optional<OffsetDateTime> stored;
				if (together.isPresent()) {
					stored = together.get()[i] ? Optional.of(received) : Optional.empty();
				}
				else {
					stored = this.savepoint.execute((status) -> insert(cadre, visit, received, null));
				}
				if (stored.isPresent()) {
					logged.add(accepted(visit, stored.get(), outcomes));
				}
				else {
					taken.add(visit);
				}
			}
			catch (DataIntegrityViolationException ex) {
				// the database refused a value the checks let through: the visit is
				// wrong, not the service
				outcomes[visit.index()] = Outcome.rejected(visit.input().uuid(),
						UserError.of("INVALID_INPUT", "The visit holds a value the records cannot take.", "input"));
			}
		}
		// stored once: what they set off happens once, resends find it done
		if (!logged.isEmpty()) {
			this.events.publishEvent(new VisitEvents.LoggedTogether(List.copyOf(logged)));
		}
		Map<UUID, VisitWriteRepository.Stored> existing = taken.isEmpty() ? Map.of()
				: this.repository.stored(taken.stream().map(Prepared::uuid).toList());
		for (Prepared visit : taken) {
			outcomes[visit.index()] = found(visit, existing.get(visit.uuid()));
		}
		return withVisits ? withVisits(outcomes) : List.of(outcomes);
	}

	private VisitEvents.Logged accepted(Prepared visit, OffsetDateTime received, Outcome[] outcomes) {
		outcomes[visit.index()] = new Outcome(visit.input().uuid(), Status.ACCEPTED,
				new Receipt(visit.input().uuid(), Status.ACCEPTED, received, visit.flags()), null, List.of());
		return new VisitEvents.Logged(visit.uuid(), visit.household(), visit.village(),
				visit.input().occurredAt().atZoneSameInstant(this.clock.getZone()).toLocalDate(),
				visit.input().taskId(), Auth.require().userKey(), visit.hardship(), followUps(visit.input()));
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
		OffsetDateTime received = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
		Outcome[] outcome = new Outcome[1];
		Prepared visit = prepare(0, input, null, received, checks(cadre, List.of(input)), base.get(), outcome);
		if (visit == null) {
			return outcome[0];
		}
		// corrections of one version queue here, one at a time: the first replaces it,
		// the others find it replaced (unless they are resends of that first one)
		boolean replaced = this.repository.lockForReplacement(base.get().id());
		if (replaced && this.repository.stored(visit.uuid()).isEmpty()) {
			return stale(input, base.get());
		}
		Optional<OffsetDateTime> stored = insert(cadre, visit, received, base.get());
		if (stored.isPresent() && !this.repository.markReplaced(base.get().id(), visit.uuid())) {
			// another correction of the same version won the race: this one is not stored
			TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
			return stale(input, base.get());
		}
		outcome[0] = stored
			.map((at) -> new Outcome(input.uuid(), Status.ACCEPTED,
					new Receipt(input.uuid(), Status.ACCEPTED, at, visit.flags()), null, List.of()))
			.orElseGet(() -> found(visit, this.repository.stored(visit.uuid()).orElse(null)));
		return withVisits(outcome).get(0);
	}

	/**
	 * What the visits of a request are checked against, read for all of them at once: the
	 * villages the cadre is posted in today, the households' villages and the villages'
	 * centres.
	 */
	private Checks checks(long cadre, List<LogVisitInput> inputs) {
		Set<Long> villages = new HashSet<>();
		Set<Long> households = new HashSet<>();
		for (LogVisitInput input : inputs) {
			key(input.villageId(), "Village").ifPresent(villages::add);
			if (input.householdId() != null) {
				key(input.householdId(), "Household").ifPresent(households::add);
			}
		}
		Set<Long> posted = villages.isEmpty() ? Set.of() : this.repository.postedIn(cadre, villages, today());
		return new Checks(posted, households.isEmpty() ? Map.of() : this.repository.villagesOf(households),
				posted.isEmpty() ? Map.of() : this.repository.villageCentres(posted));
	}

	/**
	 * The visit ready to insert, or null with its answer written into
	 * {@code outcomes[index]} when it is refused.
	 */
	private @Nullable Prepared prepare(int index, LogVisitInput input, @Nullable OffsetDateTime requestDeviceTime,
			OffsetDateTime received, Checks checks, VisitWriteRepository.@Nullable Version base, Outcome[] outcomes) {
		List<UserError> errors = VisitChecks.validate(input);
		errors.addAll(validateMeasures(input, received));
		if (!errors.isEmpty()) {
			outcomes[index] = new Outcome(input.uuid(), Status.REJECTED, null, null, errors);
			return null;
		}
		Optional<Long> village = key(input.villageId(), "Village");
		if (village.isEmpty() || !checks.posted().contains(village.get())) {
			outcomes[index] = Outcome.rejected(input.uuid(),
					UserError.of("NOT_FOUND", "You are not posted in that village today.", "input", "villageId"));
			return null;
		}
		Long household = null;
		if (input.householdId() != null) {
			Optional<Long> key = key(input.householdId(), "Household");
			if (key.isEmpty() || !village.get().equals(checks.householdVillages().get(key.get()))) {
				outcomes[index] = Outcome.rejected(input.uuid(), UserError.of("NOT_FOUND",
						"There is no such household in that village.", "input", "householdId"));
				return null;
			}
			household = key.get();
		}
		OffsetDateTime deviceTime = (input.deviceTime() != null) ? input.deviceTime() : requestDeviceTime;
		Integer skew = (deviceTime != null) ? (int) Duration.between(received, deviceTime).toSeconds() : null;
		Integer distance = null;
		if (input.location() != null) {
			double[] centre = checks.centres().get(village.get());
			distance = (int) Math.round(VisitChecks.meters(centre[0], centre[1], input.location().latitude(),
					input.location().longitude()));
		}
		return new Prepared(index, input, UUID.fromString(input.uuid()), village.get(), household, skew, distance,
				VisitChecks.flags(input, received, distance),
				VisitChecks.contentHash(input, (base != null) ? base.id() : null),
				VisitEvents.Hardship.of(input.findings()));
	}

	private Optional<OffsetDateTime> insert(long cadre, Prepared visit, OffsetDateTime received,
			VisitWriteRepository.@Nullable Version base) {
		return this.repository.insertIfAbsent(toInsert(cadre, visit, received, base));
	}

	private static VisitWriteRepository.NewVisit toInsert(long cadre, Prepared visit, OffsetDateTime received,
			VisitWriteRepository.@Nullable Version base) {
		return new VisitWriteRepository.NewVisit(visit.uuid(), cadre, visit.village(), visit.household(), visit.input(),
				received, visit.skew(), visit.distance(), visit.flags(), visit.hash(), base);
	}

	/**
	 * Inserts the visits together, behind one savepoint, in the order given: for each,
	 * whether it was stored (else its uuid was taken). Empty when the database refused a
	 * value of one of them, the savepoint then undoing them all, so that the caller
	 * stores them one at a time and answers the one refused.
	 */
	private Optional<boolean[]> insertTogether(long cadre, List<Prepared> visits, OffsetDateTime received) {
		List<VisitWriteRepository.NewVisit> rows = visits.stream()
			.map((visit) -> toInsert(cadre, visit, received, null))
			.toList();
		try {
			return Optional.ofNullable(this.savepoint.execute((status) -> this.repository.insertAllIfAbsent(rows)));
		}
		catch (DataIntegrityViolationException ex) {
			return Optional.empty();
		}
	}

	/** The answer to a visit whose uuid was taken: a resend, or another visit's uuid. */
	private static Outcome found(Prepared visit, VisitWriteRepository.@Nullable Stored existing) {
		String uuid = visit.input().uuid();
		// a visit the user may not see is not theirs to resend
		if (existing != null && Resends.judge(true, existing.hash(), visit.hash()) == Resends.Sending.RESEND) {
			return new Outcome(uuid, Status.DUPLICATE,
					new Receipt(uuid, Status.DUPLICATE, existing.receivedAt(), existing.flags()), null, List.of());
		}
		return new Outcome(uuid, Status.CONFLICT, null, null, List.of(Resends.conflict("uuid", "input", "uuid")));
	}

	/** The answers with the stored visit each one names, read in one statement. */
	private List<Outcome> withVisits(Outcome[] outcomes) {
		List<UUID> stored = new ArrayList<>();
		for (Outcome outcome : outcomes) {
			if (outcome.status() != Status.REJECTED) {
				stored.add(UUID.fromString(outcome.uuid()));
			}
		}
		Map<UUID, Visit> visits = stored.isEmpty() ? Map.of() : this.visits.visitsByKeys(stored);
		List<Outcome> answers = new ArrayList<>(outcomes.length);
		for (Outcome outcome : outcomes) {
			answers.add((outcome.status() != Status.REJECTED) ? new Outcome(outcome.uuid(), outcome.status(),
					outcome.receipt(), visits.get(UUID.fromString(outcome.uuid())), outcome.errors()) : outcome);
		}
		return answers;
	}

	/** What {@link #checks} read for a request's visits. */
	private record Checks(Set<Long> posted, Map<Long, Long> householdVillages, Map<Long, double[]> centres) {
	}

	/** A visit that passed the checks, with what the service derived of it. */
	private record Prepared(int index, LogVisitInput input, UUID uuid, long village, @Nullable Long household,
			@Nullable Integer skew, @Nullable Integer distance, List<String> flags, byte[] hash,
			VisitEvents.Hardship hardship) {
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

	/**
	 * The measures agreed at the door, checked like {@code startAssistanceMeasure}'s
	 * (their number and descriptions by their constraints): a visit that carries one the
	 * records cannot take is refused whole, so that no measure is dropped behind the
	 * cadre's back.
	 */
	private List<UserError> validateMeasures(LogVisitInput input, OffsetDateTime received) {
		if (input.measures().isEmpty()) {
			return List.of();
		}
		List<UserError> errors = new ArrayList<>(this.inputs.check(input));
		errors.addAll(VisitChecks.measures(input, received.atZoneSameInstant(this.clock.getZone()).toLocalDate()));
		return errors;
	}

	private static List<VisitEvents.FollowUpMeasure> followUps(LogVisitInput input) {
		return input.measures()
			.stream()
			.map((m) -> new VisitEvents.FollowUpMeasure(m.type(), m.description().strip(), m.startedOn()))
			.toList();
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
