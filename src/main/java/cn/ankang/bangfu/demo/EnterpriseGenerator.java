package cn.ankang.bangfu.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import cn.ankang.bangfu.demo.DemoWorld.VillageInfo;

/**
 * Writes the bodies that drive households (enterprises, cooperatives, family farms) and
 * the community factories, with their years 2022 and 2023 and the monitored households
 * employed in the factories.
 */
final class EnterpriseGenerator {

	/**
	 * Bodies other than community factories with a 2023 row that linked no one
	 * (illustrative).
	 */
	private static final int IDLE_ENTERPRISES_2023 = 120;

	/** Bodies that closed in 2022, with that year's row only (illustrative). */
	private static final int CLOSED_ENTERPRISES_2022 = 60;

	/** Community factories that closed in 2022 (illustrative). */
	private static final int CLOSED_FACTORIES_2022 = 25;

	private static final String[] ENTERPRISE_KINDS = { "ENTERPRISE", "COOPERATIVE", "FAMILY_FARM", "OTHER" };

	private static final int[] ENTERPRISE_KIND_WEIGHTS = { 30, 53, 13, 4 };

	private static final String[] ENTERPRISE_SUFFIXES = { "农业发展有限公司", "专业合作社", "家庭农场", "农旅服务中心" };

	private static final int[] INDUSTRY_WEIGHTS = { 34, 18, 16, 8, 14, 0, 10 };

	private static final String[] FACTORY_PRODUCTS = { "毛绒玩具", "服装加工", "电子元件", "鞋帽加工", "假发制品", "箱包加工" };

	private final DemoWorld world;

	EnterpriseGenerator(DemoWorld world) {
		this.world = world;
	}

	/**
	 * The bodies that drive households (带动主体) and their 2022 and 2023 years. In 2023,
	 * exactly {@link DemoFigures#DRIVING_ENTERPRISES_2023} bodies other than community
	 * factories link exactly {@link DemoFigures#DRIVEN_PEOPLE_2023} people out of
	 * poverty, and exactly {@link DemoFigures#COMMUNITY_FACTORIES_2023} community
	 * factories employ exactly {@link DemoFigures#COMMUNITY_FACTORY_JOBS_2023} workers;
	 * the rest (bodies that linked no one, bodies closed in 2022, 2022's figures, who is
	 * out of poverty among the workers) is invented. Some monitored households are linked
	 * to the community factories that employ their members.
	 */
	void writeEnterprises(Connection connection, Households h) throws SQLException {
		List<Object[]> enterprises = new ArrayList<>();
		List<Object[]> years = new ArrayList<>();
		List<Object[]> employed = new ArrayList<>();
		// the households still under monitoring, by village, to link to factories
		java.util.Map<Long, List<Integer>> monitored = new java.util.HashMap<>();
		for (int i = 0; i < h.id.length; i++) {
			if (h.eliminatedOn[i] == null) {
				monitored.computeIfAbsent(h.village[i].id, (k) -> new ArrayList<>()).add(i);
			}
		}
		for (int copy = 0; copy < this.world.scale; copy++) {
			SplittableRandom random = this.world.random("enterprises", copy);
			List<VillageInfo> all = new ArrayList<>();
			for (VillageInfo village : this.world.villages) {
				if (village.copy == copy) {
					all.add(village);
				}
			}
			int[] people = DemoNumbers.parts(DemoFigures.DRIVEN_PEOPLE_2023, DemoFigures.DRIVING_ENTERPRISES_2023,
					random);
			int[] jobs = DemoNumbers.parts(DemoFigures.COMMUNITY_FACTORY_JOBS_2023,
					DemoFigures.COMMUNITY_FACTORIES_2023, random);
			for (int i = 0; i < DemoFigures.DRIVING_ENTERPRISES_2023 + IDLE_ENTERPRISES_2023
					+ CLOSED_ENTERPRISES_2022; i++) {
				boolean driving = i < DemoFigures.DRIVING_ENTERPRISES_2023;
				boolean closed = i >= DemoFigures.DRIVING_ENTERPRISES_2023 + IDLE_ENTERPRISES_2023;
				int kind = DemoNumbers.pick(random, ENTERPRISE_KIND_WEIGHTS);
				int industry = DemoNumbers.pick(random, INDUSTRY_WEIGHTS);
				VillageInfo village = DemoNumbers.pickFrom(all, random);
				boolean townOnly = random.nextInt(10) == 0;
				long id = this.world.ids.next("enterprise");
				LocalDate opened = opened(random, closed);
				LocalDate closedOn = closed ? LocalDate.of(2022, 3, 1).plusDays(random.nextInt(270)) : null;
				enterprises.add(new Object[] { id,
						DemoNames.placeName(random) + ProjectGenerator.INDUSTRY_NAMES[industry].substring(0, 2)
								+ ENTERPRISE_SUFFIXES[kind] + "E" + id,
						ENTERPRISE_KINDS[kind], ProjectGenerator.INDUSTRIES[industry], DemoWorld.county(village),
						village.townId, townOnly ? null : village.id, opened, closedOn });
				int linked = driving ? people[i] : 0;
				int workers = 2 + random.nextInt(40);
				int outOfPoverty = random.nextInt(workers + 1) / 2;
				int fromMonitored = random.nextInt(outOfPoverty / 4 + 1);
				String modes = modes(random, linked > 0);
				if (!closed) {
					years.add(year(id, 2023, modes, linked, random, workers, outOfPoverty, fromMonitored));
				}
				if (opened.getYear() <= 2022) {
					// 2022 as it might have been: somewhat fewer people linked
					int before = (linked > 0) ? Math.max(1, (int) Math.round(linked * (0.75 + random.nextDouble() / 4)))
							: (closed ? 5 + random.nextInt(120) : 0);
					int workersBefore = Math.max(1, workers - random.nextInt(5));
					years.add(year(id, 2022, modes(random, before > 0), before, random, workersBefore,
							Math.min(outOfPoverty, workersBefore), Math.min(fromMonitored, workersBefore)));
				}
			}
			for (int i = 0; i < DemoFigures.COMMUNITY_FACTORIES_2023 + CLOSED_FACTORIES_2022; i++) {
				boolean closed = i >= DemoFigures.COMMUNITY_FACTORIES_2023;
				// factories lie in the (relocation) communities of key counties more
				// often
				VillageInfo village = DemoNumbers.pickFrom(all, random);
				if (!village.keyCounty && random.nextInt(3) == 0) {
					village = DemoNumbers.pickFrom(all, random);
				}
				long id = this.world.ids.next("enterprise");
				LocalDate opened = opened(random, closed);
				LocalDate closedOn = closed ? LocalDate.of(2022, 3, 1).plusDays(random.nextInt(270)) : null;
				enterprises.add(new Object[] { id,
						DemoNames.placeName(random) + "社区工厂（"
								+ FACTORY_PRODUCTS[random.nextInt(FACTORY_PRODUCTS.length)] + "）F" + id,
						"COMMUNITY_FACTORY", "COMMUNITY_FACTORY", DemoWorld.county(village), village.townId, village.id,
						opened, closedOn });
				int workers = closed ? 5 + random.nextInt(40) : jobs[i];
				// about half the workers are out of poverty; some of them from monitored
				// households
				int outOfPoverty = (int) Math.round(workers * (0.35 + random.nextDouble() * 0.3));
				int fromMonitored = (int) Math.round(outOfPoverty * (0.05 + random.nextDouble() * 0.1));
				if (!closed) {
					years.add(factoryYear(id, 2023, workers, outOfPoverty, fromMonitored));
					List<Integer> nearby = monitored.getOrDefault(village.id, List.of());
					int links = Math.min(Math.min(fromMonitored, 3), nearby.size());
					for (int k = 0; k < links; k++) {
						int household = nearby.get((int) ((id * 7 + k * 13) % nearby.size()));
						employed.add(new Object[] { id, 2023, h.id[household], h.village[household].id });
					}
				}
				if (opened.getYear() <= 2022) {
					int before = Math.max(1, (int) Math.round(workers * (0.8 + random.nextDouble() / 5)));
					years.add(factoryYear(id, 2022, before, Math.min(outOfPoverty, before),
							Math.min(fromMonitored, before)));
				}
			}
		}
		try (CopyWriter rows = new CopyWriter(connection, "enterprise",
				"id, name, kind, industry, county_id, town_id, village_id, opened_on, closed_on")) {
			for (Object[] enterprise : enterprises) {
				for (Object value : enterprise) {
					rows.add(value);
				}
				rows.endRow();
			}
		}
		try (CopyWriter rows = new CopyWriter(connection, "enterprise_year",
				"id, enterprise_id, year, modes, linked_households, linked_people, workers, workers_out_of_poverty, "
						+ "workers_from_monitored")) {
			for (Object[] year : years) {
				rows.add(this.world.ids.next("enterprise_year"));
				for (Object value : year) {
					rows.add(value);
				}
				rows.endRow();
			}
		}
		try (CopyWriter rows = new CopyWriter(connection, "enterprise_employed_household",
				"enterprise_id, year, household_id, village_id")) {
			java.util.Set<String> seen = new java.util.HashSet<>();
			for (Object[] link : employed) {
				if (seen.add(link[0] + "/" + link[2])) {
					rows.add(link[0]).add(link[1]).add(link[2]).add(link[3]).endRow();
				}
			}
		}
	}

	/** The day a body opened: mostly before 2022, some in 2022 and in 2023. */
	private static LocalDate opened(SplittableRandom random, boolean closedIn2022) {
		int roll = random.nextInt(100);
		if (closedIn2022 || roll < 85) {
			return LocalDate.of(2015, 1, 1).plusDays(random.nextInt(6 * 365));
		}
		return LocalDate.of((roll < 92) ? 2022 : 2023, 1, 1).plusDays(random.nextInt(300));
	}

	/**
	 * A non-factory body's year: households are the people in households of about three.
	 */
	private static Object[] year(long id, int year, String modes, int people, SplittableRandom random, int workers,
			int outOfPoverty, int fromMonitored) {
		int households = (people == 0) ? 0
				: Math.max(1, Math.min(people, (int) Math.round(people / (2.6 + random.nextDouble() * 1.2))));
		return new Object[] { id, year, modes, households, people, workers, outOfPoverty, fromMonitored };
	}

	/**
	 * A community factory's year: it links the workers out of poverty, one a household.
	 */
	private static Object[] factoryYear(long id, int year, int workers, int outOfPoverty, int fromMonitored) {
		return new Object[] { id, year, (outOfPoverty > 0) ? "{EMPLOYMENT}" : "{}", outOfPoverty, outOfPoverty, workers,
				outOfPoverty, fromMonitored };
	}

	/**
	 * One to three ways of linking households, as a text[] literal; none when none
	 * linked.
	 */
	private static String modes(SplittableRandom random, boolean linked) {
		if (!linked) {
			return "{}";
		}
		String[] all = { "DIVIDEND", "EMPLOYMENT", "LAND_RENT", "ORDER_PRODUCTION", "OTHER" };
		int[] weights = { 20, 30, 15, 32, 3 };
		java.util.TreeSet<String> chosen = new java.util.TreeSet<>();
		int count = 1 + random.nextInt(3);
		while (chosen.size() < count) {
			chosen.add(all[DemoNumbers.pick(random, weights)]);
		}
		return "{" + String.join(",", chosen) + "}";
	}

}
