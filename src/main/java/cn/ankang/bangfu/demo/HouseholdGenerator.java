package cn.ankang.bangfu.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import cn.ankang.bangfu.demo.DemoWorld.PostingInfo;
import cn.ankang.bangfu.demo.DemoWorld.VillageInfo;
import cn.ankang.bangfu.demo.Households.Person;

/**
 * Writes the monitored households (eliminated, still monitored and newly identified in
 * 2023, in the report's exact numbers), their members, their incomes of 2021 to 2023 and
 * their assistance measures.
 */
final class HouseholdGenerator {

	private static final String[] MEASURE_TYPES = { "INDUSTRY", "EMPLOYMENT", "HEALTH", "EDUCATION", "SOCIAL_SECURITY",
			"MICROCREDIT", "PUBLIC_WELFARE_JOB", "HOUSING", "DRINKING_WATER", "OTHER" };

	private static final int[] MEASURE_WEIGHTS = { 26, 22, 14, 9, 10, 7, 6, 3, 1, 2 };

	private static final String[] MEASURE_TEXT = { "发放产业奖补，发展茶叶、魔芋种植", "推荐到社区工厂就业", "落实医疗保障和大病救助", "落实教育资助", "纳入低保兜底保障",
			"发放小额信贷", "安排公益岗位", "实施危房改造", "解决安全饮水", "落实临时救助" };

	private final DemoWorld world;

	HouseholdGenerator(DemoWorld world) {
		this.world = world;
	}

	Households writeHouseholds(Connection connection, List<PostingInfo> postings) throws SQLException {
		int perCopy = DemoFigures.HOUSEHOLDS;
		Households h = new Households(this.world, perCopy * this.world.scale);
		for (int copy = 0; copy < this.world.scale; copy++) {
			SplittableRandom random = this.world.random("households", copy);
			List<VillageInfo> copyVillages = new ArrayList<>();
			for (VillageInfo village : this.world.villages) {
				if (village.copy == copy) {
					copyVillages.add(village);
				}
			}
			double[] cumulative = new double[copyVillages.size()];
			double total = 0;
			for (int i = 0; i < copyVillages.size(); i++) {
				VillageInfo village = copyVillages.get(i);
				total += (village.key ? 3.0 : 1.0) * (village.keyCounty ? 1.5 : 1.0);
				cumulative[i] = total;
			}
			// three groups with exact household and people counts: eliminated, still
			// monitored from before
			// 2023, newly identified in 2023
			int[] eliminatedSizes = DemoNumbers.sizes(DemoFigures.ELIMINATED_HOUSEHOLDS, DemoFigures.ELIMINATED_PEOPLE,
					random);
			int[] oldSizes = DemoNumbers.sizes(
					DemoFigures.HOUSEHOLDS - DemoFigures.ELIMINATED_HOUSEHOLDS - DemoFigures.NEW_HOUSEHOLDS_2023,
					DemoFigures.PEOPLE - DemoFigures.ELIMINATED_PEOPLE - DemoFigures.NEW_PEOPLE_2023, random);
			int[] newSizes = DemoNumbers.sizes(DemoFigures.NEW_HOUSEHOLDS_2023, DemoFigures.NEW_PEOPLE_2023, random);
			int[] measures = DemoNumbers.sizes(perCopy, DemoFigures.MEASURES, random);
			int index = 0;
			for (int[] group : new int[][] { eliminatedSizes, oldSizes, newSizes }) {
				int groupKind = (group == eliminatedSizes) ? 0 : (group == oldSizes) ? 1 : 2;
				for (int size : group) {
					int i = copy * perCopy + index;
					VillageInfo village = copyVillages.get(DemoNumbers.search(cumulative, random.nextDouble() * total));
					h.id[i] = this.world.ids.next("household");
					h.village[i] = village;
					h.size[i] = size;
					h.measures[i] = measures[index];
					h.firstPerson[i] = this.world.ids.next("household_member");
					for (int p = 1; p < size; p++) {
						this.world.ids.next("household_member");
					}
					LocalDate identified = (groupKind == 2) ? LocalDate.of(2023, 1, 15).plusDays(random.nextInt(330))
							: LocalDate.of(2020, 3, 1).plusDays(random.nextInt(900));
					h.identifiedOn[i] = identified;
					if (groupKind == 0) {
						LocalDate earliest = identified.plusMonths(8);
						long room = Math.max(1, DemoWorld.REPORT_END.toEpochDay() - earliest.toEpochDay());
						h.eliminatedOn[i] = earliest.plusDays(random.nextLong(room));
					}
					h.category[i] = (groupKind == 2 && random.nextInt(100) < 25) ? "SUDDEN_SEVERE_HARDSHIP"
							: (random.nextInt(100) < 58) ? "UNSTABLE_OUT_OF_POVERTY" : "MARGINAL_AT_RISK";
					if (!village.cadres.isEmpty()) {
						h.cadre[i] = village.cadres.get(random.nextInt(village.cadres.size()));
					}
					index++;
				}
			}
		}
		try (CopyWriter rows = new CopyWriter(connection, "household",
				"id, village_id, head_name, head_id_number, head_phone, category, risk_types, identified_on, "
						+ "responsible_cadre_id, status, risk_eliminated_on, member_count")) {
			for (int i = 0; i < h.id.length; i++) {
				SplittableRandom random = this.world.random("household", h.id[i]);
				Person head = h.person(i, 0);
				rows.add(h.id[i])
					.add(h.village[i].id)
					.add(head.name())
					.add(head.idNumber())
					.add(DemoNames.phone(50_000_000L + h.id[i]))
					.add(h.category[i])
					.add(Households.riskTypes(random))
					.add(h.identifiedOn[i])
					.add((h.cadre[i] != null) ? this.world.current.get(h.cadre[i].id()).cadreId() : null)
					.add((h.eliminatedOn[i] != null) ? "RISK_ELIMINATED" : "MONITORING")
					.add(h.eliminatedOn[i])
					// the members follow; their count is kept here for the figures
					.add(h.size[i])
					.endRow();
			}
		}
		return h;
	}

	void writeMembers(Connection connection, Households h) throws SQLException {
		try (CopyWriter rows = new CopyWriter(connection, "household_member",
				"id, household_id, village_id, name, relation, gender, birth_date, id_number")) {
			for (int i = 0; i < h.id.length; i++) {
				for (int m = 0; m < h.size[i]; m++) {
					Person person = h.person(i, m);
					rows.add(h.firstPerson[i] + m)
						.add(h.id[i])
						.add(h.village[i].id)
						.add(person.name())
						.add(person.relation())
						.add(person.gender())
						.add(person.birthDate())
						.add(person.idNumber())
						.endRow();
				}
			}
		}
	}

	void writeIncomes(Connection connection, Households h) throws SQLException {
		try (CopyWriter rows = new CopyWriter(connection, "household_income",
				"household_id, village_id, year, per_capita_income_fen")) {
			for (int i = 0; i < h.id.length; i++) {
				SplittableRandom random = this.world.random("income", h.id[i]);
				boolean eliminated = h.eliminatedOn[i] != null;
				long yuan = 5_200 + random.nextInt(2_600);
				for (int year = Math.max(2021, h.identifiedOn[i].getYear()); year <= 2023; year++) {
					rows.add(h.id[i]).add(h.village[i].id).add(year).add(yuan * 100).endRow();
					// households that left monitoring saw their income grow; the others
					// barely
					yuan += eliminated ? 1_200 + random.nextInt(1_800) : random.nextInt(900) - 300;
				}
			}
		}
	}

	void writeMeasures(Connection connection, Households h) throws SQLException {
		try (CopyWriter rows = new CopyWriter(connection, "assistance_measure",
				"id, household_id, village_id, type, description, started_on, ended_on")) {
			for (int i = 0; i < h.id.length; i++) {
				SplittableRandom random = this.world.random("measures", h.id[i]);
				for (int m = 0; m < h.measures[i]; m++) {
					int type = DemoNumbers.pick(random, MEASURE_WEIGHTS);
					// measures of the report's year start within it: the report counts
					// them all
					LocalDate started = DemoNumbers.min(h.identifiedOn[i].plusDays(random.nextInt(120)),
							DemoWorld.REPORT_YEAR_END);
					LocalDate ended = (h.eliminatedOn[i] != null && random.nextBoolean()) ? h.eliminatedOn[i] : null;
					if (ended != null && ended.isBefore(started)) {
						ended = started;
					}
					rows.add(this.world.ids.next("assistance_measure"))
						.add(h.id[i])
						.add(h.village[i].id)
						.add(MEASURE_TYPES[type])
						.add(MEASURE_TEXT[type])
						.add(started)
						.add(ended)
						.endRow();
				}
			}
		}
	}

}
