package cn.ankang.bangfu.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import cn.ankang.bangfu.demo.DemoWorld.VillageInfo;
import cn.ankang.bangfu.demo.ProjectInfo.Allocation;

/**
 * Writes the projects of the report's years with their fund allocations and payments: the
 * 2023 linkage, designated-assistance and east–west collaboration projects, the 2024
 * pipeline, and the 2023 village construction projects on sector departments' money.
 */
final class ProjectGenerator {

	/** The year of the pipeline the report speaks of. */
	static final int PIPELINE_YEAR = 2024;

	static final String[] INDUSTRIES = { "TEA", "KONJAC", "PIGS", "ECO_FISHERY", "HERBAL_MEDICINE", "COMMUNITY_FACTORY",
			"OTHER" };

	static final String[] INDUSTRY_NAMES = { "茶园提升", "魔芋种植基地", "生猪养殖场", "生态渔业", "黄连中药材基地", "社区工厂", "特色产业" };

	private static final String[] OTHER_CATEGORIES = { "EMPLOYMENT", "INFRASTRUCTURE", "PUBLIC_SERVICE", "HOUSING",
			"EDUCATION", "HEALTH" };

	private static final String[] OTHER_CATEGORY_NAMES = { "就业帮扶车间", "产业路硬化", "村级综合服务设施", "农房改造", "村小学改善", "村卫生室建设" };

	private static final String[] VILLAGE_CONSTRUCTION_STATUSES = { "IN_PROGRESS", "COMPLETED", "ACCEPTED",
			"ASSETS_HANDED_OVER" };

	private static final String[] VILLAGE_CONSTRUCTION_NAMES = { "通组道路硬化", "农村供水保障", "人居环境整治", "村内路灯安装", "村级广场建设",
			"农村厕所改造", "污水管网建设" };

	private final DemoWorld world;

	ProjectGenerator(DemoWorld world) {
		this.world = world;
	}

	void writeProjects(Connection connection) throws SQLException {
		List<ProjectInfo> projects = new ArrayList<>();
		for (int copy = 0; copy < this.world.scale; copy++) {
			SplittableRandom random = this.world.random("projects", copy);
			List<VillageInfo> keyCountyVillages = new ArrayList<>();
			List<VillageInfo> otherVillages = new ArrayList<>();
			List<VillageInfo> all = new ArrayList<>();
			for (VillageInfo village : this.world.villages) {
				if (village.copy == copy) {
					(village.keyCounty ? keyCountyVillages : otherVillages).add(village);
					all.add(village);
				}
			}
			// 2023 linkage funds: 1,432 projects and 1,542 million yuan in the five key
			// counties, 665 projects
			// and 936 million elsewhere; 865 of the 2,097 are industry projects
			List<Boolean> industry = DemoNumbers.flags(DemoFigures.LINKAGE_PROJECTS_2023,
					DemoFigures.INDUSTRY_PROJECTS_2023, random);
			long[] keyAmounts = DemoNumbers.split(DemoFigures.LINKAGE_FEN_KEY_COUNTIES_2023,
					DemoFigures.LINKAGE_PROJECTS_KEY_COUNTIES_2023, random);
			long[] otherAmounts = DemoNumbers.split(
					DemoFigures.LINKAGE_FEN_2023 - DemoFigures.LINKAGE_FEN_KEY_COUNTIES_2023,
					DemoFigures.LINKAGE_PROJECTS_2023 - DemoFigures.LINKAGE_PROJECTS_KEY_COUNTIES_2023, random);
			int firstLinkage = projects.size();
			for (int i = 0; i < DemoFigures.LINKAGE_PROJECTS_2023; i++) {
				boolean inKeyCounty = i < DemoFigures.LINKAGE_PROJECTS_KEY_COUNTIES_2023;
				long amount = inKeyCounty ? keyAmounts[i]
						: otherAmounts[i - DemoFigures.LINKAGE_PROJECTS_KEY_COUNTIES_2023];
				VillageInfo village = DemoNumbers.pickFrom(inKeyCounty ? keyCountyVillages : otherVillages, random);
				String status = (random.nextInt(100) < 70) ? "COMPLETED"
						: (random.nextInt(100) < 60) ? "ASSETS_HANDED_OVER" : "IN_PROGRESS";
				projects
					.add(project(random, village, 2023, status, industry.get(i), amount, ProjectInfo.LINKAGE, null));
			}
			keyAreasTakeTheirShare(projects.subList(firstLinkage, projects.size()));
			// designated assistance: 1,144 projects, 290 million yuan, carried out by
			// paired units
			long[] designated = DemoNumbers.split(DemoFigures.DESIGNATED_FEN_2023, DemoFigures.DESIGNATED_PROJECTS_2023,
					random);
			List<VillageInfo> paired = new ArrayList<>();
			for (VillageInfo village : all) {
				if (!village.units.isEmpty()) {
					paired.add(village);
				}
			}
			for (int i = 0; i < designated.length; i++) {
				VillageInfo village = DemoNumbers.pickFrom(paired, random);
				long unit = village.units.get(random.nextInt(village.units.size()));
				projects.add(project(random, village, 2023, "COMPLETED", random.nextInt(100) < 45, designated[i],
						ProjectInfo.DESIGNATED, unit));
			}
			// Jiangsu–Shaanxi collaboration: 787 million yuan (the project count, 330, is
			// illustrative)
			long[] eastWest = DemoNumbers.split(DemoFigures.EAST_WEST_FEN_2023, DemoFigures.EAST_WEST_PROJECTS_2023,
					random);
			for (long amount : eastWest) {
				projects.add(project(random, DemoNumbers.pickFrom(all, random), 2023, "COMPLETED",
						random.nextInt(100) < 60, amount, ProjectInfo.EAST_WEST, null));
			}
			// the 2024 pipeline: 3,473 projects, 5,373 million yuan planned
			long[] pipeline = DemoNumbers.split(DemoFigures.PIPELINE_FEN_2024, DemoFigures.PIPELINE_PROJECTS_2024,
					random);
			for (long amount : pipeline) {
				projects.add(project(random, DemoNumbers.pickFrom(all, random), PIPELINE_YEAR, "PIPELINE",
						random.nextInt(100) < 40, amount, ProjectInfo.LINKAGE, null));
			}
		}
		writeProjectRows(connection, projects);
	}

	/**
	 * The report's 2,596 village construction projects of 2023, with some more only
	 * approved that year, on sector departments' money: the linkage totals stay as they
	 * were. Written last, from a stream of their own.
	 */
	void writeVillageConstruction(Connection connection) throws SQLException {
		List<ProjectInfo> projects = new ArrayList<>();
		for (int copy = 0; copy < this.world.scale; copy++) {
			SplittableRandom random = this.world.random("villageConstruction", copy);
			List<VillageInfo> all = new ArrayList<>();
			for (VillageInfo village : this.world.villages) {
				if (village.copy == copy) {
					all.add(village);
				}
			}
			int approvedOnly = DemoFigures.VILLAGE_CONSTRUCTION_PROJECTS_2023 / 12;
			for (int i = 0; i < DemoFigures.VILLAGE_CONSTRUCTION_PROJECTS_2023 + approvedOnly; i++) {
				String status = (i >= DemoFigures.VILLAGE_CONSTRUCTION_PROJECTS_2023) ? "APPROVED"
						: VILLAGE_CONSTRUCTION_STATUSES[DemoNumbers.pick(random, new int[] { 15, 45, 25, 15 })];
				int kind = random.nextInt(VILLAGE_CONSTRUCTION_NAMES.length);
				VillageInfo village = DemoNumbers.pickFrom(all, random);
				long id = this.world.ids.next("project");
				// 50,000 to 800,000 yuan, in whole hundreds
				long amount = (500L + random.nextInt(7_501)) * 10_000;
				projects.add(new ProjectInfo(id, "2023年" + VILLAGE_CONSTRUCTION_NAMES[kind] + "项目（示例）" + id,
						"VILLAGE_CONSTRUCTION", null, 2023, status, village, village.townId, null, amount,
						ProjectInfo.SECTOR, 20 + random.nextInt(200)));
			}
		}
		writeProjectRows(connection, projects);
	}

	/** Writes projects with their allocations and the payments that spent them. */
	private void writeProjectRows(Connection connection, List<ProjectInfo> projects) throws SQLException {
		try (CopyWriter rows = new CopyWriter(connection, "project",
				"id, name, category, industry, year, status, county_id, town_id, village_id, implementing_unit_id, "
						+ "beneficiary_households, beneficiary_people, planned_fen")) {
			for (ProjectInfo project : projects) {
				rows.add(project.id)
					.add(project.name)
					.add(project.category)
					.add(project.industry)
					.add(project.year)
					.add(project.status)
					.add(project.village.countyIndex + 1)
					.add(project.townId)
					.add(project.village.id)
					.add(project.unitId)
					.add(project.households)
					.add(project.households * 3 + project.households / 4)
					.add(project.amountFen)
					.endRow();
			}
		}
		// allocations start with nothing spent: the spending records below add up what
		// was, and the database keeps the sum (V21)
		List<Object[]> spending = new ArrayList<>();
		try (CopyWriter rows = new CopyWriter(connection, "fund_allocation",
				"project_id, source, planned_fen, spent_fen")) {
			for (ProjectInfo project : projects) {
				SplittableRandom random = this.world.random("allocations", project.id);
				for (Allocation allocation : project.allocations(random)) {
					rows.add(project.id).add(allocation.source()).add(allocation.planned()).add(0).endRow();
					if (allocation.spent() > 0) {
						spending.addAll(payments(project, allocation, random));
					}
				}
			}
		}
		try (CopyWriter rows = new CopyWriter(connection, "project_spending",
				"project_id, source, amount_fen, spent_on, voucher_number")) {
			for (Object[] payment : spending) {
				rows.add(payment[0]).add(payment[1]).add(payment[2]).add(payment[3]).add(payment[4]).endRow();
			}
		}
	}

	/**
	 * The report's 362 million yuan of linkage funds in key towns and villages: money
	 * moves between the projects there and the others of their group (in key counties or
	 * not), in proportion to their amounts, so that every other total stays as it was. No
	 * random numbers are drawn: the streams of later tables are untouched.
	 */
	private void keyAreasTakeTheirShare(List<ProjectInfo> linkage) {
		java.math.BigInteger target = java.math.BigInteger.valueOf(DemoFigures.LINKAGE_FEN_KEY_AREAS_2023);
		List<List<ProjectInfo>> inKeyAreas = List.of(new ArrayList<>(), new ArrayList<>());
		List<List<ProjectInfo>> elsewhere = List.of(new ArrayList<>(), new ArrayList<>());
		java.math.BigInteger keyAreaSum = java.math.BigInteger.ZERO;
		for (ProjectInfo project : linkage) {
			int group = project.village.keyCounty ? 0 : 1;
			if (project.village.key || this.world.keyTowns.contains(project.townId)) {
				inKeyAreas.get(group).add(project);
				keyAreaSum = keyAreaSum.add(java.math.BigInteger.valueOf(project.amountFen));
			}
			else {
				elsewhere.get(group).add(project);
			}
		}
		java.util.Map<Long, Long> amounts = new java.util.HashMap<>();
		java.math.BigInteger left = target;
		for (int group = 0; group < 2; group++) {
			java.math.BigInteger inKey = sum(inKeyAreas.get(group));
			java.math.BigInteger groupTotal = inKey.add(sum(elsewhere.get(group)));
			// the key-county group takes its share of the target, the other the rest
			java.math.BigInteger groupTarget = (group == 0) ? target.multiply(inKey).divide(keyAreaSum) : left;
			left = left.subtract(groupTarget);
			scaleTo(inKeyAreas.get(group), groupTarget, amounts);
			scaleTo(elsewhere.get(group), groupTotal.subtract(groupTarget), amounts);
		}
		for (int i = 0; i < linkage.size(); i++) {
			ProjectInfo project = linkage.get(i);
			linkage.set(i, project.withAmount(amounts.get(project.id)));
		}
	}

	private static java.math.BigInteger sum(List<ProjectInfo> projects) {
		return projects.stream()
			.map((project) -> java.math.BigInteger.valueOf(project.amountFen))
			.reduce(java.math.BigInteger.ZERO, java.math.BigInteger::add);
	}

	// each amount in proportion, the rounding's remainder to the first project
	private static void scaleTo(List<ProjectInfo> projects, java.math.BigInteger target,
			java.util.Map<Long, Long> amounts) {
		java.math.BigInteger total = sum(projects);
		long given = 0;
		for (ProjectInfo project : projects) {
			long amount = java.math.BigInteger.valueOf(project.amountFen)
				.multiply(target)
				.divide(total)
				.longValueExact();
			amounts.put(project.id, amount);
			given += amount;
		}
		if (!projects.isEmpty()) {
			amounts.merge(projects.get(0).id, target.longValueExact() - given, Long::sum);
		}
	}

	/**
	 * An allocation's spending as one to three payments in the months of the project's
	 * year (the last on or before its end), adding up to what was spent.
	 */
	private static List<Object[]> payments(ProjectInfo project, Allocation allocation, SplittableRandom random) {
		int count = (allocation.spent() < 300_000) ? 1 : 1 + random.nextInt(3);
		long[] amounts = (count == 1) ? new long[] { allocation.spent() }
				: DemoNumbers.split(allocation.spent(), count, random);
		List<Object[]> payments = new ArrayList<>();
		for (int i = 0; i < amounts.length; i++) {
			// months 3 to 12, in order: payments follow the work
			int month = 3 + (10 * i + random.nextInt(10 / amounts.length)) / amounts.length;
			LocalDate on = LocalDate.of(project.year, month, 1 + random.nextInt(28));
			payments.add(new Object[] { project.id, allocation.source(), amounts[i], on,
					"记%d-%s-%d".formatted(project.id, allocation.source().substring(0, 2), i + 1) });
		}
		return payments;
	}

	ProjectInfo project(SplittableRandom random, VillageInfo village, int year, String status, boolean industry,
			long amountFen, int kind, Long unitId) {
		long id = this.world.ids.next("project");
		String category;
		String industryName;
		String label;
		if (industry) {
			category = "INDUSTRY";
			int i = DemoNumbers.pick(random, new int[] { 30, 18, 14, 8, 10, 12, 8 });
			industryName = INDUSTRIES[i];
			label = INDUSTRY_NAMES[i];
		}
		else {
			int i = random.nextInt(OTHER_CATEGORIES.length);
			category = OTHER_CATEGORIES[i];
			industryName = null;
			label = OTHER_CATEGORY_NAMES[i];
		}
		return new ProjectInfo(id, year + "年" + label + "项目（示例）" + id, category, industryName, year, status, village,
				village.townId, unitId, amountFen, kind, 5 + random.nextInt(120));
	}

}
