package cn.ankang.bangfu.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.demo.DemoWorld.CommunityInfo;
import cn.ankang.bangfu.demo.DemoWorld.VillageInfo;

/**
 * Writes the villages' own records: their collective incomes of 2022 and 2023, their
 * legal advisers and their plans.
 */
final class VillageRecordGenerator {

	private final DemoWorld world;

	VillageRecordGenerator(DemoWorld world) {
		this.world = world;
	}

	/**
	 * Each copy's villages and communities with their collective incomes of 2022 and 2023
	 * ({@link DemoFigures#VILLAGES_OVER_100K_2023} at 100,000 yuan or more in 2023,
	 * 2022's lower), their legal advisers
	 * ({@link DemoFigures#VILLAGES_WITH_LEGAL_ADVISER} in post at the end of 2023) and
	 * their plans ({@link DemoFigures#PLANS_COMPILED_2023} compiled in 2023, more in the
	 * two years before). Who gets what is a shuffle of the copy's villages, on random
	 * streams of its own: the other tables are drawn as before.
	 */
	void writeVillageRecords(Connection connection) throws SQLException {
		List<List<Long>> byCopy = new ArrayList<>();
		for (int copy = 0; copy < this.world.scale; copy++) {
			List<Long> ids = new ArrayList<>();
			for (VillageInfo village : this.world.villages) {
				if (village.copy == copy) {
					ids.add(village.id);
				}
			}
			for (CommunityInfo community : this.world.communities) {
				if (community.copy() == copy) {
					ids.add(community.id());
				}
			}
			byCopy.add(ids);
		}
		try (CopyWriter rows = new CopyWriter(connection, "village_collective_income",
				"village_id, year, income_fen, source_note")) {
			for (int copy = 0; copy < this.world.scale; copy++) {
				SplittableRandom random = this.world.random("collectiveIncome", copy);
				List<Long> ids = DemoNumbers.shuffled(byCopy.get(copy), random);
				for (int i = 0; i < ids.size(); i++) {
					// above the report's line: 100,000 to about 900,000 yuan, most near
					// the
					// line; below it: 8,000 to 99,999 yuan
					long yuan2023 = (i < DemoFigures.VILLAGES_OVER_100K_2023)
							? 100_000 + (long) (800_000 * Math.pow(random.nextDouble(), 3))
							: 8_000 + random.nextInt(92_000);
					long fen2023 = yuan2023 * 100 + random.nextInt(100);
					// a year before the economy had grown less: 65 to 97 %
					long fen2022 = fen2023 * (65 + random.nextInt(33)) / 100;
					rows.add(ids.get(i)).add(2022).add(fen2022).add("村集体经济收入台账（示例）").endRow();
					rows.add(ids.get(i)).add(2023).add(fen2023).add("村集体经济收入台账（示例）").endRow();
				}
			}
		}
		try (CopyWriter rows = new CopyWriter(connection, "legal_adviser_posting",
				"village_id, adviser_name, law_firm, started_on, ended_on")) {
			LocalDate firstTerm = LocalDate.of(2021, 1, 1);
			LocalDate secondTerm = LocalDate.of(2023, 1, 1);
			for (int copy = 0; copy < this.world.scale; copy++) {
				SplittableRandom random = this.world.random("legalAdviser", copy);
				List<Long> ids = DemoNumbers.shuffled(byCopy.get(copy), random);
				int inPost = DemoFigures.VILLAGES_WITH_LEGAL_ADVISER;
				for (int i = 0; i < ids.size(); i++) {
					long village = ids.get(i);
					String firm = DemoNames.copyName(DemoNames.PLACE_FIRST[random.nextInt(DemoNames.PLACE_FIRST.length)]
							+ DemoNames.PLACE_SECOND[random.nextInt(DemoNames.PLACE_SECOND.length)] + "律师事务所（示例）",
							copy);
					if (i < inPost) {
						if (random.nextInt(100) < 30) {
							// a first adviser until the end of 2022, then a second one
							adviser(rows, random, village, firm, firstTerm, secondTerm.minusDays(1));
							adviser(rows, random, village, firm, secondTerm, null);
						}
						else {
							adviser(rows, random, village, firm, firstTerm.plusDays(random.nextInt(365)), null);
						}
					}
					else if (i < inPost + (ids.size() - inPost) / 2) {
						// the posting ended in 2023 and no one followed yet
						adviser(rows, random, village, firm, firstTerm.plusDays(random.nextInt(365)),
								LocalDate.of(2023, 9, 30));
					}
				}
			}
		}
		try (CopyWriter rows = new CopyWriter(connection, "village_plan",
				"village_id, compiled_year, approved_on, document_number")) {
			int[] years = { 2023, 2022, 2021 };
			int[] plans = { DemoFigures.PLANS_COMPILED_2023, 180, 250 };
			for (int copy = 0; copy < this.world.scale; copy++) {
				SplittableRandom random = this.world.random("villagePlan", copy);
				List<Long> ids = DemoNumbers.shuffled(byCopy.get(copy), random);
				int next = 0;
				for (int y = 0; y < years.length; y++) {
					for (int n = 0; n < plans[y]; n++) {
						int year = years[y];
						// most plans of 2023 are approved within it, some wait
						boolean approved = year < 2023 || random.nextInt(100) < 85;
						LocalDate approvedOn = approved ? LocalDate.of(year, 6, 1).plusDays(random.nextInt(200)) : null;
						rows.add(ids.get(next++))
							.add(year)
							.add(approvedOn)
							.add(approved ? "安政函〔" + year + "〕" + (1 + random.nextInt(300)) + "号（示例）" : null)
							.endRow();
					}
				}
			}
		}
	}

	private static void adviser(CopyWriter rows, SplittableRandom random, long village, String firm,
			LocalDate startedOn, @Nullable LocalDate endedOn) throws SQLException {
		rows.add(village)
			.add(DemoNames.SURNAMES[random.nextInt(DemoNames.SURNAMES.length)] + "某"
					+ DemoNames.PLACE_FIRST[random.nextInt(DemoNames.PLACE_FIRST.length)])
			.add(firm)
			.add(startedOn)
			.add(endedOn)
			.endRow();
	}

}
