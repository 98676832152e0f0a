package cn.ankang.bangfu.monitoring;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.ankang.bangfu.history.ClientChanges;
import cn.ankang.bangfu.history.Outcome;
import cn.ankang.bangfu.history.Refusals;
import cn.ankang.bangfu.household.HouseholdRecords;
import cn.ankang.bangfu.household.RiskType;
import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.shared.values.ClientId;
import cn.ankang.bangfu.shared.values.Digests;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.values.Labels;
import cn.ankang.bangfu.shared.values.Text;
import cn.ankang.bangfu.shared.errors.UserError;
import cn.ankang.bangfu.visit.VisitEffect;
import cn.ankang.bangfu.visit.VisitEffects;
import cn.ankang.bangfu.visit.VisitEvents;

import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a cadre finds at the door reaches the records by rule, so that nobody enters it
 * twice (一次采集): a visit's findings are applied when the visit is first stored, each
 * effect on record beside it ({@link VisitEffect}) for an officer to review and, where it
 * was mistaken, reverse.
 * <ul>
 * <li>A household with an open case: risks the case lacked are added to it (and to the
 * household, once the county has confirmed it monitored); a fall in income is noted
 * against it, which holds its elimination back six months.</li>
 * <li>A household without one (verified and not included, or its risk eliminated) that
 * shows hardship: a case opens, found on the visit, which the workflow verifies at home,
 * reviews and confirms — a proposed inclusion, or a relapse.</li>
 * <li>Measures agreed at the door start on their day.</li>
 * </ul>
 * Each in a savepoint of the visit's transaction: nothing here ever costs the visit, and
 * a doubtful visit (flagged for review) counts like any other.
 */
@Service
class VisitFindings {

	private static final Logger log = LoggerFactory.getLogger(VisitFindings.class);

	private static final String WHAT = "Reversing what a visit's findings did";

	private final CaseService cases;

	private final CaseRepository caseRecords;

	private final CaseStepRepository caseSteps;

	private final CaseHouseholdRepository caseHouseholds;

	private final TaskRepository tasks;

	private final HouseholdRecords households;

	private final VisitEffects effects;

	private final ClientChanges changes;

	private final Jurisdiction jurisdiction;

	private final Clock clock;

	private final TransactionTemplate savepoint;

	VisitFindings(CaseService cases, CaseRepository caseRecords, CaseStepRepository caseSteps,
			CaseHouseholdRepository caseHouseholds, TaskRepository tasks, HouseholdRecords households,
			VisitEffects effects, ClientChanges changes, Jurisdiction jurisdiction, Clock clock,
			PlatformTransactionManager transactions) {
		this.jurisdiction = jurisdiction;
		this.cases = cases;
		this.caseRecords = caseRecords;
		this.caseSteps = caseSteps;
		this.caseHouseholds = caseHouseholds;
		this.tasks = tasks;
		this.households = households;
		this.effects = effects;
		this.changes = changes;
		this.clock = clock;
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	// Applying
	// ---------------------------------------------------------------------------------------------

	@EventListener
	void logged(VisitEvents.LoggedTogether visits) {
		for (VisitEvents.Logged visit : visits.visits()) {
			logged(visit);
		}
	}

	private void logged(VisitEvents.Logged visit) {
		Long household = visit.householdKey();
		if (household == null) {
			return;
		}
		if (!visit.followUpMeasures().isEmpty()) {
			inSavepoint("its measures", () -> startMeasures(visit, household));
		}
		if (visit.hardship().any()) {
			inSavepoint("its findings", () -> applyHardship(visit, household));
		}
	}

	private void startMeasures(VisitEvents.Logged visit, long household) {
		Long first = null;
		for (VisitEvents.FollowUpMeasure measure : visit.followUpMeasures()) {
			long key = this.households.startAgreedMeasure(household, measure.type(), measure.description(),
					measure.startedOn());
			first = (first != null) ? first : key;
		}
		// one effect names the visit's measures; the household's measures list them all
		this.effects.record(visit.visitKey(), household, VisitEffect.Kind.MEASURE_STARTED, List.of(), null, first);
	}

	private void applyHardship(VisitEvents.Logged visit, long household) {
		CurrentUser user = Auth.require();
		LocalDate today = LocalDate.now(this.clock);
		// locks the household: two visits to it apply their findings one after the other
		CaseHouseholdRepository.Area area = this.caseHouseholds.areaOf(household, user.cadreKey(), today).orElseThrow();
		Optional<MonitoringCase> open = this.caseRecords.openCaseOf(household, this.jurisdiction.current());
		VisitEvents.Hardship hardship = visit.hardship();
		if (open.isPresent()) {
			MonitoringCase current = open.get();
			Set<RiskType> added = EnumSet.noneOf(RiskType.class);
			added.addAll(hardship.risks());
			added.removeAll(current.riskTypes());
			if (!added.isEmpty()) {
				this.caseRecords.changeRisks(current.key(), added, List.of());
				if (current.state().isIncluded()) {
					this.households.changeRisks(household, added, List.of());
				}
				this.effects.record(visit.visitKey(), household, VisitEffect.Kind.CASE_RISKS_ADDED, added,
						current.key(), null);
			}
			if (hardship.incomeFell()) {
				this.effects.record(visit.visitKey(), household, VisitEffect.Kind.INCOME_FALL_NOTED, List.of(),
						current.key(), null);
			}
			return;
		}
		List<RiskType> risks = hardship.risks().isEmpty() ? List.of(RiskType.OTHER)
				: hardship.risks().stream().sorted().toList();
		Role role = Actors.capacity(user, Task.Assignee.CADRE, area.posted(), area.town(), area.county()).orElseThrow();
		LocalDate on = visit.occurredOn().isAfter(today) ? today
				: visit.occurredOn().isBefore(today.minusYears(1)) ? today : visit.occurredOn();
		String note = hardship.incomeFell() ? Labels.of("visitEffect", "CASE_OPENED_INCOME_FELL")
				: Labels.of("visitEffect", "CASE_OPENED_NOTE");
		// the step's id follows from the visit's: the rule runs once per visit
		UUID stepId = UUID.nameUUIDFromBytes(("CASE_OPENED|" + visit.visitKey()).getBytes(StandardCharsets.UTF_8));
		CaseService.Payload opened = this.cases.openFor(area, MonitoringCase.Source.VISIT, risks, null, on, note,
				List.of(visit.visitKey()), stepId, Digests.sha256("VISIT_FINDINGS|" + visit.visitKey()), user, role);
		if (opened.monitoringCase() != null && opened.userErrors().isEmpty()) {
			this.effects.record(visit.visitKey(), household, VisitEffect.Kind.CASE_OPENED, risks,
					opened.monitoringCase().key(), null);
		}
	}

	private void inSavepoint(String what, Runnable work) {
		try {
			this.savepoint.executeWithoutResult((status) -> work.run());
		}
		catch (DataAccessException | IllegalStateException | java.util.NoSuchElementException ex) {
			log.warn("A visit's {} could not be applied; the visit is kept: {}", what, ex.getMessage());
		}
	}

	// Reversing
	// --------------------------------------------------------------------------------------------

	/**
	 * Reverses an effect an officer finds mistaken: risks added come off the case (and
	 * the household), a noted fall in income no longer holds the case back, a case opened
	 * and not yet verified is dismissed with the officer's reason. The effect stays on
	 * record, reversed. For the town officers of the household's town and the county
	 * officers of its county.
	 */
	@Transactional
	Outcome<VisitEffect> reverse(ReverseInput input) {
		CurrentUser user = Auth.requireAny(WHAT, Role.TOWN_OFFICER, Role.COUNTY_OFFICER);
		return this.changes.once("reverseVisitEffect", input.changeId(), input, () -> {
			Optional<Long> key = GlobalId.numericKeyOf(input.effectId(), VisitEffect.TYPE);
			Optional<VisitEffect> found = key.flatMap(this.effects::lock);
			if (found.isEmpty()) {
				return Outcome.refused(null, Refusals.notFound("effect of a visit", "走访带来的变更", "effectId"));
			}
			VisitEffect effect = found.get();
			LocalDate today = LocalDate.now(this.clock);
			CaseHouseholdRepository.Area area = this.caseHouseholds
				.areaOf(effect.householdKey(), user.cadreKey(), today)
				.orElseThrow();
			Optional<Role> role = Actors.capacity(user, Task.Assignee.TOWN_OFFICER, false, area.town(), area.county())
				.or(() -> Actors.capacity(user, Task.Assignee.COUNTY_OFFICER, false, area.town(), area.county()));
			if (role.isEmpty()) {
				return Outcome.refused(effect,
						Refusals.outOfJurisdiction("household of the visit", "走访的农户", "effectId"));
			}
			if (effect.reversed()) {
				return Outcome.refused(effect,
						Refusals.invalidTransition("The effect was reversed already.", "该变更已被撤销。", "effectId"));
			}
			Optional<MonitoringCase> current = (effect.caseKey() != null)
					? this.caseRecords.lock(effect.caseKey(), this.jurisdiction.current()) : Optional.empty();
			switch (effect.kind()) {
				case MEASURE_STARTED -> {
					return Outcome.refused(effect,
							Refusals.invalidTransition(
									"A measure agreed at the door is a measure like any other: end it "
											+ "(endAssistanceMeasure) instead.",
									"走访时商定的帮扶措施与其他措施一样：请将其结束（帮扶措施结束），而不是撤销。", "effectId"));
				}
				case CASE_RISKS_ADDED -> {
					MonitoringCase c = current.orElseThrow();
					if (c.state().isFinal()) {
						return Outcome.refused(effect, closed());
					}
					this.caseRecords.changeRisks(c.key(), List.of(), effect.riskTypes());
					if (c.state().isIncluded()) {
						this.households.changeRisks(effect.householdKey(), List.of(), effect.riskTypes());
					}
				}
				case INCOME_FALL_NOTED -> {
					// six-month rule: CaseStepRepository.stability reads the reversal
				}
				case CASE_OPENED -> {
					MonitoringCase c = current.orElseThrow();
					if (c.state() != CaseState.IDENTIFIED) {
						return Outcome.refused(effect, Refusals.invalidTransition(
								"The case has moved on from IDENTIFIED: take its steps (send it back, or dismiss it) "
										+ "instead.",
								"该监测案件已进入下一环节：请通过流程退回或核实不纳入，而不是撤销。", "effectId"));
					}
					UUID stepId = UUID.nameUUIDFromBytes(("REVERSED|" + effect.key()).getBytes(StandardCharsets.UTF_8));
					this.caseSteps.insertStep(new CaseStepRepository.NewStep(stepId, c.key(), CaseAction.DISMISS,
							c.state(), CaseState.DISMISSED, today, user.userKey(), role.get().name(),
							input.reason().strip(), List.of(effect.visitKey()), List.of(), List.of(), null, null,
							Digests.sha256("REVERSED|" + effect.key())));
					this.caseRecords.move(c.key(), CaseState.DISMISSED, today);
					this.tasks.closeForStep(c.key(), user.userKey(), true);
					this.caseHouseholds.dismissHousehold(effect.householdKey());
				}
			}
			this.effects.markReversed(effect.key(), user.userKey(), input.reason().strip());
			return Outcome.done(this.effects.find(effect.key()).orElseThrow());
		}, VisitEffect::key, (k) -> this.effects.find(k).orElse(null));
	}

	private static UserError closed() {
		return Refusals.invalidTransition("The case has closed: its risks are part of its history now.",
				"该监测案件已结束：其风险类型已成为历史记录。", "effectId");
	}

	record ReverseInput(@ClientId String changeId, String effectId,
			@Text(min = 2, max = 1000, lines = true) String reason) {
	}

}
