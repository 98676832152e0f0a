package cn.ankang.bangfu.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import cn.ankang.bangfu.demo.DemoWorld.VillageInfo;

/**
 * Writes the 2023 rounds of concentrated supervision (集中督帮), what each covered, and the
 * problems they found.
 */
final class SupervisionGenerator {

	private static final String[] ROUND_NAMES = { "第一轮", "第二轮", "第三轮", "第四轮", "第五轮" };

	private static final LocalDate[] ROUND_STARTS = { LocalDate.of(2023, 3, 6), LocalDate.of(2023, 5, 8),
			LocalDate.of(2023, 7, 10), LocalDate.of(2023, 9, 11), LocalDate.of(2023, 11, 6) };

	/**
	 * Problems each round found, and those of them still open at the year's end: both
	 * illustrative (the report gives only the 301 rectified, which the differences add up
	 * to).
	 */
	private static final int[] ROUND_PROBLEMS = { 82, 76, 71, 63, 55 };

	private static final int[] ROUND_OPEN = { 3, 5, 8, 12, 18 };

	private static final String[] ZONES = { "高新区", "恒口示范区" };

	private static final String[] MUNICIPAL_DEPARTMENTS = { "市发展改革委", "市教育局", "市民政局", "市财政局", "市人力资源社会保障局", "市自然资源局",
			"市住房城乡建设局", "市交通运输局", "市水利局", "市农业农村局", "市商务局", "市文化和旅游局", "市卫生健康委", "市应急管理局", "市审计局", "市市场监管局", "市统计局",
			"市医保局", "市林业局", "市乡村振兴局", "市生态环境局", "市公安局", "市司法局", "市工业和信息化局", "市科技局", "市退役军人事务局", "市国资委", "市供销社", "市残联",
			"市妇联", "团市委", "市总工会", "市金融工作办", "市税务局", "市气象局" };

	private static final String[] PROBLEM_CATEGORIES = { "EDUCATION", "HEALTH", "HOUSING", "DRINKING_WATER",
			"MONITORING", "FUNDS_AND_PROJECTS", "ASSETS", "OTHER" };

	private static final int[] PROBLEM_WEIGHTS = { 8, 12, 14, 10, 22, 18, 10, 6 };

	private static final String[] PROBLEM_TEXT = { "个别脱贫户子女教育资助政策落实不到位", "部分监测户家庭医生签约服务履约不实", "个别农户住房安全等级鉴定资料不全",
			"部分农户安全饮水水质检测不及时", "防返贫监测对象识别纳入不及时、帮扶措施针对性不强", "衔接资金项目推进缓慢、支出进度滞后", "扶贫项目资产管护责任未落实", "驻村工作队在岗履职记录不完整" };

	private final DemoWorld world;

	SupervisionGenerator(DemoWorld world) {
		this.world = world;
	}

	/**
	 * Five rounds of concentrated supervision (集中督帮) in 2023 per copy of the city,
	 * covering together all ten counties, both functional zones, 94 towns, 171 villages
	 * and 35 municipal departments, and finding problems of which exactly 301 were closed
	 * in 2023 ({@link DemoFigures}). The rounds have no owner account (the data set is
	 * written before any account exists): the city's leaders review their problems.
	 */
	void writeSupervision(Connection connection) throws SQLException {
		List<Object[]> coverage = new ArrayList<>();
		List<Object[]> problems = new ArrayList<>();
		try (CopyWriter rounds = new CopyWriter(connection, "supervision_round",
				"id, city_id, year, name, organiser, started_on, ended_on")) {
			for (int copy = 0; copy < this.world.scale; copy++) {
				SplittableRandom random = this.world.random("supervision", copy);
				List<List<VillageInfo>> towns = supervisedTowns(copy, random);
				List<VillageInfo> villages = supervisedVillages(towns, random);
				int problemNumber = 0;
				for (int r = 0; r < ROUND_NAMES.length; r++) {
					long round = this.world.ids.next("supervision_round");
					LocalDate started = ROUND_STARTS[r];
					LocalDate ended = started.plusDays(11);
					rounds.add(round)
						.add(copy + 1)
						.add(2023)
						.add("2023年" + ROUND_NAMES[r] + "集中督帮")
						.add("市委农办、市乡村振兴局")
						.add(started)
						.add(ended)
						.endRow();
					// round r covers the counties 2r and 2r + 1 of the copy, their chosen
					// towns and villages, and seven departments; the last round goes back
					// to
					// a town, a zone and two departments seen before, which count once
					List<Long> counties = new ArrayList<>();
					List<VillageInfo> roundTowns = new ArrayList<>();
					List<VillageInfo> roundVillages = new ArrayList<>();
					for (int c = 2 * r; c <= 2 * r + 1; c++) {
						long county = copy * AreaGenerator.COUNTIES.length + c + 1;
						counties.add(county);
						coverage.add(new Object[] { round, county, null, null, null, null });
						for (VillageInfo town : towns.get(c)) {
							roundTowns.add(town);
						}
					}
					if (r == ROUND_NAMES.length - 1) {
						roundTowns.add(towns.get(0).get(0));
					}
					for (VillageInfo town : roundTowns) {
						coverage.add(new Object[] { round, DemoWorld.county(town), town.townId, null, null, null });
					}
					for (VillageInfo village : villages) {
						if (village.countyIndex - copy * AreaGenerator.COUNTIES.length >= 2 * r
								&& village.countyIndex - copy * AreaGenerator.COUNTIES.length <= 2 * r + 1) {
							roundVillages.add(village);
							coverage.add(new Object[] { round, DemoWorld.county(village), village.townId, village.id,
									null, null });
						}
					}
					List<String> departments = new ArrayList<>();
					for (int d = 7 * r; d < 7 * r + 7; d++) {
						departments.add(MUNICIPAL_DEPARTMENTS[d]);
					}
					if (r == 0 || r == 2) {
						coverage.add(new Object[] { round, null, null, null, ZONES[r / 2], null });
					}
					if (r == ROUND_NAMES.length - 1) {
						coverage.add(new Object[] { round, null, null, null, ZONES[0], null });
						departments.add(MUNICIPAL_DEPARTMENTS[0]);
						departments.add(MUNICIPAL_DEPARTMENTS[1]);
					}
					for (String department : departments) {
						coverage.add(new Object[] { round, null, null, null, null, department });
					}
					for (int i = 0; i < ROUND_PROBLEMS[r]; i++) {
						boolean open = i >= ROUND_PROBLEMS[r] - ROUND_OPEN[r];
						problems.add(problem(random, round, started, ended, counties, roundTowns, roundVillages,
								departments, open, problemNumber++));
					}
				}
			}
		}
		try (CopyWriter rows = new CopyWriter(connection, "supervision_coverage",
				"id, round_id, county_id, town_id, village_id, zone, department")) {
			for (Object[] row : coverage) {
				rows.add(this.world.ids.next("supervision_coverage"));
				for (Object value : row) {
					rows.add(value);
				}
				rows.endRow();
			}
		}
		try (CopyWriter rows = new CopyWriter(connection, "supervision_problem",
				"id, round_id, county_id, town_id, village_id, department, category, description, responsible, "
						+ "found_on, deadline, status, evidence, rectified_on, closed_on, returned_reason")) {
			for (Object[] row : problems) {
				rows.add(this.world.ids.next("supervision_problem"));
				for (Object value : row) {
					rows.add(value);
				}
				rows.endRow();
			}
		}
	}

	/**
	 * The 94 towns the year's rounds cover, per county of the copy (each given by its
	 * first village): every county's first town, then towns drawn from the others.
	 */
	private List<List<VillageInfo>> supervisedTowns(int copy, SplittableRandom random) {
		List<List<VillageInfo>> byCounty = new ArrayList<>();
		List<VillageInfo> others = new ArrayList<>();
		java.util.Set<Long> seen = new java.util.HashSet<>();
		for (int c = 0; c < AreaGenerator.COUNTIES.length; c++) {
			byCounty.add(new ArrayList<>());
		}
		for (VillageInfo village : this.world.villages) {
			if (village.copy != copy || !seen.add(village.townId)) {
				continue;
			}
			List<VillageInfo> county = byCounty.get(village.countyIndex - copy * AreaGenerator.COUNTIES.length);
			if (county.isEmpty()) {
				county.add(village);
			}
			else {
				others.add(village);
			}
		}
		DemoNumbers.shuffle(others, random);
		for (VillageInfo town : others.subList(0, DemoFigures.SUPERVISED_TOWNS_2023 - AreaGenerator.COUNTIES.length)) {
			byCounty.get(town.countyIndex - copy * AreaGenerator.COUNTIES.length).add(town);
		}
		return byCounty;
	}

	/** The 171 villages the year's rounds cover, drawn from the towns they cover. */
	private List<VillageInfo> supervisedVillages(List<List<VillageInfo>> towns, SplittableRandom random) {
		java.util.Set<Long> covered = new java.util.HashSet<>();
		towns.forEach((county) -> county.forEach((town) -> covered.add(town.townId)));
		List<VillageInfo> candidates = new ArrayList<>();
		for (VillageInfo village : this.world.villages) {
			if (covered.contains(village.townId)) {
				candidates.add(village);
			}
		}
		DemoNumbers.shuffle(candidates, random);
		List<VillageInfo> chosen = new ArrayList<>(candidates.subList(0, DemoFigures.SUPERVISED_VILLAGES_2023));
		chosen.sort(java.util.Comparator.comparingLong((village) -> village.id));
		return chosen;
	}

	/**
	 * A problem a round found: in one of its villages mostly, else one of its towns, else
	 * a county with a department. Closed in 2023 unless {@code open}; an open one waits
	 * for its rectification, for the review of it, or was sent back.
	 */
	private static Object[] problem(SplittableRandom random, long round, LocalDate started, LocalDate ended,
			List<Long> counties, List<VillageInfo> towns, List<VillageInfo> villages, List<String> departments,
			boolean open, int number) {
		int where = random.nextInt(10);
		Long county;
		Long town = null;
		Long village = null;
		String department = null;
		String responsible;
		if (where < 7 && !villages.isEmpty()) {
			VillageInfo place = DemoNumbers.pickFrom(villages, random);
			county = DemoWorld.county(place);
			town = place.townId;
			village = place.id;
			responsible = "村党支部、驻村工作队";
		}
		else if (where < 9) {
			VillageInfo place = DemoNumbers.pickFrom(towns, random);
			county = DemoWorld.county(place);
			town = place.townId;
			responsible = "镇党委、镇政府";
		}
		else {
			county = DemoNumbers.pickFrom(counties, random);
			department = DemoNumbers.pickFrom(departments, random);
			responsible = department;
		}
		int category = DemoNumbers.pick(random, PROBLEM_WEIGHTS);
		LocalDate found = started.plusDays(random.nextInt((int) (ended.toEpochDay() - started.toEpochDay()) + 1));
		LocalDate deadline = DemoNumbers.min(found.plusDays(20 + random.nextInt(41)), DemoWorld.REPORT_YEAR_END);
		String status = "CLOSED";
		String evidence = null;
		LocalDate rectified = null;
		LocalDate closed = null;
		String reason = null;
		if (!open) {
			rectified = DemoNumbers.min(found
				.plusDays(5 + random.nextInt(Math.max(1, (int) (deadline.toEpochDay() - found.toEpochDay() - 4)))
						+ ((random.nextInt(10) == 0) ? 7 : 0)),
					DemoWorld.REPORT_YEAR_END);
			closed = DemoNumbers.min(rectified.plusDays(1 + random.nextInt(10)), DemoWorld.REPORT_YEAR_END);
			evidence = "已完成整改，整改台账及佐证材料已归档（编号ZG" + number + "）";
		}
		else {
			status = switch (number % 3) {
				case 0 -> "FOUND";
				case 1 -> "RECTIFIED";
				default -> "SENT_BACK";
			};
			if (!status.equals("FOUND")) {
				rectified = DemoNumbers.min(found.plusDays(10 + random.nextInt(20)), DemoWorld.REPORT_YEAR_END);
				evidence = "已提交整改报告及照片（编号ZG" + number + "）";
			}
			if (status.equals("SENT_BACK")) {
				reason = "佐证材料不充分，请补充入户核实记录";
			}
		}
		return new Object[] { round, county, town, village, department, PROBLEM_CATEGORIES[category],
				PROBLEM_TEXT[category], responsible, found, deadline, status, evidence, rectified, closed, reason };
	}

}
