package cn.ankang.bangfu.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;

/**
 * Writes what the register of households out of poverty records beyond incomes and work:
 * their microcredit loans and repayments, their training, public-welfare jobs and
 * relocation follow-up support.
 */
final class ExitedSupportGenerator {

	private static final int[] LOAN_YEAR_WEIGHTS = { 8, 11, 13, 14, 15, 13, 12, 14 };

	private static final String[] JOB_KINDS = { "ROAD_MAINTENANCE", "CLEANING", "FOREST_RANGER", "WATER_KEEPER",
			"OTHER" };

	private static final int[] JOB_KIND_WEIGHTS = { 25, 35, 20, 10, 10 };

	private final DemoWorld world;

	ExitedSupportGenerator(DemoWorld world) {
		this.world = world;
	}

	/**
	 * What the register records beyond incomes, work and loans, all invented (the report
	 * gives no figures): 2023's training, about 4,000 雨露计划 students with 3,000 yuan each
	 * and more in vocational and practical courses; a public-welfare job held in 2023 by
	 * each person 2023's work records put in one (some since ended), and a few ended
	 * before 2023; the follow-up support of 2023 of most relocated households. From a
	 * stream of its own, after everything else of the copy.
	 */
	void writeFollowUp(Connection connection, int copy, long[] id, long[] village, int[] people, long[] community,
			int[] publicWelfareJobs) throws SQLException {
		SplittableRandom random = this.world.random("followUp", copy);
		int n = id.length;
		try (CopyWriter rows = new CopyWriter(connection, "exited_household_training",
				"household_id, village_id, year, programme, people, subsidy_fen, completed_on")) {
			for (int k = 0; k < n; k++) {
				if (random.nextInt(1000) < 13) {
					int students = (people[k] >= 4 && random.nextInt(10) == 0) ? 2 : 1;
					// those who finished school in the summer; the others are still at it
					LocalDate completed = (random.nextInt(4) == 0) ? LocalDate.of(2023, 7, 1) : null;
					rows.add(id[k]).add(village[k]).add(2023).add("YULU_PLAN").add(students);
					rows.add(students * 300_000L).add(completed).endRow();
				}
				if (random.nextInt(1000) < 40) {
					int trained = 1 + random.nextInt(Math.min(2, people[k]));
					long subsidy = (random.nextInt(2) == 0) ? trained * (1_000 + 100L * random.nextInt(11)) * 100 : 0;
					rows.add(id[k]).add(village[k]).add(2023).add("VOCATIONAL").add(trained);
					rows.add(subsidy).add(LocalDate.of(2023, 3, 1).plusDays(random.nextInt(270))).endRow();
				}
				if (random.nextInt(1000) < 70) {
					int trained = 1 + random.nextInt(Math.min(3, people[k]));
					rows.add(id[k]).add(village[k]).add(2023).add("PRACTICAL_SKILLS").add(trained);
					rows.add(0).add(LocalDate.of(2023, 2, 1).plusDays(random.nextInt(300))).endRow();
				}
			}
		}
		try (CopyWriter rows = new CopyWriter(connection, "public_welfare_job",
				"household_id, village_id, kind, started_on, ended_on, monthly_pay_fen")) {
			for (int k = 0; k < n; k++) {
				for (int p = 0; p < publicWelfareJobs[k]; p++) {
					LocalDate started = LocalDate.of(2019 + random.nextInt(5), 1, 1).plusDays(random.nextInt(365));
					LocalDate ended = (random.nextInt(5) == 0) ? LocalDate.of(2024, 1, 1).plusDays(random.nextInt(365))
							: null;
					rows.add(id[k])
						.add(village[k])
						.add(JOB_KINDS[DemoNumbers.pick(random, JOB_KIND_WEIGHTS)])
						.add(started);
					rows.add((ended != null && ended.isBefore(this.world.today)) ? ended : null)
						.add((500 + 50L * random.nextInt(11)) * 100)
						.endRow();
				}
				if (publicWelfareJobs[k] == 0 && random.nextInt(100) == 0) {
					rows.add(id[k]).add(village[k]).add(JOB_KINDS[DemoNumbers.pick(random, JOB_KIND_WEIGHTS)]);
					rows.add(LocalDate.of(2020, 1, 1).plusDays(random.nextInt(700)))
						.add(LocalDate.of(2022, 1, 1).plusDays(random.nextInt(365)))
						.add((500 + 50L * random.nextInt(11)) * 100)
						.endRow();
				}
			}
		}
		try (CopyWriter rows = new CopyWriter(connection, "relocation_support",
				"household_id, village_id, year, kind, amount_fen")) {
			for (int k = 0; k < n; k++) {
				if (community[k] == 0 || random.nextInt(100) >= 85) {
					continue;
				}
				boolean job = random.nextInt(100) < 60;
				boolean industry = random.nextInt(100) < 35;
				boolean service = random.nextInt(100) < 50 || !(job || industry);
				boolean training = random.nextInt(100) < 20;
				if (job) {
					support(rows, id[k], village[k], "JOB",
							(random.nextInt(2) == 0) ? (500 + 100L * random.nextInt(16)) * 100 : null);
				}
				if (industry) {
					support(rows, id[k], village[k], "INDUSTRY", (1_000 + 500L * random.nextInt(9)) * 100);
				}
				if (service) {
					support(rows, id[k], village[k], "SERVICE", null);
				}
				if (training) {
					support(rows, id[k], village[k], "TRAINING",
							(random.nextInt(2) == 0) ? (300 + 100L * random.nextInt(8)) * 100 : null);
				}
			}
		}
	}

	private static void support(CopyWriter rows, long household, long village, String kind, @Nullable Long amountFen)
			throws SQLException {
		rows.add(household).add(village).add(2023).add(kind).add(amountFen).endRow();
	}

	/**
	 * Microcredit issued from 2016 to 2023, exactly the report's sum, in thousands of
	 * yuan from 10,000 to 50,000; repaid by their due day but a few, as seen today.
	 */
	void writeMicrocredit(Connection connection, int copy, long[] id, long[] village) throws SQLException {
		SplittableRandom random = this.world.random("microcredit", copy);
		int count = DemoFigures.MICROCREDIT_LOANS_TO_2023;
		int[] thousands = new int[count];
		java.util.Arrays.fill(thousands, 50);
		long surplus = 50L * count - DemoFigures.MICROCREDIT_FEN_TO_2023 / 100_000;
		while (surplus > 0) {
			int i = random.nextInt(count);
			if (thousands[i] > 10) {
				thousands[i]--;
				surplus--;
			}
		}
		List<Object[]> repayments = new ArrayList<>();
		try (CopyWriter rows = new CopyWriter(connection, "microcredit_loan",
				"id, household_id, village_id, amount_fen, term_months, issued_on, due_on, repaid_fen, repaid_on")) {
			for (int i = 0; i < count; i++) {
				long loan = this.world.ids.next("microcredit_loan");
				int k = random.nextInt(id.length);
				long amount = thousands[i] * 100_000L;
				int year = 2016 + DemoNumbers.pick(random, LOAN_YEAR_WEIGHTS);
				LocalDate issued = LocalDate.of(year, 1, 1).plusDays(random.nextInt(365));
				int term = new int[] { 36, 24, 12 }[DemoNumbers.pick(random, new int[] { 60, 25, 15 })];
				LocalDate due = issued.plusMonths(term);
				long repaid = 0;
				LocalDate repaidOn = null;
				int fate = random.nextInt(1000);
				if (due.isBefore(this.world.today)) {
					if (fate < 985) {
						repaid = amount;
						repaidOn = due.minusDays(random.nextInt(90));
					}
					else if (fate < 993) {
						repaid = amount / 2;
						repaidOn = due.minusDays(random.nextInt(90));
					}
				}
				else if (fate < 200) {
					long room = Math.max(1, this.world.today.toEpochDay() - issued.toEpochDay() - 180);
					repaid = amount;
					repaidOn = DemoNumbers.min(issued.plusDays(180 + random.nextLong(room)),
							this.world.today.minusDays(1));
				}
				if (repaidOn != null) {
					repaidOn = DemoNumbers.max(repaidOn, issued);
					repayments.add(new Object[] { loan, id[k], village[k], repaid, repaidOn });
				}
				rows.add(loan)
					.add(id[k])
					.add(village[k])
					.add(amount)
					.add(term)
					.add(issued)
					.add(due)
					.add(repaid)
					.add(repaidOn)
					.endRow();
			}
		}
		try (CopyWriter rows = new CopyWriter(connection, "microcredit_repayment",
				"loan_id, household_id, village_id, amount_fen, repaid_on")) {
			for (Object[] repayment : repayments) {
				for (Object value : repayment) {
					rows.add(value);
				}
				rows.endRow();
			}
		}
	}

}
