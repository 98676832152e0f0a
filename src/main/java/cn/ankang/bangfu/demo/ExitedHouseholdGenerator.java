package cn.ankang.bangfu.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import cn.ankang.bangfu.demo.DemoWorld.CommunityInfo;
import cn.ankang.bangfu.demo.DemoWorld.VillageInfo;
import cn.ankang.bangfu.demo.Households.Person;

/**
 * Writes one copy of the city's register of households out of poverty (脱贫户): the
 * households with their relocation communities, their incomes of 2022 and 2023 and their
 * work in 2023, then has their loans and follow-up written.
 */
final class ExitedHouseholdGenerator {

	private static final String[] WORK_PLACES = { "IN_COUNTY", "IN_PROVINCE", "OUT_OF_PROVINCE" };

	private static final int[] WORK_PLACE_WEIGHTS = { 45, 20, 35 };

	private static final String[] WORK_KINDS = { "ENTERPRISE", "COMMUNITY_FACTORY", "PUBLIC_WELFARE_JOB",
			"SELF_EMPLOYED", "OTHER" };

	private static final int[] WORK_KIND_WEIGHTS = { 55, 10, 6, 12, 17 };

	private final DemoWorld world;

	private final ExitedSupportGenerator support;

	ExitedHouseholdGenerator(DemoWorld world) {
		this.world = world;
		this.support = new ExitedSupportGenerator(world);
	}

	/**
	 * One copy of the city's out-of-poverty households (脱贫户): invented, with exactly the
	 * report's people in work in 2023, its average per-capita net income and growth, and
	 * its microcredit issued by the end of 2023. The monitored households of the copy
	 * that are unstable out of poverty are among them, with their heads and people.
	 */
	void writeOutOfPovertyPopulation(Connection connection, Households h, int copy) throws SQLException {
		SplittableRandom random = this.world.random("exitedHouseholds", copy);
		List<VillageInfo> copyVillages = new ArrayList<>();
		for (VillageInfo village : this.world.villages) {
			if (village.copy == copy) {
				copyVillages.add(village);
			}
		}
		double[] cumulative = new double[copyVillages.size()];
		double weights = 0;
		for (int i = 0; i < copyVillages.size(); i++) {
			VillageInfo village = copyVillages.get(i);
			weights += (village.key ? 2.0 : 1.0) * (village.keyCounty ? 1.3 : 1.0);
			cumulative[i] = weights;
		}
		List<Integer> linked = new ArrayList<>();
		int linkedPeople = 0;
		for (int i = 0; i < h.id.length; i++) {
			if (h.village[i].copy == copy && "UNSTABLE_OUT_OF_POVERTY".equals(h.category[i])) {
				linked.add(i);
				linkedPeople += h.size[i];
			}
		}
		int n = DemoFigures.EXITED_HOUSEHOLDS;
		int[] others = DemoNumbers.sizes(n - linked.size(), DemoFigures.EXITED_PEOPLE - linkedPeople, random);
		long[] id = new long[n];
		int[] people = new int[n];
		long[] village = new long[n];
		long[] community = new long[n];
		Communities communities = new Communities(copy);
		try (CopyWriter rows = new CopyWriter(connection, "exited_household",
				"id, village_id, household_number, head_name, head_id_number, people, exited_year, relocated, "
						+ "responsible_cadre_id, household_id, relocation_community_id")) {
			for (int k = 0; k < n; k++) {
				id[k] = this.world.ids.next("exited_household");
				SplittableRandom own = this.world.random("exitedHousehold", id[k]);
				String headName;
				String headIdNumber;
				Long cadre = null;
				Long household = null;
				if (k < linked.size()) {
					int i = linked.get(k);
					Person head = h.person(i, 0);
					headName = head.name();
					headIdNumber = head.idNumber();
					people[k] = h.size[i];
					village[k] = h.village[i].id;
					cadre = (h.cadre[i] != null) ? this.world.current.get(h.cadre[i].id()).cadreId() : null;
					household = h.id[i];
				}
				else {
					VillageInfo at = copyVillages.get(DemoNumbers.search(cumulative, random.nextDouble() * weights));
					people[k] = others[k - linked.size()];
					village[k] = at.id;
					headName = DemoNames.SURNAMES[own.nextInt(DemoNames.SURNAMES.length)] + "某" + id[k];
					int birthYear = 1945 + (int) (id[k] / 10_000_000) * 15 + own.nextInt(15);
					headIdNumber = DemoNames.exitedIdNumber(id[k],
							LocalDate.of(birthYear, 1, 1).plusDays(own.nextInt(365)));
					if (!at.cadres.isEmpty()) {
						cadre = this.world.current.get(at.cadres.get(own.nextInt(at.cadres.size())).id()).cadreId();
					}
				}
				int exitedYear = 2016 + DemoNumbers.pick(own, new int[] { 15, 20, 25, 30, 10 });
				boolean relocated = own.nextInt(100) < 28;
				community[k] = relocated ? communities.of(village[k]) : 0;
				rows.add(id[k])
					.add(village[k])
					.add(String.format(Locale.ROOT, "TP%010d", id[k]))
					.add(headName)
					.add(headIdNumber)
					.add(people[k])
					.add(exitedYear)
					.add(relocated)
					.add(cadre)
					.add(household)
					.add(relocated ? community[k] : null)
					.endRow();
			}
		}
		int[] workers = workers(copy, people);
		writeExitedIncomes(connection, copy, id, village, people, workers);
		int[] publicWelfareJobs = writeExitedWork(connection, copy, id, village, workers);
		this.support.writeMicrocredit(connection, copy, id, village);
		this.support.writeFollowUp(connection, copy, id, village, people, community, publicWelfareJobs);
	}

	/**
	 * The relocation communities of a copy of the city by county, each drawn for a
	 * relocated household in proportion to the households it took in, from a stream of
	 * its own: the register's draws stay as they were.
	 */
	private final class Communities {

		private final java.util.Map<Long, Integer> countyOfVillage = new java.util.HashMap<>();

		private final java.util.Map<Integer, List<CommunityInfo>> byCounty = new java.util.HashMap<>();

		private final SplittableRandom random;

		Communities(int copy) {
			this.random = ExitedHouseholdGenerator.this.world.random("relocationLinks", copy);
			for (VillageInfo village : ExitedHouseholdGenerator.this.world.villages) {
				if (village.copy == copy) {
					this.countyOfVillage.put(village.id, village.countyIndex);
				}
			}
			for (CommunityInfo community : ExitedHouseholdGenerator.this.world.communities) {
				if (community.copy() == copy) {
					this.byCounty.computeIfAbsent(community.countyIndex(), (county) -> new ArrayList<>())
						.add(community);
				}
			}
		}

		/** A community of the village's county. */
		long of(long village) {
			List<CommunityInfo> inCounty = this.byCounty.get(this.countyOfVillage.get(village));
			int[] weights = new int[inCounty.size()];
			for (int i = 0; i < weights.length; i++) {
				weights[i] = inCounty.get(i).households();
			}
			return inCounty.get(DemoNumbers.pick(this.random, weights)).id();
		}

	}

	/**
	 * 2022 and 2023 incomes: spread about the report's average, most grown by about its
	 * growth and some fallen, then scaled so that the averages weighted by people are the
	 * report's.
	 */
	private void writeExitedIncomes(Connection connection, int copy, long[] id, long[] village, int[] people,
			int[] workers) throws SQLException {
		SplittableRandom random = this.world.random("exitedIncomes", copy);
		int n = id.length;
		double[] income2023 = new double[n];
		double[] income2022 = new double[n];
		double weighted2023 = 0;
		double weighted2022 = 0;
		long totalPeople = 0;
		for (int k = 0; k < n; k++) {
			income2023[k] = Math.max(4_500, 14_884 * Math.exp(0.33 * random.nextGaussian() - 0.05));
			double growth = (random.nextInt(100) < 9) ? -0.02 - 0.15 * random.nextDouble()
					: Math.max(0.01, 0.16 + 0.07 * random.nextGaussian());
			income2022[k] = income2023[k] / (1 + growth);
			weighted2023 += income2023[k] * people[k];
			weighted2022 += income2022[k] * people[k];
			totalPeople += people[k];
		}
		double average2023 = DemoFigures.AVERAGE_NET_INCOME_YUAN_2023;
		double average2022 = average2023 / (1 + DemoFigures.AVERAGE_NET_INCOME_GROWTH_PERMILLE_2023 / 1000.0);
		double scale2023 = average2023 * totalPeople / weighted2023;
		double scale2022 = average2022 * totalPeople / weighted2022;
		try (CopyWriter rows = new CopyWriter(connection, "exited_household_year",
				"household_id, village_id, year, people, per_capita_income_fen, people_in_work, previous_people, "
						+ "previous_per_capita_income_fen")) {
			for (int k = 0; k < n; k++) {
				// 2022's work is not recorded; 2023 carries 2022, as the database keeps
				// it
				// for rows written one by one
				long fen2022 = Math.round(income2022[k] * scale2022 * 100);
				rows.add(id[k]).add(village[k]).add(2022).add(people[k]);
				rows.add(fen2022).add(null).add(null).add(null).endRow();
				rows.add(id[k]).add(village[k]).add(2023).add(people[k]);
				rows.add(Math.round(income2023[k] * scale2023 * 100))
					.add(workers[k])
					.add(people[k])
					.add(fen2022)
					.endRow();
			}
		}
	}

	/** 2023's people in work of each household, exactly the report's in all. */
	private int[] workers(int copy, int[] people) {
		SplittableRandom random = this.world.random("exitedWork", copy);
		int n = people.length;
		int[] workers = new int[n];
		long total = 0;
		for (int k = 0; k < n; k++) {
			for (int p = 0; p < people[k]; p++) {
				if (random.nextInt(1000) < 400) {
					workers[k]++;
				}
			}
			total += workers[k];
		}
		while (total != DemoFigures.PEOPLE_IN_WORK_2023) {
			int k = random.nextInt(n);
			if (total < DemoFigures.PEOPLE_IN_WORK_2023 && workers[k] < people[k]) {
				workers[k]++;
				total++;
			}
			else if (total > DemoFigures.PEOPLE_IN_WORK_2023 && workers[k] > 0) {
				workers[k]--;
				total--;
			}
		}
		return workers;
	}

	/**
	 * 2023's people in work of each household by where and how.
	 * @return each household's people in public-welfare jobs
	 */
	private int[] writeExitedWork(Connection connection, int copy, long[] id, long[] village, int[] workers)
			throws SQLException {
		SplittableRandom random = this.world.random("exitedWorkPlaces", copy);
		int n = id.length;
		int[] publicWelfareJobs = new int[n];
		try (CopyWriter rows = new CopyWriter(connection, "exited_household_employment",
				"household_id, village_id, year, place, kind, people")) {
			int[] counts = new int[WORK_PLACES.length * WORK_KINDS.length];
			for (int k = 0; k < n; k++) {
				if (workers[k] == 0) {
					continue;
				}
				java.util.Arrays.fill(counts, 0);
				// most households' workers work in one place, one way (a family in the
				// same
				// factory, the same city)
				boolean together = random.nextInt(100) < 75;
				int shared = DemoNumbers.pick(random, WORK_PLACE_WEIGHTS) * WORK_KINDS.length
						+ DemoNumbers.pick(random, WORK_KIND_WEIGHTS);
				for (int w = 0; w < workers[k]; w++) {
					counts[together ? shared : DemoNumbers.pick(random, WORK_PLACE_WEIGHTS) * WORK_KINDS.length
							+ DemoNumbers.pick(random, WORK_KIND_WEIGHTS)]++;
				}
				for (int c = 0; c < counts.length; c++) {
					if (counts[c] > 0 && "PUBLIC_WELFARE_JOB".equals(WORK_KINDS[c % WORK_KINDS.length])) {
						publicWelfareJobs[k] += counts[c];
					}
					if (counts[c] > 0) {
						rows.add(id[k])
							.add(village[k])
							.add(2023)
							.add(WORK_PLACES[c / WORK_KINDS.length])
							.add(WORK_KINDS[c % WORK_KINDS.length])
							.add(counts[c])
							.endRow();
					}
				}
			}
		}
		return publicWelfareJobs;
	}

}
