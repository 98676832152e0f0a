package cn.ankang.bangfu.visit;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.household.AssistanceMeasure;
import cn.ankang.bangfu.household.RiskType;
import cn.ankang.bangfu.shared.values.Text;
import cn.ankang.bangfu.shared.errors.UserError;

/**
 * The inputs and outcomes of writing visits from phones.
 */
final class VisitWriting {

	private VisitWriting() {
	}

	record LogVisitInput(String uuid, String villageId, @Nullable String householdId, Visit.Kind kind,
			OffsetDateTime occurredAt, OffsetDateTime recordedAt, @Nullable LocationInput location,
			@Nullable String notes, @Nullable FindingsInput findings, @Nullable OffsetDateTime deviceTime,
			@Nullable List<String> photoHashes, @Nullable String taskId,
			@Valid @Size(max = VisitChecks.MAX_MEASURES) @Nullable List<FollowUpMeasureInput> followUpMeasures) {

		/** The measures agreed at the door, none when not given. */
		List<FollowUpMeasureInput> measures() {
			return (this.followUpMeasures != null) ? this.followUpMeasures : List.of();
		}

		/** The photos' hashes as stored: lower-case, in the phone's order. */
		List<String> photos() {
			return (this.photoHashes != null)
					? this.photoHashes.stream().map((hash) -> hash.toLowerCase(java.util.Locale.ROOT)).toList()
					: List.of();
		}

	}

	record LocationInput(double latitude, double longitude, @Nullable Double accuracyMeters, @Nullable String provider,
			@Nullable Boolean mocked) {
	}

	record FindingsInput(@Nullable Boolean schoolingSecure, @Nullable Boolean medicalCareSecure,
			@Nullable Boolean housingSafe, @Nullable Boolean drinkingWaterSafe,
			Visit.@Nullable IncomeChange incomeChange, @Nullable List<RiskType> newRiskTypes) {
	}

	record FollowUpMeasureInput(AssistanceMeasure.Type type, @Text(min = 2, max = 500) String description,
			LocalDate startedOn) {
	}

	record AmendVisitInput(String baseVersionId, LogVisitInput visit) {
	}

	record SyncVisitsInput(List<LogVisitInput> visits, @Nullable OffsetDateTime deviceTime) {
	}

	/** What became of one visit. */
	enum Status {

		ACCEPTED, DUPLICATE, CONFLICT, REJECTED

	}

	record Receipt(String uuid, Status status, OffsetDateTime receivedAt, List<String> reviewFlags) {
	}

	/**
	 * The outcome of writing one visit.
	 *
	 * @param uuid the visit's uuid as sent
	 * @param status what became of it
	 * @param receipt the receipt for a stored visit
	 * @param visit the stored visit, or for a conflict the one stored under the uuid,
	 * when visible
	 * @param errors why it was not stored
	 */
	record Outcome(String uuid, Status status, @Nullable Receipt receipt, @Nullable Visit visit,
			List<UserError> errors) {

		static Outcome rejected(String uuid, UserError error) {
			return new Outcome(uuid, Status.REJECTED, null, null, List.of(error));
		}

	}

	record LogVisitPayload(@Nullable Receipt receipt, @Nullable Visit visit, List<UserError> userErrors) {

		static LogVisitPayload of(Outcome outcome) {
			return new LogVisitPayload(outcome.receipt(), outcome.visit(), outcome.errors());
		}

	}

	record SyncVisitsPayload(List<Outcome> results) {
	}

}
