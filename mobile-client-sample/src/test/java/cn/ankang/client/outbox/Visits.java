package cn.ankang.client.outbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Visits for the tests.
 */
public final class Visits {

	private static final OffsetDateTime MORNING = OffsetDateTime.of(2026, 5, 12, 9, 30, 0, 0, ZoneOffset.ofHours(8));

	private Visits() {
	}

	/** A household visit with notes that tell it apart. */
	public static VisitDraft draft(String notes) {
		return new VisitDraft("VmlsbGFnZTox", VisitDraft.Kind.HOUSEHOLD_VISIT, MORNING, MORNING.plusMinutes(5))
			.household("SG91c2Vob2xkOjE=")
			.location(32.684312, 109.029871, 12.0, VisitDraft.LocationProvider.FUSED, false)
			.notes(notes)
			.findings(true, true, true, true, VisitDraft.IncomeChange.STABLE, null);
	}

}
