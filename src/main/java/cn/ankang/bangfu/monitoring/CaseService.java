package cn.ankang.bangfu.monitoring;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.household.RecordableRisk;
import cn.ankang.bangfu.household.RiskType;
import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.values.ClientId;
import cn.ankang.bangfu.shared.values.Digests;
import cn.ankang.bangfu.shared.values.Inputs;
import cn.ankang.bangfu.shared.values.Resends;
import cn.ankang.bangfu.shared.values.Sha256;
import cn.ankang.bangfu.shared.values.Text;
import cn.ankang.bangfu.shared.values.Uuid;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.errors.UserError;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The monitoring workflow's rules: who may take which step of a case, what policy
 * refuses, and what each step leaves behind (the step on record, the case moved, the
 * tasks closed and the next one opened, the household's status once the county confirms).
 */
@Service
class CaseService {

	/** The most visits a case step or task completion names as its proof. */
	static final int MAX_VISITS = 20;

	private final CaseRepository cases;

	private final CaseStepRepository steps;

	private final CaseHouseholdRepository households;

	private final TaskRepository tasks;

	private final TaskListRepository taskLists;

	private final WarningRepository warnings;

	private final Jurisdiction jurisdiction;

	private final MonitoringProperties properties;

	private final CaseStepPolicy policy;

	private final Resends resends;

	private final Inputs inputs;

	private final Clock clock;

	CaseService(CaseRepository cases, CaseStepRepository steps, CaseHouseholdRepository households,
			TaskRepository tasks, TaskListRepository taskLists, WarningRepository warnings, Jurisdiction jurisdiction,
			MonitoringProperties properties, Resends resends, Inputs inputs, Clock clock) {
		this.cases = cases;
		this.steps = steps;
		this.households = households;
		this.tasks = tasks;
		this.taskLists = taskLists;
		this.warnings = warnings;
		this.jurisdiction = jurisdiction;
		this.properties = properties;
		this.policy = new CaseStepPolicy(properties);
		this.resends = resends;
		this.inputs = inputs;
		this.clock = clock;
	}

	// Reading
	// -----------------------------------------------------------------------------------------------

	@Transactional(readOnly = true)
	Map<Long, MonitoringCase> casesByKeys(Collection<Long> keys) {
		return this.cases.casesByKeys(keys, this.jurisdiction.forQueries());
	}

	/** The cases of the households, by household, for those responsible for them. */
	@Transactional(readOnly = true)
	Map<Long, List<MonitoringCase>> casesOfHouseholds(Collection<Long> households) {
		Map<Long, List<MonitoringCase>> result = new LinkedHashMap<>();
		if (households.isEmpty()) {
			return result;
		}
		for (MonitoringCase c : this.cases.casesOfHouseholds(households, this.jurisdiction.forQueries())) {
			if (c.responsible()) {
				result.computeIfAbsent(c.householdKey(), (k) -> new ArrayList<>()).add(c);
			}
		}
		return result;
	}

	@Transactional(readOnly = true)
	Map<Long, List<CaseStep>> stepsOf(Collection<Long> caseKeys) {
		return this.steps.stepsOf(caseKeys);
	}

	@Transactional(readOnly = true)
	Map<Long, List<Task>> openTasksOf(Collection<Long> caseKeys) {
		Map<Long, List<Task>> result = new LinkedHashMap<>();
		if (!caseKeys.isEmpty()) {
			this.taskLists.openTasksOfCases(caseKeys, this.jurisdiction.forQueries())
				.forEach((task) -> result.computeIfAbsent(task.caseKey(), (k) -> new ArrayList<>()).add(task));
		}
		return result;
	}

	@Transactional(readOnly = true)
	Map<Long, List<RiskWarning>> warningsOf(Collection<Long> caseKeys) {
		Map<Long, List<RiskWarning>> result = new LinkedHashMap<>();
		if (!caseKeys.isEmpty()) {
			this.warnings.warningsOfCases(caseKeys, this.jurisdiction.forQueries())
				.forEach((w) -> result.computeIfAbsent(w.caseKey(), (k) -> new ArrayList<>()).add(w));
		}
		return result;
	}

	// Opening a case
	// ----------------------------------------------------------------------------------------

	/**
	 * Opens a case for a risk a household reported or a cadre found, or finds it opened
	 * by an earlier send of the same step.
	 * @throws ApiException {@code FORBIDDEN} for users who are neither a cadre posted in
	 * the household's village nor an officer of its town
	 */
	@Transactional
	Payload open(OpenInput input) {
		CurrentUser user = Auth.require();
		List<UserError> errors = new ArrayList<>(this.inputs.check(input));
		Long household = numericId(input.householdId(), cn.ankang.bangfu.household.Household.TYPE);
		if (household == null) {
			errors.add(UserError.of("INVALID_INPUT", "'householdId' is not a household's id.", "input", "householdId"));
		}
		if (input.source() != MonitoringCase.Source.SELF_REPORT && input.source() != MonitoringCase.Source.VISIT) {
			errors.add(UserError.of("INVALID_INPUT",
					"A case is opened here on a household's own report (SELF_REPORT) or a visit (VISIT); "
							+ "department warnings come through importRiskWarnings.",
					"input", "source"));
		}
		LocalDate today = today();
		LocalDate on = (input.occurredOn() != null) ? input.occurredOn() : today;
		if (on.isAfter(today) || on.isBefore(today.minusYears(1))) {
			errors.add(UserError.of("INVALID_INPUT", "The day must lie within the last year, not in the future.",
					"input", "occurredOn"));
		}
		eachOnce(input.visitIds(), errors, "visitIds");
		if (!errors.isEmpty()) {
			return Payload.refused(null, errors);
		}
		UUID stepId = UUID.fromString(input.stepId());
		List<UUID> visits = uuids(input.visitIds());
		byte[] hash = Digests.sha256("OPEN|%s|%s|%s|%s|%s|%s".formatted(input.householdId(), input.source(),
				input.riskTypes().stream().map(Enum::name).sorted().toList(), input.occurredOn(), input.note(),
				visits));
		this.resends.waitForOthers(stepId);
		Optional<CaseStepRepository.Recorded> recorded = this.steps.recorded(stepId);
		if (recorded.isPresent()) {
			return resent(recorded.get(), hash);
		}
		Optional<CaseHouseholdRepository.Area> found = this.households.areaOf(household, user.cadreKey(), today);
		if (found.isEmpty()) {
			return Payload.refused(null,
					List.of(UserError.of("NOT_FOUND", "There is no such household.", "input", "householdId")));
		}
		CaseHouseholdRepository.Area area = found.get();
		Optional<Role> role = Actors.capacity(user, Task.Assignee.CADRE, area.posted(), area.town(), area.county())
			.or(() -> Actors.capacity(user, Task.Assignee.TOWN_OFFICER, false, area.town(), area.county()));
		if (role.isEmpty()) {
			throw ApiException.forbidden("Cases are opened by the resident cadres posted in the household's village "
					+ "and the officers of its town.");
		}
		return openFor(area, input.source(), input.riskTypes(), null, on, input.note(), visits, stepId, hash, user,
				role.get());
	}

	/**
	 * Opens a case for a household whose area is locked, with its first step and the task
	 * it waits on, unless one is open (then that one, with {@code CONFLICT}).
	 * @param category the category the case proposes, confirmed with it; null for the
	 * household's
	 */
	Payload openFor(CaseHouseholdRepository.Area area, MonitoringCase.Source source, List<RiskType> risks,
			cn.ankang.bangfu.household.Household.@Nullable Category category, LocalDate on, @Nullable String note,
			List<UUID> visits, UUID stepId, byte[] hash, CurrentUser user, Role role) {
		Optional<MonitoringCase> open = this.cases.openCaseOf(area.household(), this.jurisdiction.current());
		if (open.isPresent()) {
			return Payload.refused(open.get(), List.of(UserError.of("CONFLICT",
					"The household has a case open already: take its next step instead.", "input", "householdId")));
		}
		long caseKey = this.cases.insertCase(area.household(), area.village(), source, risks, on, category);
		this.steps
			.insertStep(new CaseStepRepository.NewStep(stepId, caseKey, CaseAction.OPEN, null, CaseState.IDENTIFIED, on,
					user.userKey(), role.name(), blankToNull(note), visits, List.of(), List.of(), null, null, hash));
		openTaskFor(caseKey, CaseState.IDENTIFIED, area, null, null);
		return Payload.done(reload(caseKey));
	}

	// Steps
	// -------------------------------------------------------------------------------------------------

	/**
	 * Records a step and moves the case on, or finds it recorded by an earlier send.
	 * @throws ApiException {@code FORBIDDEN} for users who see the case but may not act
	 * on it in its state
	 */
	@Transactional
	Payload step(StepInput input) {
		CurrentUser user = Auth.require();
		List<UserError> errors = new ArrayList<>(this.inputs.check(input));
		Long caseKey = numericId(input.caseId(), MonitoringCase.TYPE);
		if (caseKey == null) {
			errors.add(UserError.of("INVALID_INPUT", "'caseId' is not a monitoring case's id.", "input", "caseId"));
		}
		if (input.action() == CaseAction.OPEN || input.action() == CaseAction.CARRY_OVER) {
			errors.add(UserError.of("INVALID_INPUT",
					"OPEN is openMonitoringCase; CARRY_OVER is the migration's: neither is a step one records.",
					"input", "action"));
		}
		LocalDate today = today();
		LocalDate on = (input.occurredOn() != null) ? input.occurredOn() : today;
		if (on.isAfter(today)) {
			errors.add(UserError.of("INVALID_INPUT", "A step cannot be taken in the future.", "input", "occurredOn"));
		}
		boolean needsReason = input.action() == CaseAction.REJECT || input.action() == CaseAction.DISMISS;
		if (needsReason && (input.reason() == null || input.reason().strip().length() < 2)) {
			errors.add(UserError.of("INVALID_INPUT", "A rejection or a dismissal says why, in at least 2 characters.",
					"input", "reason"));
		}
		eachOnce(input.visitIds(), errors, "visitIds");
		eachOnce(input.photoHashes(), errors, "photoHashes");
		List<String> photos = (input.photoHashes() != null) ? input.photoHashes() : List.of();
		List<String> documents = (input.documents() != null) ? input.documents() : List.of();
		if ((input.action() == CaseAction.VERIFY || input.action() == CaseAction.DISMISS)
				&& (input.visitIds() == null || input.visitIds().isEmpty())) {
			errors.add(UserError.of("INVALID_INPUT", "A verification at home names the visit it was made on.", "input",
					"visitIds"));
		}
		if (input.action() == CaseAction.REVIEW && (input.noticeFrom() == null || input.noticeTo() == null)) {
			errors.add(UserError.of("INVALID_INPUT", "A review names the first and last day of its public notice.",
					"input", "noticeTo"));
		}
		if (!errors.isEmpty()) {
			return Payload.refused(null, errors);
		}
		UUID stepId = UUID.fromString(input.stepId());
		List<UUID> visits = uuids(input.visitIds());
		byte[] hash = Digests.sha256("STEP|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s".formatted(input.caseId(), input.action(),
				input.fromState(), input.occurredOn(), input.reason(), visits, photos, documents, input.noticeFrom(),
				input.noticeTo()));
		this.resends.waitForOthers(stepId);
		Optional<CaseStepRepository.Recorded> recorded = this.steps.recorded(stepId);
		if (recorded.isPresent()) {
			return resent(recorded.get(), hash);
		}
		Scope scope = this.jurisdiction.current();
		MonitoringCase current = this.cases.lock(caseKey, scope).orElse(null);
		if (current == null) {
			return Payload.refused(null,
					List.of(UserError.of("NOT_FOUND", "There is no such monitoring case.", "input", "caseId")));
		}
		if (current.state() != input.fromState()) {
			return Payload.refused(current, List.of(UserError.of("STALE_STATE",
					"The case has moved on from %s: it is %s now.".formatted(input.fromState(), current.state()),
					"input", "fromState")));
		}
		Optional<CaseState> next = current.state().after(input.action());
		if (next.isEmpty()) {
			return Payload.refused(current,
					List.of(UserError.of("INVALID_TRANSITION",
							"%s cannot be taken on a case that is %s.".formatted(input.action(), current.state()),
							"input", "action")));
		}
		CaseHouseholdRepository.Area area = this.households.areaOf(current.householdKey(), user.cadreKey(), today)
			.orElseThrow();
		Task.Assignee actor = current.state().actor();
		Role role = Actors.capacity(user, actor, area.posted(), area.town(), area.county())
			.orElseThrow(() -> ApiException
				.forbidden("A case that is %s is acted on by %s.".formatted(current.state(), Actors.describe(actor))));
		List<UserError> refused = policy(input, current, visits, on);
		if (!refused.isEmpty()) {
			return Payload.refused(current, refused);
		}
		CaseState to = next.get();
		this.steps.insertStep(new CaseStepRepository.NewStep(stepId, current.key(), input.action(), current.state(), to,
				on, user.userKey(), role.name(), blankToNull(input.reason()), visits, photos, documents,
				input.noticeFrom(), input.noticeTo(), hash));
		this.cases.move(current.key(), to, on);
		this.tasks.closeForStep(current.key(), user.userKey(), to.isFinal());
		openTaskFor(current.key(), to, area, null,
				(input.action() == CaseAction.REJECT) ? input.reason().strip() : null);
		if (input.action() == CaseAction.DISMISS) {
			this.households.dismissHousehold(current.householdKey());
		}
		if (input.action() == CaseAction.CONFIRM) {
			this.households.confirmHousehold(current.householdKey(), current.key(), to, on, current.riskTypes());
			if (to == CaseState.MONITORING) {
				this.cases.supersedeEarlier(current.householdKey(), current.key(), on);
			}
		}
		return Payload.done(reload(current.key()));
	}

	/**
	 * What policy refuses for the step ({@link CaseStepPolicy}), from what the database
	 * holds of the case and its household.
	 */
	private List<UserError> policy(StepInput input, MonitoringCase current, List<UUID> visits, LocalDate on) {
		CaseStepRepository.Stability stability = (input.action() == CaseAction.PROPOSE_ELIMINATION)
				? this.steps.stability(current.householdKey(), current.includedOn(), on.getYear()) : null;
		return this.policy.refusals(new CaseStepPolicy.Step(input.action(), on, this.steps.lastStepOn(current.key()),
				this.steps.visitsNotOf(visits, current.householdKey()), input.noticeFrom(), input.noticeTo(),
				stability));
	}

	// Warnings reaching a household
	// -------------------------------------------------------------------------

	/**
	 * What new warnings about households set off, for a whole batch in a few statements:
	 * a case opened for a household with none open (its risk eliminated, or never
	 * monitored here), with its verification task; a verification task when the household
	 * is monitored already (unless one is open); nothing more when its case still waits
	 * for verification, review or confirmation. The warnings join the case either way.
	 * @param incoming one entry per household
	 */
	Received receive(List<Incoming> incoming, CurrentUser user, Role role) {
		if (incoming.isEmpty()) {
			return new Received(0, Map.of());
		}
		Scope scope = this.jurisdiction.current();
		LocalDate today = today();
		List<Long> households = incoming.stream().map((in) -> in.area().household()).toList();
		this.households.lockHouseholds(households);
		Map<Long, MonitoringCase> open = this.cases.openCasesOf(households, scope);
		List<CaseRepository.Opening> openings = new ArrayList<>();
		for (Incoming in : incoming) {
			if (!open.containsKey(in.area().household())) {
				openings.add(new CaseRepository.Opening(in.area().household(), in.area().village(),
						String.join(",",
								in.kinds().stream().map((kind) -> kind.risk().name()).distinct().sorted().toList()),
						"部门预警：" + in.source()));
			}
		}
		Map<Long, Long> opened = this.cases.openOnWarnings(openings, today, user.userKey(), role.name());
		java.util.Set<Long> verifying = this.tasks.withOpen(households, Task.Kind.VERIFY_WARNING);
		Map<Long, Long> caseOfWarning = new LinkedHashMap<>();
		List<TaskRepository.NewTask> newTasks = new ArrayList<>();
		for (Incoming in : incoming) {
			long household = in.area().household();
			Long caseKey = opened.get(household);
			Task.Kind kind = Task.Kind.VERIFY_AT_HOME;
			if (caseKey == null) {
				MonitoringCase c = open.get(household);
				caseKey = c.key();
				kind = (c.state().isIncluded() && !verifying.contains(household)) ? Task.Kind.VERIFY_WARNING : null;
			}
			for (Long warning : in.warningKeys()) {
				caseOfWarning.put(warning, caseKey);
			}
			if (kind != null) {
				newTasks.add(new TaskRepository.NewTask(kind, Task.Assignee.CADRE, caseKey, in.warningKeys().get(0),
						household, in.area().village(), null, null, today.plusDays(this.properties.daysFor(kind))));
			}
		}
		this.warnings.attachAll(caseOfWarning);
		return new Received(opened.size(), this.tasks.createAll(newTasks));
	}

	/**
	 * New warnings about one household.
	 *
	 * @param area where the household is
	 * @param warningKeys the warnings
	 * @param kinds what they are about
	 * @param source the department of the first
	 */
	record Incoming(CaseHouseholdRepository.Area area, List<Long> warningKeys, List<RiskWarning.Kind> kinds,
			String source) {
	}

	/**
	 * What warnings set off.
	 *
	 * @param casesOpened how many cases were opened
	 * @param tasks the tasks created, by household
	 */
	record Received(int casesOpened, Map<Long, Long> tasks) {
	}

	// Helpers
	// -----------------------------------------------------------------------------------------------

	/** Opens the task a case in this state waits on, if any. */
	private long openTaskFor(long caseKey, CaseState state, CaseHouseholdRepository.Area area, @Nullable Long warning,
			@Nullable String redoReason) {
		Task.Kind kind = state.waitingFor();
		if (kind == null) {
			return 0;
		}
		return this.tasks.create(kind, state.actor(), caseKey, warning, area.household(), area.village(), null, null,
				today().plusDays(this.properties.daysFor(kind)), redoReason);
	}

	private Payload resent(CaseStepRepository.Recorded recorded, byte[] hash) {
		MonitoringCase c = this.cases.casesByKeys(List.of(recorded.caseKey()), this.jurisdiction.current())
			.get(recorded.caseKey());
		if (Resends.judge(true, recorded.hash(), hash) == Resends.Sending.RESEND) {
			return Payload.done(c);
		}
		return Payload.refused(c, List.of(Resends.conflict("step id", "input", "stepId")));
	}

	private MonitoringCase reload(long caseKey) {
		return this.cases.casesByKeys(List.of(caseKey), this.jurisdiction.current()).get(caseKey);
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

	static @Nullable Long numericId(String id, String type) {
		try {
			return GlobalId.decodeNumeric(id, type);
		}
		catch (ApiException ex) {
			return null;
		}
	}

	/** The UUIDs of a list its constraints ({@code @Uuid}) have checked. */
	static List<UUID> uuids(@Nullable List<String> texts) {
		return (texts != null) ? texts.stream().map(UUID::fromString).toList() : List.of();
	}

	/** Refuses a list that names something twice (Bean Validation has no such rule). */
	static void eachOnce(@Nullable List<String> texts, List<UserError> errors, String field) {
		if (texts != null
				&& texts.stream().map((text) -> text.toLowerCase(java.util.Locale.ROOT)).distinct().count() != texts
					.size()) {
			errors.add(UserError.of("INVALID_INPUT", "Name each one once.", "input", field));
		}
	}

	static void text(@Nullable String text, int min, int max, List<UserError> errors, String field) {
		int length = (text != null) ? text.strip().length() : 0;
		if (length < min || length > max || (text != null && text.indexOf('\0') >= 0)) {
			errors.add(UserError.of("INVALID_INPUT",
					((min > 0) ? "Say why in %d to %d characters." : "At most %2$d characters, no NUL.").formatted(min,
							max),
					"input", field));
		}
	}

	static @Nullable String blankToNull(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	record OpenInput(@ClientId String stepId, String householdId, MonitoringCase.Source source,
			@NotEmpty List<@RecordableRisk RiskType> riskTypes, @Nullable LocalDate occurredOn,
			@Text(min = 0, max = 1000, lines = true) @Nullable String note,
			@Size(max = MAX_VISITS) @Nullable List<@Uuid String> visitIds) {
	}

	record StepInput(@ClientId String stepId, String caseId, CaseAction action, CaseState fromState,
			@Nullable LocalDate occurredOn, @Text(min = 0, max = 1000, lines = true) @Nullable String reason,
			@Size(max = MAX_VISITS) @Nullable List<@Uuid String> visitIds,
			@Size(max = 20) @Nullable List<@Sha256 String> photoHashes,
			@Size(max = 10) @Nullable List<@Text(max = 200) String> documents, @Nullable LocalDate noticeFrom,
			@Nullable LocalDate noticeTo) {
	}

	record Payload(@Nullable MonitoringCase monitoringCase, List<UserError> userErrors) {

		static Payload done(@Nullable MonitoringCase c) {
			return new Payload(c, List.of());
		}

		static Payload refused(@Nullable MonitoringCase c, List<UserError> errors) {
			return new Payload(c, errors);
		}

	}

}
