package cn.ankang.bangfu.monitoring;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.relay.GlobalId;

/**
 * Something a role in an area must do by a date.
 *
 * @param key the task's key
 * @param kind what is to be done
 * @param assigneeRole who acts
 * @param status open, done or cancelled
 * @param caseKey the case it is about
 * @param warningKey the warning it is about
 * @param householdKey the household it is about
 * @param villageKey the village it is in
 * @param dueOn when it is due
 * @param redoReason why a step was sent back, for a step to redo
 * @param createdAt when it was created
 * @param closedAt when it was done or cancelled
 * @param overdue whether it is open past its due date
 * @param escalated whether the reader sees it because it is overdue at the level below
 * @param measureKey the measure whose result is to be recorded
 * @param problemKey the supervision problem to rectify
 */
record Task(long key, Kind kind, Assignee assigneeRole, Status status, @Nullable Long caseKey,
		@Nullable Long warningKey, @Nullable Long householdKey, @Nullable Long villageKey, LocalDate dueOn,
		@Nullable String redoReason, OffsetDateTime createdAt, @Nullable OffsetDateTime closedAt, boolean overdue,
		boolean escalated, @Nullable Long measureKey, @Nullable Long problemKey) {

	static final String TYPE = "Task";

	public String id() {
		return GlobalId.of(TYPE, this.key);
	}

	/** What a task asks for. */
	enum Kind {

		VERIFY_AT_HOME, PUBLIC_REVIEW, COUNTY_CONFIRMATION, VERIFY_WARNING, MATCH_WARNING, RECORD_MEASURE_RESULT,
		RECTIFY_PROBLEM

	}

	/** Which role acts on a task. */
	enum Assignee {

		CADRE, TOWN_OFFICER, COUNTY_OFFICER, ADMIN

	}

	/** Where a task stands. */
	enum Status {

		OPEN, DONE, CANCELLED

	}

}
