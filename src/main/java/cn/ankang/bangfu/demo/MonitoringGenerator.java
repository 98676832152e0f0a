package cn.ankang.bangfu.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.demo.DemoWorld.VillageInfo;
import cn.ankang.bangfu.demo.Households.Person;
import cn.ankang.bangfu.demo.MonitoringSteps.Step;

/**
 * Writes the monitoring workflow: each household's cases with their steps, departments'
 * risk warnings (matched and not), and the open tasks of the cases in progress.
 */
final class MonitoringGenerator {

	private static final String[] WARNING_RISKS = { "ILLNESS", "DISABILITY", "SCHOOLING_COSTS", "DISASTER",
			"UNSTABLE_EMPLOYMENT", "OTHER" };

	private final DemoWorld world;

	private final MonitoringSteps caseSteps;

	// the case steps written so far: their ids come in that order
	private long stepsWritten;

	MonitoringGenerator(DemoWorld world) {
		this.world = world;
		this.caseSteps = new MonitoringSteps(world);
	}

	/**
	 * Every household's monitoring case with the steps that brought it where it stands,
	 * consistent with the household's status and dates (and so with the report's
	 * figures); some cases in each state of the workflow, with their open tasks, and
	 * departments' warnings, matched and not. The demo first secretary's village (the
	 * first of 汉滨区 with one in post) gets one of each kind of task.
	 */
	void writeMonitoring(Connection connection, Households h) throws SQLException {
		int n = h.id.length;
		int[] own = new int[n];
		int[] relapse = new int[n];
		VillageInfo showcase = showcaseVillage();
		// own and second cases' plans share numbers: one flag per forced kind
		boolean[] forced = new boolean[4];
		for (int i = 0; i < n; i++) {
			SplittableRandom random = this.world.random("monitoring", h.id[i]);
			boolean eliminated = h.eliminatedOn[i] != null;
			int roll = random.nextInt(1000);
			if (eliminated) {
				own[i] = MonitoringSteps.ELIMINATED;
				relapse[i] = (roll < 8) ? MonitoringSteps.RELAPSE_IDENTIFIED
						: (roll < 13) ? MonitoringSteps.RELAPSE_VERIFIED
								: (roll < 16) ? MonitoringSteps.RELAPSE_REVIEWED
										: (roll < 20) ? MonitoringSteps.RELAPSE_DISMISSED : 0;
			}
			else {
				own[i] = (roll < 30) ? MonitoringSteps.PROPOSED
						: (roll < 50) ? MonitoringSteps.ELIMINATION_VERIFIED
								: (roll < 65) ? MonitoringSteps.ELIMINATION_REVIEWED
										: (roll < 75) ? MonitoringSteps.WARNING_TO_VERIFY : MonitoringSteps.MONITORING;
			}
			if (h.village[i] == showcase) {
				// one task of each kind where the demo first secretary works
				if (eliminated && !forced[0]) {
					relapse[i] = MonitoringSteps.RELAPSE_REJECTED;
					forced[0] = true;
				}
				else if (eliminated && !forced[1]) {
					relapse[i] = MonitoringSteps.RELAPSE_VERIFIED;
					forced[1] = true;
				}
				else if (!eliminated && !forced[2]) {
					own[i] = MonitoringSteps.PROPOSED;
					forced[2] = true;
				}
				else if (!eliminated && !forced[3]) {
					own[i] = MonitoringSteps.WARNING_TO_VERIFY;
					forced[3] = true;
				}
			}
		}
		// cases: each household's own first (key i + 1), then the second ones in
		// household order
		long[] relapseCase = new long[n];
		long[] ownCase = new long[n];
		try (CopyWriter rows = new CopyWriter(connection, "monitoring_case",
				"id, household_id, village_id, state, source, risk_types, identified_on, included_on, eliminated_on, "
						+ "version, state_since")) {
			for (int i = 0; i < n; i++) {
				ownCase[i] = this.world.ids.next("monitoring_case");
				List<Step> steps = this.caseSteps.ownSteps(h, i, own[i]);
				Step last = steps.get(steps.size() - 1);
				rows.add(ownCase[i])
					.add(h.id[i])
					.add(h.village[i].id)
					.add(last.to())
					.add(MonitoringSteps.SOURCES[this.world.random("monitoring-source", h.id[i])
						.nextInt(MonitoringSteps.SOURCES.length)])
					.add(Households.riskTypes(this.world.random("household", h.id[i])))
					.add(steps.get(0).on())
					.add(h.identifiedOn[i])
					.add(h.eliminatedOn[i])
					.add(steps.size())
					.add(last.on().atTime(10, 0).atOffset(DemoWorld.CHINA))
					.endRow();
			}
			for (int i = 0; i < n; i++) {
				if (relapse[i] == 0) {
					continue;
				}
				relapseCase[i] = this.world.ids.next("monitoring_case");
				List<Step> steps = this.caseSteps.relapseSteps(h, i, relapse[i]);
				Step last = steps.get(steps.size() - 1);
				rows.add(relapseCase[i])
					.add(h.id[i])
					.add(h.village[i].id)
					.add(last.to())
					.add(this.caseSteps.relapseSource(h, i, relapse[i]))
					.add("{" + WARNING_RISKS[this.caseSteps.relapseKind(h, i)] + "}")
					.add(steps.get(0).on())
					.add(null)
					.add(null)
					.add(steps.size())
					.add(last.on().atTime(10, 0).atOffset(DemoWorld.CHINA))
					.endRow();
			}
		}
		try (CopyWriter rows = new CopyWriter(connection, "case_step",
				"id, case_id, action, from_state, to_state, occurred_on, recorded_at, actor_name, actor_role, reason, "
						+ "notice_from, notice_to")) {
			for (int i = 0; i < n; i++) {
				writeSteps(rows, ownCase[i], this.caseSteps.ownSteps(h, i, own[i]),
						this.world.random("own-steps", h.id[i]));
				if (relapse[i] != 0) {
					writeSteps(rows, relapseCase[i], this.caseSteps.relapseSteps(h, i, relapse[i]),
							this.world.random("relapse-steps", h.id[i]));
				}
			}
		}
		// warnings: behind each second case found by a department, behind each warning
		// still to verify, and some no household was found for
		List<Object[]> tasks = new ArrayList<>();
		long[] warningOf = new long[n];
		try (CopyWriter rows = new CopyWriter(connection, "risk_warning",
				"id, source, id_number, person_name, kind, amount_fen, detail, occurred_on, received_at, status, "
						+ "household_id, village_id, town_id, county_id, case_id")) {
			for (int i = 0; i < n; i++) {
				boolean fromWarning = relapse[i] != 0
						&& "DEPARTMENT_WARNING".equals(this.caseSteps.relapseSource(h, i, relapse[i]));
				if (!fromWarning && own[i] != MonitoringSteps.WARNING_TO_VERIFY) {
					continue;
				}
				int kind = this.caseSteps.relapseKind(h, i);
				LocalDate occurred = fromWarning
						? this.caseSteps.relapseSteps(h, i, relapse[i]).get(0).on().minusDays(9)
						: this.world.today.minusDays(3 + this.world.random("warning", h.id[i]).nextInt(12));
				Person head = h.person(i, 0);
				warningOf[i] = this.world.ids.next("risk_warning");
				rows.add(warningOf[i])
					.add(MonitoringSteps.DEPARTMENTS[kind])
					.add(head.idNumber())
					.add(head.name())
					.add(MonitoringSteps.WARNING_KINDS[kind])
					.add((kind == 0) ? (20_000 + this.world.random("warning-amount", h.id[i]).nextInt(60_000)) * 100L
							: null)
					.add((kind == 0) ? "年度个人自付医疗费用超过预警线" : "部门筛查数据比对预警")
					.add(occurred)
					.add(occurred.plusDays(2).atTime(9, 0).atOffset(DemoWorld.CHINA))
					.add("MATCHED")
					.add(h.id[i])
					.add(h.village[i].id)
					.add(h.village[i].townId)
					.add(DemoWorld.county(h.village[i]))
					.add(fromWarning ? relapseCase[i] : ownCase[i])
					.endRow();
			}
			for (int copy = 0; copy < this.world.scale; copy++) {
				SplittableRandom random = this.world.random("unmatched-warnings", copy);
				for (int w = 0; w < 30; w++) {
					VillageInfo village = this.world.villages.get(random.nextInt(this.world.villages.size()));
					int kind = random.nextInt(MonitoringSteps.WARNING_KINDS.length);
					long key = this.world.ids.next("risk_warning");
					LocalDate occurred = this.world.today.minusDays(2 + random.nextInt(20));
					rows.add(key)
						.add(MonitoringSteps.DEPARTMENTS[kind])
						.add(DemoNames.idNumber(key, LocalDate.of(1899, 1, 1).plusDays(random.nextInt(365))))
						.add(DemoNames.SURNAMES[random.nextInt(DemoNames.SURNAMES.length)] + "某W" + key)
						.add(MonitoringSteps.WARNING_KINDS[kind])
						.add(null)
						.add("户籍信息未能比对到监测户")
						.add(occurred)
						.add(occurred.plusDays(1).atTime(9, 0).atOffset(DemoWorld.CHINA))
						.add("UNMATCHED")
						.add(null)
						.add(null)
						.add(village.townId)
						.add(DemoWorld.county(village))
						.add(null)
						.endRow();
					tasks.add(new Object[] { "MATCH_WARNING", "TOWN_OFFICER", null, key, null, null, village.townId,
							DemoWorld.county(village), occurred.plusDays(1 + 5), null, occurred.plusDays(1) });
				}
			}
		}
		// the open tasks of the cases in progress
		for (int i = 0; i < n; i++) {
			addTask(tasks, h, i, ownCase[i], this.caseSteps.ownSteps(h, i, own[i]),
					(own[i] == MonitoringSteps.WARNING_TO_VERIFY) ? warningOf[i] : null,
					own[i] == MonitoringSteps.WARNING_TO_VERIFY);
			if (relapse[i] != 0) {
				addTask(tasks, h, i, relapseCase[i], this.caseSteps.relapseSteps(h, i, relapse[i]),
						(warningOf[i] != 0 && own[i] != MonitoringSteps.WARNING_TO_VERIFY) ? warningOf[i] : null,
						false);
			}
		}
		try (CopyWriter rows = new CopyWriter(connection, "task",
				"id, kind, assignee_role, case_id, warning_id, household_id, village_id, town_id, county_id, due_on, "
						+ "redo_reason, created_at")) {
			for (Object[] task : tasks) {
				rows.add(this.world.ids.next("task"));
				for (int f = 0; f < 10; f++) {
					rows.add(task[f]);
				}
				rows.add(((LocalDate) task[10]).atTime(10, 0).atOffset(DemoWorld.CHINA)).endRow();
			}
		}
	}

	private void addTask(List<Object[]> tasks, Households h, int i, long caseKey, List<Step> steps,
			@Nullable Long warning, boolean warningToVerify) {
		Step last = steps.get(steps.size() - 1);
		String kind;
		String role;
		int days;
		if (warningToVerify) {
			LocalDate received = this.world.today.minusDays(1 + this.world.random("warning", h.id[i]).nextInt(10));
			tasks.add(new Object[] { "VERIFY_WARNING", "CADRE", caseKey, warning, h.id[i], h.village[i].id,
					h.village[i].townId, DemoWorld.county(h.village[i]), received.plusDays(7), null, received });
			return;
		}
		switch (last.to()) {
			case "IDENTIFIED", "ELIMINATION_PROPOSED" -> {
				kind = "VERIFY_AT_HOME";
				role = "CADRE";
				days = 7;
			}
			case "VERIFIED_AT_HOME", "ELIMINATION_VERIFIED" -> {
				kind = "PUBLIC_REVIEW";
				role = "TOWN_OFFICER";
				days = 15;
			}
			case "PUBLICLY_REVIEWED", "ELIMINATION_REVIEWED" -> {
				kind = "COUNTY_CONFIRMATION";
				role = "COUNTY_OFFICER";
				days = 10;
			}
			default -> {
				return;
			}
		}
		tasks.add(new Object[] { kind, role, caseKey, warning, h.id[i], h.village[i].id, h.village[i].townId,
				DemoWorld.county(h.village[i]), last.on().plusDays(days),
				"REJECT".equals(last.action()) ? last.reason() : null, last.on() });
	}

	private void writeSteps(CopyWriter rows, long caseKey, List<Step> steps, SplittableRandom random)
			throws SQLException {
		for (Step step : steps) {
			rows.add(DemoNumbers.timeOrdered(this.stepsWritten++, DemoNumbers.uuid(random)))
				.add(caseKey)
				.add(step.action())
				.add(step.from())
				.add(step.to())
				.add(step.on())
				.add(step.on().atTime(16, 0).atOffset(DemoWorld.CHINA))
				.add(step.actor())
				.add(step.role())
				.add(step.reason())
				.add(step.noticeFrom())
				.add(step.noticeTo())
				.endRow();
		}
	}

	/**
	 * The first village of 汉滨区 by code with a first secretary in post: the demo
	 * account's. Codes follow the town, then the village's place in it, and towns and
	 * villages were numbered in that order.
	 */
	private @Nullable VillageInfo showcaseVillage() {
		return this.world.villages.stream()
			.filter((village) -> village.copy == 0 && village.countyIndex == 0)
			.filter((village) -> village.cadres.stream()
				.anyMatch((posting) -> posting.role().equals("FIRST_SECRETARY") && posting.endedOn() == null))
			.min(java.util.Comparator.comparingLong((VillageInfo village) -> village.townId)
				.thenComparingLong((village) -> village.id))
			.orElse(null);
	}

}
