package cn.ankang.bangfu.monitoring;

import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Where a monitoring case stands, who acts on it there, and where each step takes it.
 * Every action on a state belongs to one role (its {@link #actor}), rejection included:
 * the role that would move the case on is the one that may send it back.
 */
enum CaseState {

	IDENTIFIED(Task.Assignee.CADRE, Task.Kind.VERIFY_AT_HOME),
	VERIFIED_AT_HOME(Task.Assignee.TOWN_OFFICER, Task.Kind.PUBLIC_REVIEW),
	PUBLICLY_REVIEWED(Task.Assignee.COUNTY_OFFICER, Task.Kind.COUNTY_CONFIRMATION),
	MONITORING(Task.Assignee.CADRE, null), ELIMINATION_PROPOSED(Task.Assignee.CADRE, Task.Kind.VERIFY_AT_HOME),
	ELIMINATION_VERIFIED(Task.Assignee.TOWN_OFFICER, Task.Kind.PUBLIC_REVIEW),
	ELIMINATION_REVIEWED(Task.Assignee.COUNTY_OFFICER, Task.Kind.COUNTY_CONFIRMATION), RISK_ELIMINATED(null, null),
	DISMISSED(null, null);

	private final Task.@Nullable Assignee actor;

	private final Task.@Nullable Kind waitingFor;

	CaseState(Task.@Nullable Assignee actor, Task.@Nullable Kind waitingFor) {
		this.actor = actor;
		this.waitingFor = waitingFor;
	}

	/** The role that acts on a case in this state; none for final states. */
	Task.@Nullable Assignee actor() {
		return this.actor;
	}

	/**
	 * The task a case in this state waits on; none where no one must act (monitoring goes
	 * on until the cadres propose elimination).
	 */
	Task.@Nullable Kind waitingFor() {
		return this.waitingFor;
	}

	boolean isFinal() {
		return this.actor == null;
	}

	/** Whether a household in a case in this state counts as monitored. */
	boolean isIncluded() {
		return ordinal() >= MONITORING.ordinal() && this != DISMISSED;
	}

	/** The state the action leads to from this one, if the action is allowed here. */
	Optional<CaseState> after(CaseAction action) {
		return Optional.ofNullable(TRANSITIONS.getOrDefault(this, Map.of()).get(action));
	}

	private static final Map<CaseState, Map<CaseAction, CaseState>> TRANSITIONS = Map.of(IDENTIFIED,
			Map.of(CaseAction.VERIFY, VERIFIED_AT_HOME, CaseAction.DISMISS, DISMISSED), VERIFIED_AT_HOME,
			Map.of(CaseAction.REVIEW, PUBLICLY_REVIEWED, CaseAction.REJECT, IDENTIFIED), PUBLICLY_REVIEWED,
			Map.of(CaseAction.CONFIRM, MONITORING, CaseAction.REJECT, VERIFIED_AT_HOME), MONITORING,
			Map.of(CaseAction.PROPOSE_ELIMINATION, ELIMINATION_PROPOSED), ELIMINATION_PROPOSED,
			Map.of(CaseAction.VERIFY, ELIMINATION_VERIFIED, CaseAction.REJECT, MONITORING), ELIMINATION_VERIFIED,
			Map.of(CaseAction.REVIEW, ELIMINATION_REVIEWED, CaseAction.REJECT, ELIMINATION_PROPOSED),
			ELIMINATION_REVIEWED, Map.of(CaseAction.CONFIRM, RISK_ELIMINATED, CaseAction.REJECT, ELIMINATION_VERIFIED));

}
