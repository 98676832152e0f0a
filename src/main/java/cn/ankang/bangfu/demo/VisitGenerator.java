package cn.ankang.bangfu.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import cn.ankang.bangfu.demo.DemoWorld.PostingInfo;

/**
 * Writes the visits: cadres' household visits and first secretaries' village meetings of
 * 2023, and the household visits of the last 90 days before today.
 */
final class VisitGenerator {

	private static final String[] VISIT_NOTES = { "入户走访，了解家庭收入和务工情况", "核实三保障和饮水安全情况", "宣传帮扶政策，落实帮扶措施", "了解产业发展情况",
			"走访慰问" };

	private final DemoWorld world;

	VisitGenerator(DemoWorld world) {
		this.world = world;
	}

	void writeVisits(Connection connection, Households h, List<PostingInfo> postings) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("select visit_partitions_cover(date '2023-01-01', date '%s')"
				.formatted(DemoNumbers.max(DemoWorld.REPORT_END, this.world.today)));
		}
		// every visit's key before the visits that must match it (V16); the rows are
		// drawn twice from the same seeds rather than held in memory at 10x
		try (CopyWriter keys = new CopyWriter(connection, "visit_key", "id, occurred_at, chain_id, version")) {
			visitsInOrder(h, postings, (row) -> keys.add(row[0]).add(row[5]).add(row[0]).add(1).endRow());
		}
		try (CopyWriter rows = new CopyWriter(connection, "visit",
				"id, cadre_id, village_id, household_id, kind, occurred_at, notes, schooling_secure, "
						+ "medical_care_secure, housing_safe, drinking_water_safe, income_change, new_risk_types, chain_id")) {
			visitsInOrder(h, postings, (row) -> {
				for (Object value : row) {
					rows.add(value);
				}
				rows.add(row[0]).endRow();
			});
		}
	}

	/**
	 * The demo visits with time-ordered ids in the order they are written
	 * ({@link DemoNumbers#timeOrdered}), the same on both passes.
	 */
	private void visitsInOrder(Households h, List<PostingInfo> postings, VisitRow sink) throws SQLException {
		long[] written = { 0 };
		visits(h, postings, (row) -> {
			row[0] = DemoNumbers.timeOrdered(written[0]++, (UUID) row[0]);
			sink.accept(row);
		});
	}

	/**
	 * The demo visits, each as the values of
	 * {@code id, cadre_id, village_id, household_id, kind, occurred_at, notes} and the
	 * findings, in the same order on every call.
	 */
	private void visits(Households h, List<PostingInfo> postings, VisitRow sink) throws SQLException {
		LocalDate yearStart = LocalDate.of(2023, 1, 1);
		for (int i = 0; i < h.id.length; i++) {
			PostingInfo posting = h.cadre[i];
			if (posting == null) {
				continue;
			}
			SplittableRandom random = this.world.random("visits", h.id[i]);
			LocalDate from = DemoNumbers.max(DemoNumbers.max(yearStart, posting.startedOn()), h.identifiedOn[i]);
			int days = (int) (DemoWorld.REPORT_END.toEpochDay() - from.toEpochDay()) + 1;
			int count = 2 + random.nextInt(4);
			for (int v = 0; v < count; v++) {
				OffsetDateTime at = from.plusDays(random.nextInt(days))
					.atTime(8 + random.nextInt(10), random.nextInt(60))
					.atOffset(DemoWorld.CHINA);
				boolean stable = h.eliminatedOn[i] != null;
				sink.accept(new Object[] { DemoNumbers.uuid(random), posting.cadreId(), h.village[i].id, h.id[i],
						"HOUSEHOLD_VISIT", at, VISIT_NOTES[random.nextInt(VISIT_NOTES.length)],
						random.nextInt(100) < 98, random.nextInt(100) < 97, random.nextInt(100) < 96,
						random.nextInt(100) < 98,
						stable ? (random.nextBoolean() ? "ROSE" : "STABLE")
								: new String[] { "ROSE", "STABLE", "FELL" }[random.nextInt(3)],
						(random.nextInt(100) < 3)
								? "{" + Households.RISKS[random.nextInt(Households.RISKS.length)] + "}" : "{}" });
			}
		}
		for (PostingInfo posting : postings) {
			// the first secretaries in post at the report's end
			if (!posting.role().equals("FIRST_SECRETARY") || posting.startedOn().isAfter(DemoWorld.REPORT_END)
					|| (posting.endedOn() != null && !posting.endedOn().isAfter(DemoWorld.REPORT_END))) {
				continue;
			}
			SplittableRandom random = this.world.random("meetings", posting.id());
			LocalDate from = DemoNumbers.max(yearStart, posting.startedOn());
			int days = (int) (DemoWorld.REPORT_END.toEpochDay() - from.toEpochDay()) + 1;
			for (int v = 0; v < 6; v++) {
				OffsetDateTime at = from.plusDays(random.nextInt(days)).atTime(14, 30).atOffset(DemoWorld.CHINA);
				sink.accept(new Object[] { DemoNumbers.uuid(random), posting.cadreId(), posting.village().id, null,
						random.nextInt(3) == 0 ? "PROJECT_INSPECTION" : "VILLAGE_MEETING", at, "召开村民会议，通报帮扶项目进展", null,
						null, null, null, null, "{}" });
			}
		}
		recentVisits(h, sink);
	}

	/**
	 * The visits of the last 90 days before today: most households still monitored had
	 * one or two, from the cadre in post in their village now, so that the coverage of
	 * visits means something on the day the demo is loaded.
	 */
	private void recentVisits(Households h, VisitRow sink) throws SQLException {
		if (!this.world.today.isAfter(DemoWorld.REPORT_END)) {
			return;
		}
		for (int i = 0; i < h.id.length; i++) {
			if (h.cadre[i] == null || h.eliminatedOn[i] != null) {
				continue;
			}
			SplittableRandom random = this.world.random("recentVisits", h.id[i]);
			if (random.nextInt(100) >= 85) {
				continue;
			}
			PostingInfo posting = this.world.current.get(h.cadre[i].id());
			int count = 1 + random.nextInt(2);
			for (int v = 0; v < count; v++) {
				OffsetDateTime at = this.world.today.minusDays(1 + random.nextInt(89))
					.atTime(8 + random.nextInt(10), random.nextInt(60))
					.atOffset(DemoWorld.CHINA);
				sink.accept(new Object[] { DemoNumbers.uuid(random), posting.cadreId(), h.village[i].id, h.id[i],
						"HOUSEHOLD_VISIT", at, VISIT_NOTES[random.nextInt(VISIT_NOTES.length)],
						random.nextInt(100) < 98, random.nextInt(100) < 97, random.nextInt(100) < 96,
						random.nextInt(100) < 98,
						new String[] { "ROSE", "STABLE", "STABLE", "FELL" }[random.nextInt(4)], "{}" });
			}
		}
	}

	@FunctionalInterface
	private interface VisitRow {

		void accept(Object[] row) throws SQLException;

	}

}
