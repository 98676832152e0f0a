package cn.ankang.bangfu.household;

import java.time.LocalDate;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.history.ClientChanges;
import cn.ankang.bangfu.history.Outcome;
import cn.ankang.bangfu.history.Refusals;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.shared.values.ClientId;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.values.Text;
import cn.ankang.bangfu.shared.errors.UserError;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps a monitored household's assistance measures from start through their result to
 * their end. A measure that ends without its result becomes a task for the village's
 * cadres (the monitoring workflow hears of it). Who may, and the household's version, as
 * {@link RecordKeeping} says.
 */
@Service
class MeasureRecords {

	private final HouseholdRepository households;

	private final MeasureRepository measures;

	private final RecordKeeping keeping;

	private final Jurisdiction jurisdiction;

	private final ClientChanges changes;

	private final ApplicationEventPublisher events;

	MeasureRecords(HouseholdRepository households, MeasureRepository measures, RecordKeeping keeping,
			Jurisdiction jurisdiction, ClientChanges changes, ApplicationEventPublisher events) {
		this.households = households;
		this.measures = measures;
		this.keeping = keeping;
		this.jurisdiction = jurisdiction;
		this.changes = changes;
		this.events = events;
	}

	/** Starts an assistance measure. */
	@Transactional
	Outcome<MeasureChange> startMeasure(StartMeasureInput input) {
		CurrentUser user = RecordKeeping.requireKeeper();
		return this.changes.once("startAssistanceMeasure", input.changeId(), input, () -> {
			Household household = this.keeping.responsibleFor(input.householdId());
			if (household == null) {
				return Outcome.refused(null, Refusals.notFound("household", "农户", "householdId"));
			}
			Optional<UserError> day = Refusals.day(input.startedOn(), this.keeping.today(), Refusals.EARLIEST,
					"startedOn");
			if (day.isPresent()) {
				return Outcome.refused(null, day.get());
			}
			long key = this.measures.insertMeasure(household.key(), input.type(), input.description().strip(),
					input.startedOn());
			this.households.raiseVersion(household.key(), null);
			return Outcome.done(measureChange(key));
		}, (change) -> change.measure().key(), this::measureChange);
	}

	/** Records what a measure achieved (帮扶成效); closes the task that waited for it. */
	@Transactional
	Outcome<MeasureChange> recordResult(ResultInput input) {
		CurrentUser user = RecordKeeping.requireKeeper();
		return this.changes.once("recordMeasureResult", input.changeId(), input, () -> {
			RecordKeeping.Held<AssistanceMeasure> held = heldMeasure(input.measureId(), input.baseVersion());
			if (held.refusal() != null) {
				return Outcome.refused((held.item() != null) ? measureChange(held.item().key()) : null, held.refusal());
			}
			AssistanceMeasure measure = held.item();
			Household household = held.household();
			Optional<UserError> day = Refusals.day(input.on(), this.keeping.today(), measure.startedOn(), "on");
			if (day.isPresent()) {
				return Outcome.refused(measureChange(measure.key()), day.get());
			}
			this.measures.recordResult(measure.key(), input.result().strip(), input.on());
			this.households.raiseVersion(household.key(), null);
			this.events.publishEvent(new MeasureEvents.ResultRecorded(measure.key(), user.userKey()));
			return Outcome.done(measureChange(measure.key()));
		}, (change) -> change.measure().key(), this::measureChange);
	}

	/**
	 * Ends a measure on its last day, with its result when known; without one, the
	 * village's cadres get a task to record it.
	 */
	@Transactional
	Outcome<MeasureChange> endMeasure(EndMeasureInput input) {
		CurrentUser user = RecordKeeping.requireKeeper();
		return this.changes.once("endAssistanceMeasure", input.changeId(), input, () -> {
			RecordKeeping.Held<AssistanceMeasure> held = heldMeasure(input.measureId(), input.baseVersion());
			if (held.refusal() != null) {
				return Outcome.refused((held.item() != null) ? measureChange(held.item().key()) : null, held.refusal());
			}
			AssistanceMeasure measure = held.item();
			Household household = held.household();
			if (measure.endedOn() != null) {
				return Outcome.refused(measureChange(measure.key()),
						Refusals.invalidTransition("The measure ended on %s already.".formatted(measure.endedOn()),
								"该措施已于 %s 结束。".formatted(measure.endedOn()), "measureId"));
			}
			Optional<UserError> day = Refusals.day(input.endedOn(), this.keeping.today(), measure.startedOn(),
					"endedOn");
			if (day.isPresent()) {
				return Outcome.refused(measureChange(measure.key()), day.get());
			}
			this.measures.endMeasure(measure.key(), input.endedOn());
			if (input.result() != null && !input.result().isBlank()) {
				this.measures.recordResult(measure.key(), input.result().strip(), input.endedOn());
				this.events.publishEvent(new MeasureEvents.ResultRecorded(measure.key(), user.userKey()));
			}
			else if (measure.result() == null) {
				this.events.publishEvent(
						new MeasureEvents.EndedWithoutResult(measure.key(), household.key(), household.villageKey()));
			}
			this.households.raiseVersion(household.key(), null);
			return Outcome.done(measureChange(measure.key()));
		}, (change) -> change.measure().key(), this::measureChange);
	}

	/**
	 * The measure and its household held for a change, as {@link RecordKeeping#held}
	 * says.
	 */
	private RecordKeeping.Held<AssistanceMeasure> heldMeasure(String measureId, int baseVersion) {
		AssistanceMeasure measure = measure(measureId);
		return this.keeping.held(measure, (measure != null) ? measure.householdKey() : 0, baseVersion, "measure",
				"帮扶措施", "measureId");
	}

	private @Nullable AssistanceMeasure measure(String id) {
		return GlobalId.numericKeyOf(id, AssistanceMeasure.TYPE)
			.flatMap((key) -> this.measures.measureByKey(key, this.jurisdiction.forQueries()))
			.orElse(null);
	}

	private @Nullable MeasureChange measureChange(long key) {
		AssistanceMeasure measure = this.measures.measureByKey(key, this.jurisdiction.forQueries()).orElse(null);
		Household household = (measure != null) ? this.keeping.household(measure.householdKey()) : null;
		return (household != null) ? new MeasureChange(measure, household) : null;
	}

	/** A measure after a change, and the household it helps. */
	record MeasureChange(AssistanceMeasure measure, Household household) {
	}

	record StartMeasureInput(@ClientId String changeId, String householdId, AssistanceMeasure.Type type,
			@Text(min = 2, max = 500) String description, LocalDate startedOn) {
	}

	record ResultInput(@ClientId String changeId, String measureId, int baseVersion,
			@Text(min = 2, max = 1000, lines = true) String result, LocalDate on) {
	}

	record EndMeasureInput(@ClientId String changeId, String measureId, int baseVersion, LocalDate endedOn,
			@Text(min = 2, max = 1000, lines = true) @Nullable String result) {
	}

}
