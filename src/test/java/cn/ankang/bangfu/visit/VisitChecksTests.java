package cn.ankang.bangfu.visit;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.household.AssistanceMeasure;
import cn.ankang.bangfu.shared.errors.UserError;
import cn.ankang.bangfu.visit.VisitWriting.FollowUpMeasureInput;
import cn.ankang.bangfu.visit.VisitWriting.LocationInput;
import cn.ankang.bangfu.visit.VisitWriting.LogVisitInput;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A visit's own rules, one by one, without a database: what refuses it, what flags it,
 * and the digest that tells a resend from an edit.
 */
class VisitChecksTests {

	private static final OffsetDateTime RECEIVED = OffsetDateTime.of(2024, 9, 1, 10, 0, 0, 0, ZoneOffset.ofHours(8));

	private static final String HASH = "a".repeat(64);

	@Test
	void aPlainHouseholdVisitPasses() {
		assertThat(VisitChecks.validate(visit().build())).isEmpty();
		assertThat(VisitChecks.flags(visit().build(), RECEIVED, 120)).isEmpty();
	}

	@Test
	void eachReasonToRefuseNamesItsField() {
		assertThat(fields(visit().uuid("not-a-uuid").build())).containsExactly("uuid");
		assertThat(fields(visit().household(null).build())).containsExactly("householdId");
		assertThat(fields(visit().kind(Visit.Kind.VILLAGE_MEETING).household(null).build())).isEmpty();
		assertThat(fields(visit().notes("记".repeat(VisitChecks.MAX_NOTES)).build())).isEmpty();
		assertThat(fields(visit().notes("记".repeat(VisitChecks.MAX_NOTES + 1)).build())).containsExactly("notes");
		assertThat(fields(visit().notes("a\0b").build())).containsExactly("notes");
		assertThat(fields(visit().occurredAt(RECEIVED.withYear(1999)).build())).containsExactly("occurredAt");
		assertThat(fields(visit().photos(List.of(HASH, HASH)).build())).containsExactly("photoHashes");
		assertThat(fields(visit().photos(List.of("abc")).build())).containsExactly("photoHashes");
		assertThat(fields(visit()
			.photos(java.util.stream.IntStream.range(0, VisitChecks.MAX_PHOTOS + 1)
				.mapToObj((i) -> String.format("%064x", i))
				.toList())
			.build())).containsExactly("photoHashes");
		assertThat(fields(visit().location(new LocationInput(91, 109, null, null, null)).build()))
			.containsExactly("location");
		assertThat(fields(visit().location(new LocationInput(32, 181, -1.0, null, null)).build()))
			.containsExactly("location", "location");
	}

	@Test
	void measuresAreAgreedWithAHouseholdAndStartWithinAYear() {
		LocalDate today = RECEIVED.toLocalDate();
		FollowUpMeasureInput soon = new FollowUpMeasureInput(AssistanceMeasure.Type.values()[0], "技能培训",
				today.plusMonths(1));
		assertThat(VisitChecks.measures(visit().measures(List.of(soon)).build(), today)).isEmpty();
		assertThat(VisitChecks
			.measures(visit().kind(Visit.Kind.VILLAGE_MEETING).household(null).measures(List.of(soon)).build(), today))
			.extracting(UserError::field)
			.containsExactly(List.of("input", "followUpMeasures"));
		FollowUpMeasureInput late = new FollowUpMeasureInput(soon.type(), soon.description(),
				today.plusYears(1).plusDays(1));
		assertThat(VisitChecks.measures(visit().measures(List.of(soon, late)).build(), today))
			.extracting(UserError::field)
			.containsExactly(List.of("input", "followUpMeasures", "1", "startedOn"));
	}

	@Test
	void flagsForASecondLook() {
		assertThat(VisitChecks.flags(visit().build(), RECEIVED, (int) VisitChecks.FAR_METERS)).isEmpty();
		assertThat(VisitChecks.flags(visit().build(), RECEIVED, (int) VisitChecks.FAR_METERS + 1))
			.containsExactly("FAR_FROM_VILLAGE");
		assertThat(VisitChecks.flags(visit().occurredAt(RECEIVED.plusMinutes(11)).build(), RECEIVED, null))
			.containsExactly("FUTURE_TIME");
		assertThat(VisitChecks.flags(visit().occurredAt(RECEIVED.plusMinutes(9)).build(), RECEIVED, null)).isEmpty();
		assertThat(VisitChecks.flags(visit().occurredAt(RECEIVED.minusDays(61)).build(), RECEIVED, null))
			.containsExactly("LONG_AGO");
		assertThat(VisitChecks.flags(visit().location(new LocationInput(32.68, 109.02, 5.0, "gps", true)).build(),
				RECEIVED, 10))
			.containsExactly("MOCKED_LOCATION");
	}

	@Test
	void distancesAreGreatCircleMetres() {
		assertThat(VisitChecks.meters(32.68, 109.02, 32.68, 109.02)).isZero();
		// one degree of latitude is about 111.2 km
		assertThat(VisitChecks.meters(32.0, 109.0, 33.0, 109.0)).isBetween(111_000.0, 111_400.0);
	}

	@Test
	void theDigestIsOfWhatWasRecordedNotOfWhenItWasSent() {
		LogVisitInput visit = visit().build();
		LogVisitInput resent = visit().deviceTime(RECEIVED.plusHours(3)).build();
		assertThat(VisitChecks.contentHash(resent, null)).isEqualTo(VisitChecks.contentHash(visit, null));
		assertThat(VisitChecks.contentHash(visit().notes("另一条记录").build(), null))
			.isNotEqualTo(VisitChecks.contentHash(visit, null));
		// the same content amending a visit is another change than logging it
		assertThat(VisitChecks.contentHash(visit, java.util.UUID.randomUUID()))
			.isNotEqualTo(VisitChecks.contentHash(visit, null));
	}

	private static List<String> fields(LogVisitInput input) {
		return VisitChecks.validate(input).stream().map((error) -> error.field().get(1)).toList();
	}

	private static Builder visit() {
		return new Builder();
	}

	/** A household visit that passes, changed one part at a time. */
	private static final class Builder {

		private String uuid = "a0000000-0000-4000-8000-000000000001";

		private String household = "SG91c2Vob2xkOjE=";

		private Visit.Kind kind = Visit.Kind.HOUSEHOLD_VISIT;

		private OffsetDateTime occurredAt = RECEIVED.minusHours(2);

		private LocationInput location = new LocationInput(32.68, 109.02, 8.0, "gps", false);

		private String notes = "了解家庭收入情况";

		private OffsetDateTime deviceTime = RECEIVED;

		private List<String> photos = List.of(HASH);

		private List<FollowUpMeasureInput> measures = List.of();

		Builder uuid(String value) {
			this.uuid = value;
			return this;
		}

		Builder household(String value) {
			this.household = value;
			return this;
		}

		Builder kind(Visit.Kind value) {
			this.kind = value;
			return this;
		}

		Builder occurredAt(OffsetDateTime value) {
			this.occurredAt = value;
			return this;
		}

		Builder location(LocationInput value) {
			this.location = value;
			return this;
		}

		Builder notes(String value) {
			this.notes = value;
			return this;
		}

		Builder deviceTime(OffsetDateTime value) {
			this.deviceTime = value;
			return this;
		}

		Builder photos(List<String> value) {
			this.photos = value;
			return this;
		}

		Builder measures(List<FollowUpMeasureInput> value) {
			this.measures = value;
			return this;
		}

		LogVisitInput build() {
			return new LogVisitInput(this.uuid, "VmlsbGFnZTox", this.household, this.kind, this.occurredAt,
					this.occurredAt, this.location, this.notes, null, this.deviceTime, this.photos, null,
					this.measures);
		}

	}

}
