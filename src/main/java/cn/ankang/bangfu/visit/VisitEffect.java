package cn.ankang.bangfu.visit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.household.RiskType;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.values.PersonalRecord;

/**
 * What a visit's findings did to the records by rule (走访带来的变更), so that nobody types them
 * again: risks added to the household's open case, a case opened, a fall in income noted
 * against the case, a measure agreed at the door started. An officer may reverse it; the
 * effect stays on record with the reversal.
 *
 * @param key the effect's key
 * @param visitKey the visit as first logged (every version of it shares its effects)
 * @param householdKey the household it changed
 * @param villageKey the household's village
 * @param kind what it did
 * @param riskTypes the risks it added, or the case opened with
 * @param caseKey the case it changed or opened
 * @param measureKey the measure it started
 * @param appliedAt when it was applied
 * @param reversedAt when an officer reversed it, if one did
 * @param reversedByName who reversed it, as named then
 * @param reverseReason why
 * @param personalDataVisible whether the viewer is responsible for the household, who
 * alone sees its health risks (the {@code @personal} rule withholds them from others)
 */
public record VisitEffect(long key, UUID visitKey, long householdKey, long villageKey, Kind kind,
		List<RiskType> riskTypes, @Nullable Long caseKey, @Nullable Long measureKey, OffsetDateTime appliedAt,
		@Nullable OffsetDateTime reversedAt, @Nullable String reversedByName, @Nullable String reverseReason,
		boolean personalDataVisible) implements PersonalRecord {

	public static final String TYPE = "VisitEffect";

	@Override
	public String id() {
		return GlobalId.of(TYPE, this.key);
	}

	/** The visit's global id. */
	public String visitId() {
		return GlobalId.of(Visit.TYPE, this.visitKey.toString());
	}

	public boolean reversed() {
		return this.reversedAt != null;
	}

	/** What an effect did. */
	public enum Kind {

		/**
		 * Risks the household's open case lacked were added to it and to the household.
		 */
		CASE_RISKS_ADDED,

		/**
		 * A household without an open case showed hardship: a case opened, found on the
		 * visit, for the workflow to verify, review and confirm (a proposed inclusion, or
		 * a relapse of a household whose risk was eliminated).
		 */
		CASE_OPENED,

		/**
		 * The income fell: noted against the open case, which the six-month rule reads.
		 */
		INCOME_FALL_NOTED,

		/** A measure agreed at the door was started. */
		MEASURE_STARTED

	}

}
