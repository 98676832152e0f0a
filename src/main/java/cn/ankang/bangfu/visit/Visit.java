package cn.ankang.bangfu.visit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.household.RiskType;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.values.PersonalRecord;

/**
 * A visit a resident cadre made.
 *
 * @param key the id the phone generated
 * @param cadreKey the cadre's key
 * @param villageKey the village's key
 * @param householdKey the household's key, for household visits
 * @param kind what the visit was
 * @param occurredAt when it took place
 * @param notes the cadre's notes
 * @param findings what the cadre found, health-related risks withheld from those not
 * responsible
 * @param personalDataVisible whether the viewer is responsible for the visit's village
 * @param phone what the server recorded when a phone sent the visit; null for other
 * visits
 * @param version 1 for the visit as first logged, one more per correction
 * @param firstVersionKey the first version's id, for later versions
 * @param replacedByKey the id of the version that corrected this one, if any
 * @param photoHashes the SHA-256 of the photos taken, in the phone's order
 */
record Visit(UUID key, long cadreKey, long villageKey, @Nullable Long householdKey, Kind kind,
		OffsetDateTime occurredAt, String notes, Findings findings, boolean personalDataVisible,
		@Nullable FromPhone phone, int version, @Nullable UUID firstVersionKey, @Nullable UUID replacedByKey,
		List<String> photoHashes) implements PersonalRecord {

	Visit {
		if (!personalDataVisible) {
			findings = findings.withHealthWithheld();
		}
	}

	static final String TYPE = "Visit";

	public String id() {
		return GlobalId.of(TYPE, this.key.toString());
	}

	/** The id every version of this visit shares: the first version's. */
	UUID chainKey() {
		return (this.firstVersionKey != null) ? this.firstVersionKey : this.key;
	}

	public @Nullable OffsetDateTime recordedAt() {
		return (this.phone != null) ? this.phone.recordedAt() : null;
	}

	public @Nullable OffsetDateTime receivedAt() {
		return (this.phone != null) ? this.phone.receivedAt() : null;
	}

	public @Nullable Integer clockSkewSeconds() {
		return (this.phone != null) ? this.phone.clockSkewSeconds() : null;
	}

	public @Nullable Location location() {
		return (this.phone != null) ? this.phone.location() : null;
	}

	public @Nullable Integer distanceToVillageMeters() {
		return (this.phone != null) ? this.phone.distanceMeters() : null;
	}

	public List<String> reviewFlags() {
		return (this.phone != null) ? this.phone.reviewFlags() : List.of();
	}

	/** Kinds of visit. */
	enum Kind {

		HOUSEHOLD_VISIT, VILLAGE_MEETING, PROJECT_INSPECTION, OTHER

	}

	/**
	 * What the server recorded of a visit a phone sent.
	 *
	 * @param recordedAt when the device recorded it, by its clock
	 * @param receivedAt when the server first stored it
	 * @param clockSkewSeconds how far the device clock was ahead of the server's
	 * @param location where the device was
	 * @param distanceMeters how far that was from the village committee
	 * @param reviewFlags why the visit is flagged for review
	 */
	record FromPhone(@Nullable OffsetDateTime recordedAt, OffsetDateTime receivedAt, @Nullable Integer clockSkewSeconds,
			@Nullable Location location, @Nullable Integer distanceMeters, List<String> reviewFlags) {
	}

	/**
	 * Where a device was.
	 *
	 * @param latitude degrees
	 * @param longitude degrees
	 * @param accuracyMeters 68 % radius
	 * @param provider source
	 * @param mocked reported as mocked
	 */
	record Location(double latitude, double longitude, @Nullable Double accuracyMeters, @Nullable String provider,
			@Nullable Boolean mocked) {
	}

	/** How income moved. */
	enum IncomeChange {

		ROSE, STABLE, FELL

	}

	/**
	 * What a cadre checked on a visit; null means not checked.
	 *
	 * @param schoolingSecure compulsory schooling secured
	 * @param medicalCareSecure basic medical care secured
	 * @param housingSafe housing safe
	 * @param drinkingWaterSafe drinking water safe
	 * @param incomeChange how income moved
	 * @param newRiskTypes risks found that were not known before
	 */
	record Findings(@Nullable Boolean schoolingSecure, @Nullable Boolean medicalCareSecure,
			@Nullable Boolean housingSafe, @Nullable Boolean drinkingWaterSafe, @Nullable IncomeChange incomeChange,
			List<RiskType> newRiskTypes) {

		/**
		 * The findings with illness and disability shown as withheld, and whether medical
		 * care is secured not said: the rule of {@code @personal(kind: HEALTH)} fields,
		 * applied here because the findings do not know whose they are.
		 */
		Findings withHealthWithheld() {
			return new Findings(this.schoolingSecure, null, this.housingSafe, this.drinkingWaterSafe, this.incomeChange,
					this.newRiskTypes.stream()
						.map((risk) -> risk.isHealthRelated() ? RiskType.HEALTH_WITHHELD : risk)
						.distinct()
						.toList());
		}

	}

}
