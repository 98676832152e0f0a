package cn.ankang.bangfu.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import cn.ankang.bangfu.demo.DemoWorld.VillageInfo;

/**
 * Writes this year's linkage projects as far as their dated steps have brought them by
 * today, with their steps, the documents that allocated their funds, and their monthly
 * payments.
 */
final class ThisYearsProjectGenerator {

	private final DemoWorld world;

	private final ProjectGenerator projects;

	ThisYearsProjectGenerator(DemoWorld world, ProjectGenerator projects) {
		this.world = world;
		this.projects = projects;
	}

	/**
	 * This year's linkage projects, as far as they have come by today: entered in the
	 * pipeline last autumn, approved in spring with their funds allocated by documents,
	 * carried out with payments month by month, and (those begun early) completed,
	 * accepted and handed over. Only when the demo is loaded after the report's years:
	 * the years the report and its pipeline speak of keep their projects as they were.
	 */
	void writeThisYearsProjects(Connection connection) throws SQLException {
		int year = this.world.today.getYear();
		if (year <= ProjectGenerator.PIPELINE_YEAR) {
			return;
		}
		String[] statuses = { "PIPELINE", "APPROVED", "IN_PROGRESS", "COMPLETED", "ACCEPTED", "ASSETS_HANDED_OVER" };
		// one COPY at a time per connection: the steps, allocations and payments wait in
		// lists until the projects are written
		List<Object[]> steps = new ArrayList<>();
		List<Object[]> allocations = new ArrayList<>();
		List<Object[]> payments = new ArrayList<>();
		try (CopyWriter projects = new CopyWriter(connection, "project",
				"id, name, category, industry, year, status, county_id, town_id, village_id, implementing_unit_id, "
						+ "beneficiary_households, beneficiary_people, planned_fen")) {
			for (int copy = 0; copy < this.world.scale; copy++) {
				SplittableRandom random = this.world.random("thisYear", copy);
				List<VillageInfo> all = this.world.villagesOf(copy, true);
				all.addAll(this.world.villagesOf(copy, false));
				long[] amounts = DemoNumbers.split(DemoFigures.LINKAGE_FEN_2023, DemoFigures.LINKAGE_PROJECTS_2023,
						random);
				for (long amount : amounts) {
					ProjectInfo project = this.projects.project(random, DemoNumbers.pickFrom(all, random), year,
							"PIPELINE", random.nextInt(100) < 40, amount, ProjectInfo.LINKAGE, null);
					// the days of its steps; those after today have not come yet
					LocalDate[] days = new LocalDate[statuses.length];
					days[0] = LocalDate.of(year - 1, 10, 15).plusDays(random.nextInt(60));
					days[1] = LocalDate.of(year, 2, 1).plusDays(random.nextInt(45));
					days[2] = days[1].plusDays(10 + random.nextInt(30));
					days[3] = days[2].plusDays(120 + random.nextInt(120));
					days[4] = days[3].plusDays(15 + random.nextInt(30));
					days[5] = days[4].plusDays(10 + random.nextInt(20));
					int reached = 0;
					for (int k = 0; k < days.length; k++) {
						if (!days[k].isAfter(this.world.today)) {
							reached = k;
							steps.add(new Object[] { project.id, (k == 0) ? null : statuses[k - 1], statuses[k],
									days[k], (k == 1 || k >= 4) ? "安政发〔%d〕%d号".formatted(year, 1 + random.nextInt(300))
											: null });
						}
					}
					projects.add(project.id)
						.add(project.name)
						.add(project.category)
						.add(project.industry)
						.add(year)
						.add(statuses[reached])
						.add(project.village.countyIndex + 1)
						.add(project.townId)
						.add(project.village.id)
						.add(null)
						.add(project.households)
						.add(project.households * 3 + project.households / 4)
						.add(amount)
						.endRow();
					if (reached >= 1) {
						// allocated on approval; spent month by month from the start of
						// the
						// work, all of it by acceptance
						String[] sources = (amount < 300_000) ? new String[] { "CENTRAL_LINKAGE" }
								: new String[] { "CENTRAL_LINKAGE", "PROVINCIAL_LINKAGE", "COUNTY_LINKAGE" };
						long[] parts = (sources.length == 1) ? new long[] { amount }
								: DemoNumbers.split(amount, 3, random);
						for (int k = 0; k < sources.length; k++) {
							allocations.add(new Object[] { project.id, sources[k], parts[k],
									"安财农〔%d〕%d号".formatted(year, 1 + random.nextInt(200)), days[1] });
							if (reached >= 2) {
								payments.addAll(monthlyPayments(project.id, sources[k], parts[k], days[2],
										(reached >= 4) ? days[4] : days[3]));
							}
						}
					}
				}
			}
		}
		try (CopyWriter rows = new CopyWriter(connection, "project_step",
				"project_id, from_status, to_status, occurred_on, document_number, actor_name, actor_role")) {
			for (Object[] step : steps) {
				rows.add(step[0])
					.add(step[1])
					.add(step[2])
					.add(step[3])
					.add(step[4])
					.add("演示数据")
					.add("COUNTY_OFFICER")
					.endRow();
			}
		}
		try (CopyWriter rows = new CopyWriter(connection, "fund_allocation",
				"project_id, source, planned_fen, spent_fen, document_number, allocated_on")) {
			for (Object[] allocation : allocations) {
				rows.add(allocation[0])
					.add(allocation[1])
					.add(allocation[2])
					.add(0)
					.add(allocation[3])
					.add(allocation[4])
					.endRow();
			}
		}
		try (CopyWriter rows = new CopyWriter(connection, "project_spending",
				"project_id, source, amount_fen, spent_on, voucher_number")) {
			for (Object[] payment : payments) {
				rows.add(payment[0]).add(payment[1]).add(payment[2]).add(payment[3]).add(payment[4]).endRow();
			}
		}
	}

	/**
	 * An allocation spent month by month from the start of the work (on the 25th), up to
	 * today: in proportion to the time gone until {@code paidUp}, all of it by then.
	 */
	private List<Object[]> monthlyPayments(long project, String source, long allocated, LocalDate start,
			LocalDate paidUp) {
		List<Object[]> payments = new ArrayList<>();
		long days = Math.max(1, paidUp.toEpochDay() - start.toEpochDay());
		long paid = 0;
		int n = 0;
		for (LocalDate on = start.withDayOfMonth(25).plusMonths(1); !on.isAfter(this.world.today); on = on
			.plusMonths(1)) {
			boolean last = !on.isBefore(paidUp);
			long due = last ? allocated
					: allocated / 100 * Math.min(100, (on.toEpochDay() - start.toEpochDay()) * 100 / days);
			if (due > paid) {
				payments.add(new Object[] { project, source, due - paid, on,
						"记%d-%s-%d".formatted(project, source.substring(0, 2), ++n) });
				paid = due;
			}
			if (last) {
				break;
			}
		}
		return payments;
	}

}
