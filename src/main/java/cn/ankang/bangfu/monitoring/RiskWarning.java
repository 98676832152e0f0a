package cn.ankang.bangfu.monitoring;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.household.RiskType;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.values.HealthCode;
import cn.ankang.bangfu.shared.values.PersonalRecord;

/**
 * A department's warning that a person may be at risk.
 *
 * @param key the warning's key
 * @param kind what it is about
 * @param source the department that sent it
 * @param personName the person's name
 * @param idNumber the person's ID number, unmasked
 * @param amountFen the amount involved, in fen
 * @param detail what the department said
 * @param occurredOn when it happened
 * @param receivedAt when it was first imported
 * @param timesReceived how many times it was sent
 * @param status matched, unmatched or dismissed
 * @param householdKey the household it was matched to
 * @param caseKey the case it led to or joined
 * @param dismissReason why it was dismissed
 * @param responsible whether the reader may see the ID number unmasked
 */
record RiskWarning(long key, Kind kind, String source, String personName, String idNumber, @Nullable Long amountFen,
		@Nullable String detail, LocalDate occurredOn, OffsetDateTime receivedAt, int timesReceived, Status status,
		@Nullable Long householdKey, @Nullable Long caseKey, @Nullable String dismissReason,
		boolean responsible) implements PersonalRecord {

	static final String TYPE = "RiskWarning";

	public String id() {
		return GlobalId.of(TYPE, this.key);
	}

	@Override
	public boolean personalDataVisible() {
		return this.responsible;
	}

	/**
	 * A warning of medical expenses or disability is health data; one of school fees is
	 * not.
	 */
	@Override
	public boolean healthRelated() {
		return this.kind.isHealthRelated();
	}

	/** What a warning is about. */
	enum Kind implements HealthCode {

		MEDICAL_EXPENSE(RiskType.ILLNESS), DISABILITY(RiskType.DISABILITY), EDUCATION(RiskType.SCHOOLING_COSTS),
		DISASTER(RiskType.DISASTER), EMPLOYMENT(RiskType.UNSTABLE_EMPLOYMENT), OTHER(RiskType.OTHER),

		/**
		 * Stands in for medical expenses and disability where the viewer may not see
		 * them.
		 */
		HEALTH_WITHHELD(RiskType.HEALTH_WITHHELD);

		private final RiskType risk;

		Kind(RiskType risk) {
			this.risk = risk;
		}

		@Override
		public boolean isHealthRelated() {
			return this.risk.isHealthRelated();
		}

		@Override
		public Kind withheld() {
			return HEALTH_WITHHELD;
		}

		/** The risk type a case opened on such a warning records. */
		RiskType risk() {
			return this.risk;
		}

	}

	/** Where a warning stands. */
	enum Status {

		MATCHED, UNMATCHED, DISMISSED

	}

}
