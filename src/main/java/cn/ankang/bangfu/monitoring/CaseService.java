package cn.ankang.bangfu.monitoring;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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

	private final CaseRepository cases;

	private final CaseStepRepository steps;

	private final CaseHouseholdRepository households;

	private final TaskRepository tasks;

	private final Jurisdiction jurisdiction;

	private final MonitoringProperties properties;

	private final CaseStepPolicy policy;

	private final Resends resends;

	private final Inputs inputs;

	private final Clock clock;

	CaseService(CaseRepository cases, CaseStepRepository steps, CaseHouseholdRepository households,
			TaskRepository tasks, Jurisdiction jurisdiction, MonitoringProperties properties, Resends resends,
			Inputs inputs, Clock clock) {
		this.cases = cases;
		this.steps = steps;
		this.households = households;
		this.tasks = tasks;
		this.jurisdiction = jurisdiction;
		this.properties = properties;
		this.policy = new CaseStepPolicy(properties);
		this.resends = resends;
		this.inputs = inputs;
		this.clock = clock;
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
		Long household = WorkflowInputs.numericId(input.householdId(), cn.ankang.bangfu.household.Household.TYPE);
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
		WorkflowInputs.eachOnce(input.visitIds(), errors, "visitIds");
		if (!errors.isEmpty()) {
			return Payload.refused(null, errors);
		}
		UUID stepId = UUID.fromString(input.stepId());
		List<UUID> visits = WorkflowInputs.uuids(input.visitIds());
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
		this.steps.insertStep(new CaseStepRepository.NewStep(stepId, caseKey, CaseAction.OPEN, null,
				CaseState.IDENTIFIED, on, user.userKey(), role.name(), WorkflowInputs.blankToNull(note), visits,
				List.of(), List.of(), null, null, hash));
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
		Long caseKey = WorkflowInputs.numericId(input.caseId(), MonitoringCase.TYPE);
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
		WorkflowInputs.eachOnce(input.visitIds(), errors, "visitIds");
		WorkflowInputs.eachOnce(input.photoHashes(), errors, "photoHashes");
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
		List<UUID> visits = WorkflowInputs.uuids(input.visitIds());
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
				on, user.userKey(), role.name(), WorkflowInputs.blankToNull(input.reason()), visits, photos, documents,
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

	record OpenInput(@ClientId String stepId, String householdId, MonitoringCase.Source source,
			@NotEmpty List<@RecordableRisk RiskType> riskTypes, @Nullable LocalDate occurredOn,
			@Text(min = 0, max = 1000, lines = true) @Nullable String note,
			@Size(max = WorkflowInputs.MAX_VISITS) @Nullable List<@Uuid String> visitIds) {
	}

	record StepInput(@ClientId String stepId, String caseId, CaseAction action, CaseState fromState,
			@Nullable LocalDate occurredOn, @Text(min = 0, max = 1000, lines = true) @Nullable String reason,
			@Size(max = WorkflowInputs.MAX_VISITS) @Nullable List<@Uuid String> visitIds,
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
