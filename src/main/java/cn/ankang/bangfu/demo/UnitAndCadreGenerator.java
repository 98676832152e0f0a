package cn.ankang.bangfu.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import cn.ankang.bangfu.demo.DemoWorld.PostingInfo;
import cn.ankang.bangfu.demo.DemoWorld.UnitInfo;
import cn.ankang.bangfu.demo.DemoWorld.VillageInfo;

/**
 * Writes the assistance units and their pairings with villages, the resident cadres and
 * their postings (with the rotations of 2023 and those since, up to today), and the city
 * leaders with their liaisons to counties and key villages.
 */
final class UnitAndCadreGenerator {

	private static final LocalDate TERM_START = LocalDate.of(2021, 6, 1);

	private static final LocalDate ROTATION_DAY = LocalDate.of(2023, 6, 1);

	private static final String[] LEADER_TITLES = { "市委书记", "市长", "市人大常委会主任", "市政协主席", "市委副书记", "常务副市长", "市委常委", "副市长",
			"市人大常委会副主任", "市政协副主席" };

	private final DemoWorld world;

	UnitAndCadreGenerator(DemoWorld world) {
		this.world = world;
	}

	void writeUnitsAndPairings(Connection connection) throws SQLException {
		SplittableRandom random = this.world.random("units", 0);
		String[] kinds = { "GOVERNMENT_DEPARTMENT", "STATE_ENTERPRISE", "PRIVATE_ENTERPRISE", "UNIVERSITY", "HOSPITAL",
				"OTHER" };
		int[] kindWeights = { 70, 12, 8, 3, 4, 3 };
		try (CopyWriter rows = new CopyWriter(connection, "assistance_unit", "id, name, level, kind, county_id")) {
			for (int copy = 0; copy < this.world.scale; copy++) {
				// 12 central, 87 provincial, 180 municipal and 100 per county: 1,279 in
				// all
				addUnits(rows, random, copy, "CENTRAL", "中央帮扶单位", 12, -1, kinds, kindWeights);
				addUnits(rows, random, copy, "PROVINCIAL", "省级帮扶单位", 87, -1, kinds, kindWeights);
				addUnits(rows, random, copy, "MUNICIPAL", "市级帮扶单位", 180, -1, kinds, kindWeights);
				for (int c = 0; c < AreaGenerator.COUNTIES.length; c++) {
					addUnits(rows, random, copy, "COUNTY", AreaGenerator.COUNTIES[c][1] + "帮扶单位", 100,
							copy * AreaGenerator.COUNTIES.length + c, kinds, kindWeights);
				}
			}
		}
		try (CopyWriter rows = new CopyWriter(connection, "unit_pairing", "id, unit_id, village_id, started_on")) {
			for (int copy = 0; copy < this.world.scale; copy++) {
				List<VillageInfo> keyVillages = this.world.villagesOf(copy, true);
				List<VillageInfo> others = this.world.villagesOf(copy, false);
				// central, provincial and municipal units take the key villages, round
				// and round; county units
				// take villages of their own county
				int k = 0;
				for (UnitInfo unit : this.world.units) {
					if (unit.copy() != copy) {
						continue;
					}
					if (unit.countyIndex() < 0) {
						VillageInfo village = keyVillages.get(k++ % keyVillages.size());
						pair(rows, unit, village);
					}
					else {
						List<VillageInfo> own = new ArrayList<>();
						for (VillageInfo village : others) {
							if (village.countyIndex == unit.countyIndex()) {
								own.add(village);
							}
						}
						// every county unit gets at least one village, small counties'
						// villages several units
						int slot = unit.indexInCounty();
						pair(rows, unit, own.get(slot % own.size()));
						for (int i = slot + 100; i < own.size(); i += 100) {
							pair(rows, unit, own.get(i));
						}
					}
				}
			}
		}
	}

	private void addUnits(CopyWriter rows, SplittableRandom random, int copy, String level, String prefix, int count,
			int countyIndex, String[] kinds, int[] kindWeights) throws SQLException {
		for (int i = 1; i <= count; i++) {
			long id = this.world.ids.next("assistance_unit");
			String countyId = (countyIndex >= 0) ? Long.toString(countyIndex + 1) : null;
			rows.add(id)
				.add(DemoNames.copyName(prefix + "（示例）" + DemoNames.three(i), copy))
				.add(level)
				.add(kinds[DemoNumbers.pick(random, kindWeights)])
				.add(countyId)
				.endRow();
			this.world.units.add(new UnitInfo(id, copy, countyIndex, i - 1));
		}
	}

	private void pair(CopyWriter rows, UnitInfo unit, VillageInfo village) throws SQLException {
		rows.add(this.world.ids.next("unit_pairing")).add(unit.id()).add(village.id).add(TERM_START).endRow();
		village.units.add(unit.id());
	}

	List<PostingInfo> writeCadresAndPostings(Connection connection) throws SQLException {
		SplittableRandom random = this.world.random("cadres", 0);
		List<PostingInfo> postings = new ArrayList<>();
		List<long[]> cadres = new ArrayList<>();
		for (int copy = 0; copy < this.world.scale; copy++) {
			List<VillageInfo> keyVillages = this.world.villagesOf(copy, true);
			List<VillageInfo> others = this.world.villagesOf(copy, false);
			DemoNumbers.shuffle(others, random);
			// 1,297 villages have a first secretary: every key village and 1,045 others;
			// 990 of them have two
			// team members and 307 one, 2,287 team members in all
			List<VillageInfo> staffed = new ArrayList<>(keyVillages);
			staffed.addAll(others.subList(0, DemoFigures.FIRST_SECRETARIES - keyVillages.size()));
			for (int i = 0; i < staffed.size(); i++) {
				VillageInfo village = staffed.get(i);
				int members = (i < 990) ? 2 : 1;
				for (int m = 0; m <= members; m++) {
					String role = (m == 0) ? "FIRST_SECRETARY" : "TEAM_MEMBER";
					long unit = dispatchingUnit(village, random);
					boolean rotated = random.nextInt(100) < 40;
					if (rotated) {
						long predecessor = this.world.ids.next("cadre");
						cadres.add(new long[] { predecessor, unit });
						postings.add(new PostingInfo(this.world.ids.next("posting"), predecessor, village, role,
								TERM_START, ROTATION_DAY.minusDays(1)));
					}
					long cadre = this.world.ids.next("cadre");
					cadres.add(new long[] { cadre, unit });
					PostingInfo posting = new PostingInfo(this.world.ids.next("posting"), cadre, village, role,
							rotated ? ROTATION_DAY : TERM_START, null);
					postings.add(posting);
					village.cadres.add(posting);
				}
			}
		}
		rotateToToday(postings, cadres);
		try (CopyWriter rows = new CopyWriter(connection, "cadre", "id, name, gender, phone, dispatching_unit_id")) {
			for (long[] cadre : cadres) {
				SplittableRandom own = this.world.random("cadre", cadre[0]);
				rows.add(cadre[0])
					.add(DemoNames.SURNAMES[own.nextInt(DemoNames.SURNAMES.length)] + "某" + "G" + cadre[0])
					.add(own.nextInt(100) < 30 ? "FEMALE" : "MALE")
					.add(DemoNames.phone(1_000_000L + cadre[0]))
					.add(cadre[1])
					.endRow();
			}
		}
		try (CopyWriter rows = new CopyWriter(connection, "posting",
				"id, cadre_id, village_id, role, started_on, ended_on, succeeds_posting_id, handover_note")) {
			for (PostingInfo posting : postings) {
				PostingInfo predecessor = this.world.predecessors.get(posting.id());
				rows.add(posting.id())
					.add(posting.cadreId())
					.add(posting.village().id)
					.add(posting.role())
					.add(posting.startedOn())
					.add(posting.endedOn())
					.add((predecessor != null) ? predecessor.id() : null)
					.add((predecessor != null) ? "移交村务台账、监测户名册和帮扶项目资料（示例）" : null)
					.endRow();
			}
		}
		return postings;
	}

	/**
	 * The rotations after the report, every two years from the report's rotation day up
	 * to today: each posting in force is handed over to a successor of the same unit, who
	 * arrives on the day the predecessor leaves. The postings of 2023 stay as they were
	 * (the report's figures read them); {@link DemoWorld#current} leads from each to the
	 * posting that holds its place today.
	 */
	private void rotateToToday(List<PostingInfo> postings, List<long[]> cadres) {
		java.util.Map<Long, Long> units = new java.util.HashMap<>();
		cadres.forEach((cadre) -> units.put(cadre[0], cadre[1]));
		for (LocalDate day = ROTATION_DAY.plusYears(2); !day.isAfter(this.world.today); day = day.plusYears(2)) {
			List<PostingInfo> handedOver = new ArrayList<>();
			for (int i = 0; i < postings.size(); i++) {
				PostingInfo posting = postings.get(i);
				if (posting.endedOn() != null) {
					continue;
				}
				PostingInfo ended = new PostingInfo(posting.id(), posting.cadreId(), posting.village(), posting.role(),
						posting.startedOn(), day.minusDays(1));
				postings.set(i, ended);
				long successor = this.world.ids.next("cadre");
				cadres.add(new long[] { successor, units.get(posting.cadreId()) });
				units.put(successor, units.get(posting.cadreId()));
				PostingInfo next = new PostingInfo(this.world.ids.next("posting"), successor, posting.village(),
						posting.role(), day, null);
				this.world.predecessors.put(next.id(), ended);
				handedOver.add(next);
			}
			postings.addAll(handedOver);
		}
		// each posting's successor, if it was handed over
		java.util.Map<Long, PostingInfo> successors = new java.util.HashMap<>();
		for (PostingInfo posting : postings) {
			PostingInfo predecessor = this.world.predecessors.get(posting.id());
			if (predecessor != null) {
				successors.put(predecessor.id(), posting);
			}
		}
		for (PostingInfo posting : postings) {
			PostingInfo now = posting;
			while (successors.containsKey(now.id())) {
				now = successors.get(now.id());
			}
			this.world.current.put(posting.id(), now);
		}
	}

	private long dispatchingUnit(VillageInfo village, SplittableRandom random) {
		if (!village.units.isEmpty()) {
			return village.units.get(random.nextInt(village.units.size()));
		}
		List<UnitInfo> county = new ArrayList<>();
		for (UnitInfo unit : this.world.units) {
			if (unit.countyIndex() == village.countyIndex) {
				county.add(unit);
			}
		}
		return county.get(random.nextInt(county.size())).id();
	}

	void writeLeaders(Connection connection) throws SQLException {
		SplittableRandom random = this.world.random("leaders", 0);
		List<long[]> liaisons = new ArrayList<>();
		try (CopyWriter rows = new CopyWriter(connection, "leader", "id, name, title")) {
			for (int copy = 0; copy < this.world.scale; copy++) {
				int[] takenPerCounty = new int[AreaGenerator.COUNTIES.length];
				for (int i = 0; i < DemoFigures.LEADER_LIAISONS; i++) {
					long id = this.world.ids.next("leader");
					String title = LEADER_TITLES[(i < 6) ? i : 6 + i % 4];
					rows.add(id)
						.add(DemoNames.SURNAMES[random.nextInt(DemoNames.SURNAMES.length)] + "某" + "L" + id)
						.add(title)
						.endRow();
					int county = i % AreaGenerator.COUNTIES.length;
					int countyIndex = copy * AreaGenerator.COUNTIES.length + county;
					VillageInfo keyVillage = nthKeyVillage(countyIndex, takenPerCounty[county]++);
					liaisons.add(new long[] { id, countyIndex + 1, keyVillage.id });
				}
			}
		}
		try (CopyWriter rows = new CopyWriter(connection, "leader_liaison",
				"id, leader_id, county_id, village_id, started_on")) {
			for (long[] liaison : liaisons) {
				rows.add(this.world.ids.next("leader_liaison"))
					.add(liaison[0])
					.add(liaison[1])
					.add(liaison[2])
					.add(LocalDate.of(2023, 1, 1))
					.endRow();
			}
		}
	}

	private VillageInfo nthKeyVillage(int countyIndex, int n) {
		int seen = 0;
		for (VillageInfo village : this.world.villages) {
			if (village.countyIndex == countyIndex && village.key) {
				if (seen++ == n) {
					return village;
				}
			}
		}
		throw new IllegalStateException("County " + countyIndex + " has fewer than " + (n + 1) + " key villages");
	}

}
