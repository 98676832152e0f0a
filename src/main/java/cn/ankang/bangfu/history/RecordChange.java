package cn.ankang.bangfu.history;

import java.time.OffsetDateTime;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One change of one record, as the database kept it.
 *
 * @param subjectKey the key of the object whose history it is part of
 * @param recordedAt when it was recorded
 * @param actorName who made it, as named then; 系统 for the system
 * @param operation created, changed or removed
 * @param recordKind which kind of record changed
 * @param recordKey the changed record's key within its kind, if it has one of its own
 * @param changeId the client's change id it was sent under, if any
 * @param before the changed fields' values before, by field name; null for a creation
 * @param after the changed fields' values after; null for a removal
 */
public record RecordChange(long subjectKey, OffsetDateTime recordedAt, String actorName, Operation operation,
		Kind recordKind, @Nullable String recordKey, @Nullable String changeId,
		@Nullable Map<String, @Nullable Object> before, @Nullable Map<String, @Nullable Object> after) {

	/** The same change with other values before and after, e.g. masked. */
	public RecordChange withValues(@Nullable Map<String, @Nullable Object> before,
			@Nullable Map<String, @Nullable Object> after) {
		return new RecordChange(this.subjectKey, this.recordedAt, this.actorName, this.operation, this.recordKind,
				this.recordKey, this.changeId, before, after);
	}

	/** What happened to the record. */
	public enum Operation {

		CREATED, CHANGED, REMOVED

	}

	/** The kinds of records with a history: the tables the database keeps it for. */
	public enum Kind {

		HOUSEHOLD, HOUSEHOLD_MEMBER, HOUSEHOLD_INCOME, ASSISTANCE_MEASURE, PROJECT, FUND_ALLOCATION, PROJECT_SPENDING,
		PROJECT_ASSET, CADRE, POSTING, ASSISTANCE_UNIT, UNIT_PAIRING, LEADER, LEADER_LIAISON, VISIT_EFFECT,
		VILLAGE_COLLECTIVE_INCOME, LEGAL_ADVISER_POSTING, VILLAGE_PLAN, RELOCATION_COMMUNITY, ENTERPRISE,
		ENTERPRISE_YEAR, SUPERVISION_ROUND, SUPERVISION_COVERAGE, SUPERVISION_PROBLEM

	}

	/** The objects a history is read under. */
	public enum Subject {

		HOUSEHOLD, PROJECT, CADRE, ASSISTANCE_UNIT, LEADER, VILLAGE, ENTERPRISE, SUPERVISION_ROUND, SUPERVISION_PROBLEM

	}

}
