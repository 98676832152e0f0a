package cn.ankang.bangfu.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Writes a deterministic, synthetic Ankang into an empty database: the real counties with
 * their division codes, and made-up towns, villages, units, people and money whose counts
 * and sums equal the figures of the 2023 annual report ({@link DemoFigures}). The same
 * seed always gives the same rows.
 * <p>
 * A scale factor above 1 adds synthetic copies of the city (codes starting {@code 99},
 * which no real province has), each with the same counts, for benchmarks at province or
 * national size.
 * <p>
 * Rows of one table depend on rows of earlier ones, and PostgreSQL takes one COPY at a
 * time per connection, so tables are written one after the other; what later tables need
 * is kept in compact arrays, and per-row random streams derived from the seed let each
 * table regenerate the details it needs.
 */
final class DemoDataGenerator {

	/** The last day the report covers; the demo world is seen as of then. */
	static final LocalDate REPORT_END = LocalDate.of(2023, 12, 31);

	private static final LocalDate TERM_START = LocalDate.of(2021, 6, 1);

	private static final LocalDate ROTATION_DAY = LocalDate.of(2023, 6, 1);

	private static final LocalDate REPORT_YEAR_END = LocalDate.of(2023, 12, 31);

	/** The year of the pipeline the report speaks of. */
	private static final int PIPELINE_YEAR = 2024;

	private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

	// The ten counties of Ankang: real names and division codes. Towns and villages per
	// county are
	// illustrative; they add up to about the 1,900 villages the city has (and the
	// relocation
	// communities after them, writeRelocationCommunities).
	private static final String[][] COUNTIES = { { "610902", "汉滨区", "DISTRICT", "24", "430", "32.69", "109.03" },
			{ "610921", "汉阴县", "COUNTY", "10", "150", "32.89", "108.51" },
			{ "610922", "石泉县", "COUNTY", "11", "160", "33.04", "108.25" },
			{ "610923", "宁陕县", "COUNTY", "11", "80", "33.31", "108.31" },
			{ "610924", "紫阳县", "COUNTY", "17", "190", "32.52", "108.53" },
			{ "610925", "岚皋县", "COUNTY", "12", "130", "32.31", "108.90" },
			{ "610926", "平利县", "COUNTY", "11", "150", "32.39", "109.36" },
			{ "610927", "镇坪县", "COUNTY", "7", "60", "31.88", "109.53" },
			{ "610929", "白河县", "COUNTY", "11", "120", "32.81", "110.11" },
			{ "610981", "旬阳市", "COUNTY_LEVEL_CITY", "21", "430", "32.83", "109.36" } };

	// Which counties are key assistance counties is illustrative: four national, one
	// provincial (the report's
	// counts), not the official list.
	private static final String[] NATIONAL_KEY_COUNTIES = { "610924", "610925", "610927", "610929" };

	private static final String PROVINCIAL_KEY_COUNTY = "610923";

	private static final String[] PLACE_FIRST = { "茶", "竹", "石", "双", "蒿", "大", "新", "龙", "金", "太", "凤", "观", "高", "沙",
			"铁", "中", "关", "洞", "红", "麻", "黄", "麦", "安", "平", "长", "汉", "西", "东", "南", "北", "柳", "桃", "松", "青", "白",
			"马", "牛", "狮", "花", "清" };

	private static final String[] PLACE_SECOND = { "坪", "河", "溪", "坝", "岭", "沟", "湾", "口", "关", "山", "庙", "垭", "营", "桥",
			"堡", "岩", "园", "林", "田", "塘" };

	private static final String[] SURNAMES = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
			"胡", "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董",
			"袁", "潘", "蒋", "蔡", "余" };

	private static final String[] LEADER_TITLES = { "市委书记", "市长", "市人大常委会主任", "市政协主席", "市委副书记", "常务副市长", "市委常委", "副市长",
			"市人大常委会副主任", "市政协副主席" };

	private static final String[] RISKS = { "ILLNESS", "DISABILITY", "SCHOOLING_COSTS", "DISASTER", "ACCIDENT",
			"UNSTABLE_EMPLOYMENT", "LACK_OF_LABOUR", "HOUSING_SAFETY", "DRINKING_WATER", "OTHER" };

	private static final int[] RISK_WEIGHTS = { 34, 18, 10, 6, 4, 12, 10, 3, 1, 2 };

	private static final String[] MEASURE_TYPES = { "INDUSTRY", "EMPLOYMENT", "HEALTH", "EDUCATION", "SOCIAL_SECURITY",
			"MICROCREDIT", "PUBLIC_WELFARE_JOB", "HOUSING", "DRINKING_WATER", "OTHER" };

	private static final int[] MEASURE_WEIGHTS = { 26, 22, 14, 9, 10, 7, 6, 3, 1, 2 };

	private static final String[] MEASURE_TEXT = { "发放产业奖补，发展茶叶、魔芋种植", "推荐到社区工厂就业", "落实医疗保障和大病救助", "落实教育资助", "纳入低保兜底保障",
			"发放小额信贷", "安排公益岗位", "实施危房改造", "解决安全饮水", "落实临时救助" };

	private static final String[] INDUSTRIES = { "TEA", "KONJAC", "PIGS", "ECO_FISHERY", "HERBAL_MEDICINE",
			"COMMUNITY_FACTORY", "OTHER" };

	private static final String[] INDUSTRY_NAMES = { "茶园提升", "魔芋种植基地", "生猪养殖场", "生态渔业", "黄连中药材基地", "社区工厂", "特色产业" };

	private static final String[] OTHER_CATEGORIES = { "EMPLOYMENT", "INFRASTRUCTURE", "PUBLIC_SERVICE", "HOUSING",
			"EDUCATION", "HEALTH" };

	private static final String[] OTHER_CATEGORY_NAMES = { "就业帮扶车间", "产业路硬化", "村级综合服务设施", "农房改造", "村小学改善", "村卫生室建设" };

	private static final String[] VISIT_NOTES = { "入户走访，了解家庭收入和务工情况", "核实三保障和饮水安全情况", "宣传帮扶政策，落实帮扶措施", "了解产业发展情况",
			"走访慰问" };

	private final long seed;

	private final int scale;

	private final LocalDate today;

	private final Ids ids = new Ids();

	// what later tables need of villages, cadres and units, over all copies of the city
	private final List<VillageInfo> villages = new ArrayList<>();

	private final List<UnitInfo> units = new ArrayList<>();

	// the provincial key towns, over all copies of the city
	private final java.util.Set<Long> keyTowns = new java.util.HashSet<>();

	// the relocation communities, after every copy's villages
	private final List<CommunityInfo> communities = new ArrayList<>();

	// the rotations after the report: each successor's posting to its predecessor's, and
	// each posting to the one that holds its place today
	private final java.util.Map<Long, PostingInfo> predecessors = new java.util.HashMap<>();

	private final java.util.Map<Long, PostingInfo> current = new java.util.HashMap<>();

	DemoDataGenerator(long seed, int scale) {
		this(seed, scale, LocalDate.now(ZoneOffset.ofHours(8)));
	}

	/**
	 * @param today the day the monitoring work in progress is seen from: the cases being
	 * verified, reviewed and confirmed, and their tasks, are dated in the weeks before it
	 */
	DemoDataGenerator(long seed, int scale, LocalDate today) {
		this.today = today;
		if (scale < 1 || scale > 100) {
			throw new IllegalArgumentException("The scale must be between 1 and 100, but was " + scale);
		}
		this.seed = seed;
		this.scale = scale;
	}

	/**
	 * Writes the whole data set through {@code connection}, which must be in a
	 * transaction on an empty, migrated database.
	 */
	void write(Connection connection) throws SQLException {
		writeAreas(connection);
		moveIdentities(connection, List.of("city", "county", "town", "village"));
		writeUnitsAndPairings(connection);
		List<PostingInfo> postings = writeCadresAndPostings(connection);
		writeLeaders(connection);
		writeProjects(connection);
		writeThisYearsProjects(connection);
		Households households = writeHouseholds(connection, postings);
		writeMembers(connection, households);
		writeIncomes(connection, households);
		writeMeasures(connection, households);
		writeVisits(connection, households, postings);
		writeMonitoring(connection, households);
		writePublishedReport(connection);
		writeVillageRecords(connection);
		moveIdentities(connection,
				List.of("assistance_unit", "unit_pairing", "cadre", "posting", "leader", "leader_liaison", "project",
						"household", "household_member", "assistance_measure", "monitoring_case", "risk_warning",
						"task"));
		// written last, from streams of their own: the rows before stay as they were
		writeEnterprises(connection, households);
		moveIdentities(connection, List.of("enterprise", "enterprise_year"));
		writeSupervision(connection);
		moveIdentities(connection, List.of("supervision_round", "supervision_coverage", "supervision_problem"));
		for (int copy = 0; copy < this.scale; copy++) {
			writeOutOfPovertyPopulation(connection, households, copy);
		}
		moveIdentities(connection, List.of("exited_household", "microcredit_loan"));
		writeVillageConstruction(connection);
		moveIdentities(connection, List.of("project"));
	}

	// The 2023 report as published (figure.ReportFigure codes): value in the figure's
	// unit, the step it was rounded to, the report's words
	private static final String[][] PUBLISHED_2023 = { { "LEADER_LIAISONS", "34", "1", "34名" },
			{ "ASSISTANCE_UNITS", "1279", "1", "1279个" }, { "FIRST_SECRETARIES", "1297", "1", "1297名" },
			{ "TEAM_MEMBERS", "2287", "1", "2287名" },
			{ "DESIGNATED_ASSISTANCE_FUNDS", "290000000", "10000000", "2.9亿元" },
			{ "DESIGNATED_ASSISTANCE_PROJECTS", "1144", "1", "1144个" }, { "NATIONAL_KEY_COUNTIES", "4", "1", "4个" },
			{ "PROVINCIAL_KEY_COUNTIES", "1", "1", "1个" }, { "PROVINCIAL_KEY_TOWNS", "10", "1", "10个" },
			{ "KEY_VILLAGES", "252", "1", "252个" }, { "KEY_COUNTY_LINKAGE_FUNDS", "1542000000", "1000000", "15.42亿元" },
			{ "KEY_COUNTY_LINKAGE_PROJECTS", "1432", "1", "1432个" },
			{ "KEY_COUNTY_LINKAGE_FUNDS_SHARE", "0.72", "0.01", "72%" },
			{ "KEY_COUNTY_LINKAGE_PROJECTS_SHARE", "0.68", "0.01", "68%" },
			{ "KEY_TOWN_AND_VILLAGE_LINKAGE_FUNDS", "362000000", "1000000", "3.62亿元" },
			{ "LINKAGE_FUNDS", "2478000000", "1000000", "24.78亿元" }, { "LINKAGE_PROJECTS", "2097", "1", "2097个" },
			{ "CENTRAL_AND_PROVINCIAL_SPENDING_RATE", "1", "0.01", "100%" },
			{ "NEXT_YEAR_PIPELINE_PROJECTS", "3473", "1", "3473个" },
			{ "NEXT_YEAR_PIPELINE_PLANNED", "5373000000", "1000000", "53.73亿元" },
			{ "EAST_WEST_COLLABORATION_FUNDS", "787000000", "1000000", "7.87亿元" },
			{ "MONITORED_HOUSEHOLDS", "24456", "1", "24456户" }, { "MONITORED_PEOPLE", "78596", "1", "78596人" },
			{ "NEW_MONITORED_HOUSEHOLDS", "2676", "1", "2676户" }, { "NEW_MONITORED_PEOPLE", "9135", "1", "9135人" },
			{ "ASSISTANCE_MEASURES", "81824", "1", "81824项" }, { "ELIMINATED_HOUSEHOLDS", "16069", "1", "16069户" },
			{ "ELIMINATED_PEOPLE", "53189", "1", "53189人" },
			{ "ELIMINATION_RATE_BY_PEOPLE", "0.677", "0.001", "67.7%" }, { "SUPERVISION_ROUNDS", "5", "1", "5轮次" },
			{ "SUPERVISION_PROBLEMS_RECTIFIED", "301", "1", "301个" }, { "INDUSTRY_PROJECTS", "865", "1", "865个" },
			{ "VILLAGES_WITH_COLLECTIVE_INCOME_OVER_100K", "1548", "1", "1548个" },
			{ "MICROCREDIT_ISSUED", "7928000000", "1000000", "79.28亿元" },
			{ "DRIVING_ENTERPRISES", "1233", "1", "1233个" }, { "PEOPLE_DRIVEN", "115000", "1000", "11.5万" },
			{ "PEOPLE_IN_WORK", "379900", "100", "37.99万人" }, { "COMMUNITY_FACTORIES", "1017", "1", "1017家" },
			{ "COMMUNITY_FACTORY_JOBS", "37800", "100", "3.78万人" }, { "AVERAGE_NET_INCOME", "14884", "1", "14884元" },
			{ "AVERAGE_NET_INCOME_GROWTH", "0.141", "0.001", "14.1%" }, { "VILLAGE_PLANS", "117", "1", "117个" },
			{ "VILLAGE_CONSTRUCTION_PROJECTS", "2596", "1", "2596个" },
			{ "VILLAGES_WITH_LEGAL_ADVISER", "1925", "1", "1925个" } };

	/**
	 * The real city's 2023 report as it was published, figure by figure: the copies of
	 * the city published none.
	 */
	private void writePublishedReport(Connection connection) throws SQLException {
		try (CopyWriter rows = new CopyWriter(connection, "published_figure",
				"city_id, year, figure, value, rounded_to, wording")) {
			for (String[] figure : PUBLISHED_2023) {
				rows.add(1).add(2023).add(figure[0]).add(figure[1]).add(figure[2]).add(figure[3]).endRow();
			}
		}
	}

	/**
	 * Writes the areas alone (the city, its counties, towns and villages, with their
	 * designations): the world a new city starts from before it keeps its records through
	 * the API.
	 */
	void writeAreasOnly(Connection connection) throws SQLException {
		writeAreas(connection);
		moveIdentities(connection, List.of("city", "county", "town", "village"));
	}

	/**
	 * Rows came with explicit ids: moves each identity past them, for rows added later.
	 */
	private static void moveIdentities(Connection connection, List<String> tables) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			for (String table : tables) {
				statement.execute("select setval(pg_get_serial_sequence('" + table + "', 'id'), "
						+ "coalesce((select max(id) from " + table + "), 0) + 1, false)");
			}
		}
	}

	// Areas
	// -----------------------------------------------------------------------------------------------

	private void writeAreas(Connection connection) throws SQLException {
		List<String[]> counties = new ArrayList<>();
		try (CopyWriter cities = new CopyWriter(connection, "city", "id, code, name")) {
			for (int copy = 0; copy < this.scale; copy++) {
				String cityCode = (copy == 0) ? "6109" : "99" + two(copy);
				cities.add(copy + 1).add(cityCode).add(copyName("安康市", copy)).endRow();
			}
		}
		// counties, then towns, then villages: one COPY at a time
		List<long[]> countyTownRange = new ArrayList<>();
		try (CopyWriter countyRows = new CopyWriter(connection, "county",
				"id, city_id, code, name, kind, key_designation")) {
			for (int copy = 0; copy < this.scale; copy++) {
				for (String[] county : COUNTIES) {
					long id = this.ids.next("county");
					String code = (copy == 0) ? county[0] : "99" + two(copy) + county[0].substring(4);
					countyRows.add(id)
						.add(copy + 1)
						.add(code)
						.add(copyName(county[1], copy))
						.add(county[2])
						.add(countyDesignation(county[0]))
						.endRow();
					counties.add(new String[] { Long.toString(id), code, county[0] });
				}
			}
		}
		SplittableRandom random = random("areas", 0);
		List<long[]> townInfo = new ArrayList<>();
		try (CopyWriter townRows = new CopyWriter(connection, "town",
				"id, county_id, code, name, kind, key_designation")) {
			for (int c = 0; c < counties.size(); c++) {
				String[] county = counties.get(c);
				String[] base = COUNTIES[c % COUNTIES.length];
				int townCount = Integer.parseInt(base[3]);
				int keyTowns = keyTownsIn(base[0]);
				for (int t = 0; t < townCount; t++) {
					long id = this.ids.next("town");
					boolean subdistrict = base[2].equals("DISTRICT") && t < 3;
					String name = placeName(random) + (subdistrict ? "街道" : "镇");
					townRows.add(id)
						.add(county[0])
						.add(county[1] + three(t + 1))
						.add(name)
						.add(subdistrict ? "SUBDISTRICT" : "TOWN")
						.add((t >= townCount - keyTowns) ? "PROVINCIAL" : null)
						.endRow();
					if (t >= townCount - keyTowns) {
						this.keyTowns.add(id);
					}
					townInfo.add(new long[] { id, c, t });
				}
				countyTownRange.add(new long[] { townInfo.size() - townCount, townCount });
			}
		}
		try (CopyWriter villageRows = new CopyWriter(connection, "village",
				"id, town_id, code, name, kind, key_designation, latitude, longitude")) {
			for (int c = 0; c < counties.size(); c++) {
				String[] county = counties.get(c);
				String[] base = COUNTIES[c % COUNTIES.length];
				int copy = c / COUNTIES.length;
				int villageCount = Integer.parseInt(base[4]);
				long firstTown = countyTownRange.get(c)[0];
				int townCount = (int) countyTownRange.get(c)[1];
				boolean keyCounty = countyDesignation(base[0]) != null;
				// 252 key villages in the city: 4 in every county (for the leaders'
				// liaisons), then more in the
				// key counties
				int keyVillages = 4
						+ (keyCounty ? keyVillageExtraInKeyCounty(base[0]) : keyVillageExtraElsewhere(base[0]));
				double lat = Double.parseDouble(base[5]);
				double lon = Double.parseDouble(base[6]);
				for (int v = 0; v < villageCount; v++) {
					int townIndex = v % townCount;
					long[] town = townInfo.get((int) firstTown + townIndex);
					int inTown = v / townCount + 1;
					long id = this.ids.next("village");
					boolean key = v < keyVillages;
					boolean community = inTown == 1 && townIndex % 3 == 0;
					double vLat = lat + (random.nextDouble() - 0.5) * 0.4;
					double vLon = lon + (random.nextDouble() - 0.5) * 0.4;
					villageRows.add(id)
						.add(town[0])
						.add(county[1] + three((int) town[2] + 1) + three(inTown))
						.add(placeName(random) + (community ? "社区" : "村"))
						.add(community ? "COMMUNITY" : "VILLAGE")
						.add(key ? "PROVINCIAL" : null)
						.add(String.format(Locale.ROOT, "%.6f", vLat))
						.add(String.format(Locale.ROOT, "%.6f", vLon))
						.endRow();
					this.villages.add(new VillageInfo(id, town[0], c, copy, key, keyCounty));
				}
			}
			writeRelocationCommunities(villageRows, counties, townInfo, countyTownRange);
		}
		try (CopyWriter rows = new CopyWriter(connection, "relocation_community",
				"village_id, opened_year, households_moved, people_moved")) {
			for (CommunityInfo community : this.communities) {
				rows.add(community.id)
					.add(community.openedYear)
					.add(community.households)
					.add(community.people)
					.endRow();
			}
		}
	}

	/**
	 * The relocation communities (易地搬迁安置社区), {@link DemoFigures#RELOCATION_COMMUNITIES}
	 * per copy of the city: communities of kind COMMUNITY appended after every copy's
	 * villages, with a random stream of their own, so that the villages before them,
	 * their ids and everything drawn for them stay as they were. They take no part in the
	 * pairings, postings, projects, households and visits; the villages' own records
	 * count them.
	 */
	private void writeRelocationCommunities(CopyWriter villageRows, List<String[]> counties, List<long[]> townInfo,
			List<long[]> countyTownRange) throws SQLException {
		SplittableRandom random = random("relocation", 0);
		int perCounty = DemoFigures.RELOCATION_COMMUNITIES / COUNTIES.length;
		for (int c = 0; c < counties.size(); c++) {
			String[] county = counties.get(c);
			String[] base = COUNTIES[c % COUNTIES.length];
			long firstTown = countyTownRange.get(c)[0];
			int townCount = (int) countyTownRange.get(c)[1];
			double lat = Double.parseDouble(base[5]);
			double lon = Double.parseDouble(base[6]);
			for (int i = 0; i < perCounty; i++) {
				long[] town = townInfo.get((int) firstTown + i % townCount);
				long id = this.ids.next("village");
				villageRows.add(id)
					.add(town[0])
					// 9xx: after the villages' own numbers in the town
					.add(county[1] + three((int) town[2] + 1) + three(901 + i / townCount))
					.add(placeName(random) + "安置社区")
					.add("COMMUNITY")
					.add(null)
					.add(String.format(Locale.ROOT, "%.6f", lat + (random.nextDouble() - 0.5) * 0.2))
					.add(String.format(Locale.ROOT, "%.6f", lon + (random.nextDouble() - 0.5) * 0.2))
					.endRow();
				int households = 150 + random.nextInt(1_350);
				int people = households * 3 + random.nextInt(households);
				this.communities
					.add(new CommunityInfo(id, c / COUNTIES.length, c, 2011 + random.nextInt(10), households, people));
			}
		}
	}

	private static String countyDesignation(String realCode) {
		for (String code : NATIONAL_KEY_COUNTIES) {
			if (code.equals(realCode)) {
				return "NATIONAL";
			}
		}
		return PROVINCIAL_KEY_COUNTY.equals(realCode) ? "PROVINCIAL" : null;
	}

	/** Ten provincial key towns: two in each key county. */
	private static int keyTownsIn(String realCode) {
		return (countyDesignation(realCode) != null) ? 2 : 0;
	}

	/**
	 * Key villages beyond the four per county: 212 more, 30 in each key county and 62
	 * elsewhere.
	 */
	private static int keyVillageExtraInKeyCounty(String realCode) {
		return 30;
	}

	private static int keyVillageExtraElsewhere(String realCode) {
		// five counties share 62: 13, 13, 12, 12, 12
		return switch (realCode) {
			case "610902", "610921" -> 13;
			default -> 12;
		};
	}

	// Units and pairings
	// --------------------------------------------------------------------------------

	private void writeUnitsAndPairings(Connection connection) throws SQLException {
		SplittableRandom random = random("units", 0);
		String[] kinds = { "GOVERNMENT_DEPARTMENT", "STATE_ENTERPRISE", "PRIVATE_ENTERPRISE", "UNIVERSITY", "HOSPITAL",
				"OTHER" };
		int[] kindWeights = { 70, 12, 8, 3, 4, 3 };
		try (CopyWriter rows = new CopyWriter(connection, "assistance_unit", "id, name, level, kind, county_id")) {
			for (int copy = 0; copy < this.scale; copy++) {
				// 12 central, 87 provincial, 180 municipal and 100 per county: 1,279 in
				// all
				addUnits(rows, random, copy, "CENTRAL", "中央帮扶单位", 12, -1, kinds, kindWeights);
				addUnits(rows, random, copy, "PROVINCIAL", "省级帮扶单位", 87, -1, kinds, kindWeights);
				addUnits(rows, random, copy, "MUNICIPAL", "市级帮扶单位", 180, -1, kinds, kindWeights);
				for (int c = 0; c < COUNTIES.length; c++) {
					addUnits(rows, random, copy, "COUNTY", COUNTIES[c][1] + "帮扶单位", 100, copy * COUNTIES.length + c,
							kinds, kindWeights);
				}
			}
		}
		try (CopyWriter rows = new CopyWriter(connection, "unit_pairing", "id, unit_id, village_id, started_on")) {
			for (int copy = 0; copy < this.scale; copy++) {
				List<VillageInfo> keyVillages = villagesOf(copy, true);
				List<VillageInfo> others = villagesOf(copy, false);
				// central, provincial and municipal units take the key villages, round
				// and round; county units
				// take villages of their own county
				int k = 0;
				for (UnitInfo unit : this.units) {
					if (unit.copy != copy) {
						continue;
					}
					if (unit.countyIndex < 0) {
						VillageInfo village = keyVillages.get(k++ % keyVillages.size());
						pair(rows, unit, village);
					}
					else {
						List<VillageInfo> own = new ArrayList<>();
						for (VillageInfo village : others) {
							if (village.countyIndex == unit.countyIndex) {
								own.add(village);
							}
						}
						// every county unit gets at least one village, small counties'
						// villages several units
						int slot = unit.indexInCounty;
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
			long id = this.ids.next("assistance_unit");
			String countyId = (countyIndex >= 0) ? Long.toString(countyIndex + 1) : null;
			rows.add(id)
				.add(copyName(prefix + "（示例）" + three(i), copy))
				.add(level)
				.add(kinds[pick(random, kindWeights)])
				.add(countyId)
				.endRow();
			this.units.add(new UnitInfo(id, copy, countyIndex, i - 1));
		}
	}

	private void pair(CopyWriter rows, UnitInfo unit, VillageInfo village) throws SQLException {
		rows.add(this.ids.next("unit_pairing")).add(unit.id).add(village.id).add(TERM_START).endRow();
		village.units.add(unit.id);
	}

	// Cadres and postings
	// ---------------------------------------------------------------------------------

	private List<PostingInfo> writeCadresAndPostings(Connection connection) throws SQLException {
		SplittableRandom random = random("cadres", 0);
		List<PostingInfo> postings = new ArrayList<>();
		List<long[]> cadres = new ArrayList<>();
		for (int copy = 0; copy < this.scale; copy++) {
			List<VillageInfo> keyVillages = villagesOf(copy, true);
			List<VillageInfo> others = villagesOf(copy, false);
			shuffle(others, random);
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
						long predecessor = this.ids.next("cadre");
						cadres.add(new long[] { predecessor, unit });
						postings.add(new PostingInfo(this.ids.next("posting"), predecessor, village, role, TERM_START,
								ROTATION_DAY.minusDays(1)));
					}
					long cadre = this.ids.next("cadre");
					cadres.add(new long[] { cadre, unit });
					PostingInfo posting = new PostingInfo(this.ids.next("posting"), cadre, village, role,
							rotated ? ROTATION_DAY : TERM_START, null);
					postings.add(posting);
					village.cadres.add(posting);
				}
			}
		}
		rotateToToday(postings, cadres);
		try (CopyWriter rows = new CopyWriter(connection, "cadre", "id, name, gender, phone, dispatching_unit_id")) {
			for (long[] cadre : cadres) {
				SplittableRandom own = random("cadre", cadre[0]);
				rows.add(cadre[0])
					.add(SURNAMES[own.nextInt(SURNAMES.length)] + "某" + "G" + cadre[0])
					.add(own.nextInt(100) < 30 ? "FEMALE" : "MALE")
					.add(phone(1_000_000L + cadre[0]))
					.add(cadre[1])
					.endRow();
			}
		}
		try (CopyWriter rows = new CopyWriter(connection, "posting",
				"id, cadre_id, village_id, role, started_on, ended_on, succeeds_posting_id, handover_note")) {
			for (PostingInfo posting : postings) {
				PostingInfo predecessor = this.predecessors.get(posting.id);
				rows.add(posting.id)
					.add(posting.cadreId)
					.add(posting.village.id)
					.add(posting.role)
					.add(posting.startedOn)
					.add(posting.endedOn)
					.add((predecessor != null) ? predecessor.id : null)
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
	 * (the report's figures read them); {@link #current} leads from each to the posting
	 * that holds its place today.
	 */
	private void rotateToToday(List<PostingInfo> postings, List<long[]> cadres) {
		java.util.Map<Long, Long> units = new java.util.HashMap<>();
		cadres.forEach((cadre) -> units.put(cadre[0], cadre[1]));
		for (LocalDate day = ROTATION_DAY.plusYears(2); !day.isAfter(this.today); day = day.plusYears(2)) {
			List<PostingInfo> handedOver = new ArrayList<>();
			for (int i = 0; i < postings.size(); i++) {
				PostingInfo posting = postings.get(i);
				if (posting.endedOn != null) {
					continue;
				}
				PostingInfo ended = new PostingInfo(posting.id, posting.cadreId, posting.village, posting.role,
						posting.startedOn, day.minusDays(1));
				postings.set(i, ended);
				long successor = this.ids.next("cadre");
				cadres.add(new long[] { successor, units.get(posting.cadreId) });
				units.put(successor, units.get(posting.cadreId));
				PostingInfo next = new PostingInfo(this.ids.next("posting"), successor, posting.village, posting.role,
						day, null);
				this.predecessors.put(next.id, ended);
				handedOver.add(next);
			}
			postings.addAll(handedOver);
		}
		// each posting's successor, if it was handed over
		java.util.Map<Long, PostingInfo> successors = new java.util.HashMap<>();
		for (PostingInfo posting : postings) {
			PostingInfo predecessor = this.predecessors.get(posting.id);
			if (predecessor != null) {
				successors.put(predecessor.id, posting);
			}
		}
		for (PostingInfo posting : postings) {
			PostingInfo now = posting;
			while (successors.containsKey(now.id)) {
				now = successors.get(now.id);
			}
			this.current.put(posting.id, now);
		}
	}

	/** The villages of one copy of the city that are key villages, or that are not. */
	private List<VillageInfo> villagesOf(int copy, boolean key) {
		List<VillageInfo> found = new ArrayList<>();
		for (VillageInfo village : this.villages) {
			if (village.copy == copy && village.key == key) {
				found.add(village);
			}
		}
		return found;
	}

	private long dispatchingUnit(VillageInfo village, SplittableRandom random) {
		if (!village.units.isEmpty()) {
			return village.units.get(random.nextInt(village.units.size()));
		}
		List<UnitInfo> county = new ArrayList<>();
		for (UnitInfo unit : this.units) {
			if (unit.countyIndex == village.countyIndex) {
				county.add(unit);
			}
		}
		return county.get(random.nextInt(county.size())).id;
	}

	// Leaders
	// ---------------------------------------------------------------------------------------------

	private void writeLeaders(Connection connection) throws SQLException {
		SplittableRandom random = random("leaders", 0);
		List<long[]> liaisons = new ArrayList<>();
		try (CopyWriter rows = new CopyWriter(connection, "leader", "id, name, title")) {
			for (int copy = 0; copy < this.scale; copy++) {
				int[] takenPerCounty = new int[COUNTIES.length];
				for (int i = 0; i < DemoFigures.LEADER_LIAISONS; i++) {
					long id = this.ids.next("leader");
					String title = LEADER_TITLES[(i < 6) ? i : 6 + i % 4];
					rows.add(id).add(SURNAMES[random.nextInt(SURNAMES.length)] + "某" + "L" + id).add(title).endRow();
					int county = i % COUNTIES.length;
					int countyIndex = copy * COUNTIES.length + county;
					VillageInfo keyVillage = nthKeyVillage(countyIndex, takenPerCounty[county]++);
					liaisons.add(new long[] { id, countyIndex + 1, keyVillage.id });
				}
			}
		}
		try (CopyWriter rows = new CopyWriter(connection, "leader_liaison",
				"id, leader_id, county_id, village_id, started_on")) {
			for (long[] liaison : liaisons) {
				rows.add(this.ids.next("leader_liaison"))
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
		for (VillageInfo village : this.villages) {
			if (village.countyIndex == countyIndex && village.key) {
				if (seen++ == n) {
					return village;
				}
			}
		}
		throw new IllegalStateException("County " + countyIndex + " has fewer than " + (n + 1) + " key villages");
	}

	// Projects
	// --------------------------------------------------------------------------------------------

	private void writeProjects(Connection connection) throws SQLException {
		List<ProjectInfo> projects = new ArrayList<>();
		for (int copy = 0; copy < this.scale; copy++) {
			SplittableRandom random = random("projects", copy);
			List<VillageInfo> keyCountyVillages = new ArrayList<>();
			List<VillageInfo> otherVillages = new ArrayList<>();
			List<VillageInfo> all = new ArrayList<>();
			for (VillageInfo village : this.villages) {
				if (village.copy == copy) {
					(village.keyCounty ? keyCountyVillages : otherVillages).add(village);
					all.add(village);
				}
			}
			// 2023 linkage funds: 1,432 projects and 1,542 million yuan in the five key
			// counties, 665 projects
			// and 936 million elsewhere; 865 of the 2,097 are industry projects
			List<Boolean> industry = flags(DemoFigures.LINKAGE_PROJECTS_2023, DemoFigures.INDUSTRY_PROJECTS_2023,
					random);
			long[] keyAmounts = split(DemoFigures.LINKAGE_FEN_KEY_COUNTIES_2023,
					DemoFigures.LINKAGE_PROJECTS_KEY_COUNTIES_2023, random);
			long[] otherAmounts = split(DemoFigures.LINKAGE_FEN_2023 - DemoFigures.LINKAGE_FEN_KEY_COUNTIES_2023,
					DemoFigures.LINKAGE_PROJECTS_2023 - DemoFigures.LINKAGE_PROJECTS_KEY_COUNTIES_2023, random);
			int firstLinkage = projects.size();
			for (int i = 0; i < DemoFigures.LINKAGE_PROJECTS_2023; i++) {
				boolean inKeyCounty = i < DemoFigures.LINKAGE_PROJECTS_KEY_COUNTIES_2023;
				long amount = inKeyCounty ? keyAmounts[i]
						: otherAmounts[i - DemoFigures.LINKAGE_PROJECTS_KEY_COUNTIES_2023];
				VillageInfo village = pickFrom(inKeyCounty ? keyCountyVillages : otherVillages, random);
				String status = (random.nextInt(100) < 70) ? "COMPLETED"
						: (random.nextInt(100) < 60) ? "ASSETS_HANDED_OVER" : "IN_PROGRESS";
				projects
					.add(project(random, village, 2023, status, industry.get(i), amount, ProjectInfo.LINKAGE, null));
			}
			keyAreasTakeTheirShare(projects.subList(firstLinkage, projects.size()));
			// designated assistance: 1,144 projects, 290 million yuan, carried out by
			// paired units
			long[] designated = split(DemoFigures.DESIGNATED_FEN_2023, DemoFigures.DESIGNATED_PROJECTS_2023, random);
			List<VillageInfo> paired = new ArrayList<>();
			for (VillageInfo village : all) {
				if (!village.units.isEmpty()) {
					paired.add(village);
				}
			}
			for (int i = 0; i < designated.length; i++) {
				VillageInfo village = pickFrom(paired, random);
				long unit = village.units.get(random.nextInt(village.units.size()));
				projects.add(project(random, village, 2023, "COMPLETED", random.nextInt(100) < 45, designated[i],
						ProjectInfo.DESIGNATED, unit));
			}
			// Jiangsu–Shaanxi collaboration: 787 million yuan (the project count, 330, is
			// illustrative)
			long[] eastWest = split(DemoFigures.EAST_WEST_FEN_2023, DemoFigures.EAST_WEST_PROJECTS_2023, random);
			for (long amount : eastWest) {
				projects.add(project(random, pickFrom(all, random), 2023, "COMPLETED", random.nextInt(100) < 60, amount,
						ProjectInfo.EAST_WEST, null));
			}
			// the 2024 pipeline: 3,473 projects, 5,373 million yuan planned
			long[] pipeline = split(DemoFigures.PIPELINE_FEN_2024, DemoFigures.PIPELINE_PROJECTS_2024, random);
			for (long amount : pipeline) {
				projects.add(project(random, pickFrom(all, random), PIPELINE_YEAR, "PIPELINE", random.nextInt(100) < 40,
						amount, ProjectInfo.LINKAGE, null));
			}
		}
		writeProjectRows(connection, projects);
	}

	/**
	 * The report's 2,596 village construction projects of 2023, with some more only
	 * approved that year, on sector departments' money: the linkage totals stay as they
	 * were. Written last, from a stream of their own.
	 */
	private void writeVillageConstruction(Connection connection) throws SQLException {
		List<ProjectInfo> projects = new ArrayList<>();
		for (int copy = 0; copy < this.scale; copy++) {
			SplittableRandom random = random("villageConstruction", copy);
			List<VillageInfo> all = new ArrayList<>();
			for (VillageInfo village : this.villages) {
				if (village.copy == copy) {
					all.add(village);
				}
			}
			int approvedOnly = DemoFigures.VILLAGE_CONSTRUCTION_PROJECTS_2023 / 12;
			for (int i = 0; i < DemoFigures.VILLAGE_CONSTRUCTION_PROJECTS_2023 + approvedOnly; i++) {
				String status = (i >= DemoFigures.VILLAGE_CONSTRUCTION_PROJECTS_2023) ? "APPROVED"
						: VILLAGE_CONSTRUCTION_STATUSES[pick(random, new int[] { 15, 45, 25, 15 })];
				int kind = random.nextInt(VILLAGE_CONSTRUCTION_NAMES.length);
				VillageInfo village = pickFrom(all, random);
				long id = this.ids.next("project");
				// 50,000 to 800,000 yuan, in whole hundreds
				long amount = (500L + random.nextInt(7_501)) * 10_000;
				projects.add(new ProjectInfo(id, "2023年" + VILLAGE_CONSTRUCTION_NAMES[kind] + "项目（示例）" + id,
						"VILLAGE_CONSTRUCTION", null, 2023, status, village, village.townId, null, amount,
						ProjectInfo.SECTOR, 20 + random.nextInt(200)));
			}
		}
		writeProjectRows(connection, projects);
	}

	private static final String[] VILLAGE_CONSTRUCTION_STATUSES = { "IN_PROGRESS", "COMPLETED", "ACCEPTED",
			"ASSETS_HANDED_OVER" };

	private static final String[] VILLAGE_CONSTRUCTION_NAMES = { "通组道路硬化", "农村供水保障", "人居环境整治", "村内路灯安装", "村级广场建设",
			"农村厕所改造", "污水管网建设" };

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
				SplittableRandom random = random("allocations", project.id);
				for (Allocation allocation : project.allocations(random)) {
					rows.add(project.id).add(allocation.source).add(allocation.planned).add(0).endRow();
					if (allocation.spent > 0) {
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
			if (project.village.key || this.keyTowns.contains(project.townId)) {
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
	 * This year's linkage projects, as far as they have come by today: entered in the
	 * pipeline last autumn, approved in spring with their funds allocated by documents,
	 * carried out with payments month by month, and (those begun early) completed,
	 * accepted and handed over. Only when the demo is loaded after the report's years:
	 * the years the report and its pipeline speak of keep their projects as they were.
	 */
	private void writeThisYearsProjects(Connection connection) throws SQLException {
		int year = this.today.getYear();
		if (year <= PIPELINE_YEAR) {
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
			for (int copy = 0; copy < this.scale; copy++) {
				SplittableRandom random = random("thisYear", copy);
				List<VillageInfo> all = villagesOf(copy, true);
				all.addAll(villagesOf(copy, false));
				long[] amounts = split(DemoFigures.LINKAGE_FEN_2023, DemoFigures.LINKAGE_PROJECTS_2023, random);
				for (long amount : amounts) {
					ProjectInfo project = project(random, pickFrom(all, random), year, "PIPELINE",
							random.nextInt(100) < 40, amount, ProjectInfo.LINKAGE, null);
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
						if (!days[k].isAfter(this.today)) {
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
						long[] parts = (sources.length == 1) ? new long[] { amount } : split(amount, 3, random);
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
		for (LocalDate on = start.withDayOfMonth(25).plusMonths(1); !on.isAfter(this.today); on = on.plusMonths(1)) {
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

	/**
	 * An allocation's spending as one to three payments in the months of the project's
	 * year (the last on or before its end), adding up to what was spent.
	 */
	private static List<Object[]> payments(ProjectInfo project, Allocation allocation, SplittableRandom random) {
		int count = (allocation.spent < 300_000) ? 1 : 1 + random.nextInt(3);
		long[] amounts = (count == 1) ? new long[] { allocation.spent } : split(allocation.spent, count, random);
		List<Object[]> payments = new ArrayList<>();
		for (int i = 0; i < amounts.length; i++) {
			// months 3 to 12, in order: payments follow the work
			int month = 3 + (10 * i + random.nextInt(10 / amounts.length)) / amounts.length;
			LocalDate on = LocalDate.of(project.year, month, 1 + random.nextInt(28));
			payments.add(new Object[] { project.id, allocation.source, amounts[i], on,
					"记%d-%s-%d".formatted(project.id, allocation.source.substring(0, 2), i + 1) });
		}
		return payments;
	}

	private ProjectInfo project(SplittableRandom random, VillageInfo village, int year, String status, boolean industry,
			long amountFen, int kind, Long unitId) {
		long id = this.ids.next("project");
		String category;
		String industryName;
		String label;
		if (industry) {
			category = "INDUSTRY";
			int i = pick(random, new int[] { 30, 18, 14, 8, 10, 12, 8 });
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

	// Households
	// --------------------------------------------------------------------------------------------

	private Households writeHouseholds(Connection connection, List<PostingInfo> postings) throws SQLException {
		int perCopy = DemoFigures.HOUSEHOLDS;
		Households h = new Households(perCopy * this.scale);
		for (int copy = 0; copy < this.scale; copy++) {
			SplittableRandom random = random("households", copy);
			List<VillageInfo> copyVillages = new ArrayList<>();
			for (VillageInfo village : this.villages) {
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
			int[] eliminatedSizes = sizes(DemoFigures.ELIMINATED_HOUSEHOLDS, DemoFigures.ELIMINATED_PEOPLE, random);
			int[] oldSizes = sizes(
					DemoFigures.HOUSEHOLDS - DemoFigures.ELIMINATED_HOUSEHOLDS - DemoFigures.NEW_HOUSEHOLDS_2023,
					DemoFigures.PEOPLE - DemoFigures.ELIMINATED_PEOPLE - DemoFigures.NEW_PEOPLE_2023, random);
			int[] newSizes = sizes(DemoFigures.NEW_HOUSEHOLDS_2023, DemoFigures.NEW_PEOPLE_2023, random);
			int[] measures = sizes(perCopy, DemoFigures.MEASURES, random);
			int index = 0;
			for (int[] group : new int[][] { eliminatedSizes, oldSizes, newSizes }) {
				int groupKind = (group == eliminatedSizes) ? 0 : (group == oldSizes) ? 1 : 2;
				for (int size : group) {
					int i = copy * perCopy + index;
					VillageInfo village = copyVillages.get(search(cumulative, random.nextDouble() * total));
					h.id[i] = this.ids.next("household");
					h.village[i] = village;
					h.size[i] = size;
					h.measures[i] = measures[index];
					h.firstPerson[i] = this.ids.next("household_member");
					for (int p = 1; p < size; p++) {
						this.ids.next("household_member");
					}
					LocalDate identified = (groupKind == 2) ? LocalDate.of(2023, 1, 15).plusDays(random.nextInt(330))
							: LocalDate.of(2020, 3, 1).plusDays(random.nextInt(900));
					h.identifiedOn[i] = identified;
					if (groupKind == 0) {
						LocalDate earliest = identified.plusMonths(8);
						long room = Math.max(1, REPORT_END.toEpochDay() - earliest.toEpochDay());
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
				SplittableRandom random = random("household", h.id[i]);
				Person head = person(h, i, 0);
				rows.add(h.id[i])
					.add(h.village[i].id)
					.add(head.name)
					.add(head.idNumber)
					.add(phone(50_000_000L + h.id[i]))
					.add(h.category[i])
					.add(riskTypes(random))
					.add(h.identifiedOn[i])
					.add((h.cadre[i] != null) ? this.current.get(h.cadre[i].id).cadreId : null)
					.add((h.eliminatedOn[i] != null) ? "RISK_ELIMINATED" : "MONITORING")
					.add(h.eliminatedOn[i])
					// the members follow; their count is kept here for the figures
					.add(h.size[i])
					.endRow();
			}
		}
		return h;
	}

	private void writeMembers(Connection connection, Households h) throws SQLException {
		try (CopyWriter rows = new CopyWriter(connection, "household_member",
				"id, household_id, village_id, name, relation, gender, birth_date, id_number")) {
			for (int i = 0; i < h.id.length; i++) {
				for (int m = 0; m < h.size[i]; m++) {
					Person person = person(h, i, m);
					rows.add(h.firstPerson[i] + m)
						.add(h.id[i])
						.add(h.village[i].id)
						.add(person.name)
						.add(person.relation)
						.add(person.gender)
						.add(person.birthDate)
						.add(person.idNumber)
						.endRow();
				}
			}
		}
	}

	private void writeIncomes(Connection connection, Households h) throws SQLException {
		try (CopyWriter rows = new CopyWriter(connection, "household_income",
				"household_id, village_id, year, per_capita_income_fen")) {
			for (int i = 0; i < h.id.length; i++) {
				SplittableRandom random = random("income", h.id[i]);
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

	private void writeMeasures(Connection connection, Households h) throws SQLException {
		try (CopyWriter rows = new CopyWriter(connection, "assistance_measure",
				"id, household_id, village_id, type, description, started_on, ended_on")) {
			for (int i = 0; i < h.id.length; i++) {
				SplittableRandom random = random("measures", h.id[i]);
				for (int m = 0; m < h.measures[i]; m++) {
					int type = pick(random, MEASURE_WEIGHTS);
					// measures of the report's year start within it: the report counts
					// them all
					LocalDate started = min(h.identifiedOn[i].plusDays(random.nextInt(120)), REPORT_YEAR_END);
					LocalDate ended = (h.eliminatedOn[i] != null && random.nextBoolean()) ? h.eliminatedOn[i] : null;
					if (ended != null && ended.isBefore(started)) {
						ended = started;
					}
					rows.add(this.ids.next("assistance_measure"))
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

	private void writeVisits(Connection connection, Households h, List<PostingInfo> postings) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("select visit_partitions_cover(date '2023-01-01', date '%s')"
				.formatted(max(REPORT_END, this.today)));
		}
		// every visit's key before the visits that must match it (V16); the rows are
		// drawn twice from the same seeds rather than held in memory at 10x
		try (CopyWriter keys = new CopyWriter(connection, "visit_key", "id, occurred_at, chain_id, version")) {
			visits(h, postings, (row) -> keys.add(row[0]).add(row[5]).add(row[0]).add(1).endRow());
		}
		try (CopyWriter rows = new CopyWriter(connection, "visit",
				"id, cadre_id, village_id, household_id, kind, occurred_at, notes, schooling_secure, "
						+ "medical_care_secure, housing_safe, drinking_water_safe, income_change, new_risk_types, chain_id")) {
			visits(h, postings, (row) -> {
				for (Object value : row) {
					rows.add(value);
				}
				rows.add(row[0]).endRow();
			});
		}
	}

	/**
	 * The demo visits, each as the values of
	 * {@code id, cadre_id, village_id, household_id, kind, occurred_at, notes} and the
	 * findings, in the same order on every call.
	 */
	private void visits(Households h, List<PostingInfo> postings, VisitRow sink) throws SQLException {
		LocalDate yearStart = LocalDate.of(2023, 1, 1);
		for (int i = 0; i < h.id.length; i++) {
			PostingInfo posting = h.cadre[i];
			if (posting == null) {
				continue;
			}
			SplittableRandom random = random("visits", h.id[i]);
			LocalDate from = max(max(yearStart, posting.startedOn), h.identifiedOn[i]);
			int days = (int) (REPORT_END.toEpochDay() - from.toEpochDay()) + 1;
			int count = 2 + random.nextInt(4);
			for (int v = 0; v < count; v++) {
				OffsetDateTime at = from.plusDays(random.nextInt(days))
					.atTime(8 + random.nextInt(10), random.nextInt(60))
					.atOffset(CHINA);
				boolean stable = h.eliminatedOn[i] != null;
				sink.accept(new Object[] { uuid(random), posting.cadreId, h.village[i].id, h.id[i], "HOUSEHOLD_VISIT",
						at, VISIT_NOTES[random.nextInt(VISIT_NOTES.length)], random.nextInt(100) < 98,
						random.nextInt(100) < 97, random.nextInt(100) < 96, random.nextInt(100) < 98,
						stable ? (random.nextBoolean() ? "ROSE" : "STABLE")
								: new String[] { "ROSE", "STABLE", "FELL" }[random.nextInt(3)],
						(random.nextInt(100) < 3) ? "{" + RISKS[random.nextInt(RISKS.length)] + "}" : "{}" });
			}
		}
		for (PostingInfo posting : postings) {
			// the first secretaries in post at the report's end
			if (!posting.role.equals("FIRST_SECRETARY") || posting.startedOn.isAfter(REPORT_END)
					|| (posting.endedOn != null && !posting.endedOn.isAfter(REPORT_END))) {
				continue;
			}
			SplittableRandom random = random("meetings", posting.id);
			LocalDate from = max(yearStart, posting.startedOn);
			int days = (int) (REPORT_END.toEpochDay() - from.toEpochDay()) + 1;
			for (int v = 0; v < 6; v++) {
				OffsetDateTime at = from.plusDays(random.nextInt(days)).atTime(14, 30).atOffset(CHINA);
				sink.accept(new Object[] { uuid(random), posting.cadreId, posting.village.id, null,
						random.nextInt(3) == 0 ? "PROJECT_INSPECTION" : "VILLAGE_MEETING", at, "召开村民会议，通报帮扶项目进展", null,
						null, null, null, null, "{}" });
			}
		}
		recentVisits(h, sink);
	}

	/**
	 * The visits of the last 90 days before today: most households still monitored had
	 * one or two, from the cadre in post in their village now, so that the coverage of
	 * visits means something on the day the demo is loaded.
	 */
	private void recentVisits(Households h, VisitRow sink) throws SQLException {
		if (!this.today.isAfter(REPORT_END)) {
			return;
		}
		for (int i = 0; i < h.id.length; i++) {
			if (h.cadre[i] == null || h.eliminatedOn[i] != null) {
				continue;
			}
			SplittableRandom random = random("recentVisits", h.id[i]);
			if (random.nextInt(100) >= 85) {
				continue;
			}
			PostingInfo posting = this.current.get(h.cadre[i].id);
			int count = 1 + random.nextInt(2);
			for (int v = 0; v < count; v++) {
				OffsetDateTime at = this.today.minusDays(1 + random.nextInt(89))
					.atTime(8 + random.nextInt(10), random.nextInt(60))
					.atOffset(CHINA);
				sink.accept(new Object[] { uuid(random), posting.cadreId, h.village[i].id, h.id[i], "HOUSEHOLD_VISIT",
						at, VISIT_NOTES[random.nextInt(VISIT_NOTES.length)], random.nextInt(100) < 98,
						random.nextInt(100) < 97, random.nextInt(100) < 96, random.nextInt(100) < 98,
						new String[] { "ROSE", "STABLE", "STABLE", "FELL" }[random.nextInt(4)], "{}" });
			}
		}
	}

	@FunctionalInterface
	private interface VisitRow {

		void accept(Object[] row) throws SQLException;

	}

	// Monitoring workflow
	// -----------------------------------------------------------------------------------

	// what each household's cases are: its own (inclusion, then elimination or not) and,
	// for some whose risk was eliminated, a second case found since
	private static final int MONITORING = 0;

	private static final int ELIMINATED = 1;

	private static final int PROPOSED = 2;

	private static final int ELIMINATION_VERIFIED = 3;

	private static final int ELIMINATION_REVIEWED = 4;

	private static final int WARNING_TO_VERIFY = 5;

	private static final int RELAPSE_IDENTIFIED = 1;

	private static final int RELAPSE_VERIFIED = 2;

	private static final int RELAPSE_REVIEWED = 3;

	private static final int RELAPSE_DISMISSED = 4;

	private static final int RELAPSE_REJECTED = 5;

	private static final String[] SOURCES = { "SELF_REPORT", "VISIT", "DEPARTMENT_WARNING" };

	private static final String[] WARNING_KINDS = { "MEDICAL_EXPENSE", "DISABILITY", "EDUCATION", "DISASTER",
			"EMPLOYMENT", "OTHER" };

	private static final String[] WARNING_RISKS = { "ILLNESS", "DISABILITY", "SCHOOLING_COSTS", "DISASTER",
			"UNSTABLE_EMPLOYMENT", "OTHER" };

	private static final String[] DEPARTMENTS = { "安康市医疗保障局", "安康市残疾人联合会", "安康市教育局", "安康市应急管理局", "安康市人力资源和社会保障局",
			"安康市民政局" };

	/**
	 * Every household's monitoring case with the steps that brought it where it stands,
	 * consistent with the household's status and dates (and so with the report's
	 * figures); some cases in each state of the workflow, with their open tasks, and
	 * departments' warnings, matched and not. The demo first secretary's village (the
	 * first of 汉滨区 with one in post) gets one of each kind of task.
	 */
	private void writeMonitoring(Connection connection, Households h) throws SQLException {
		int n = h.id.length;
		int[] own = new int[n];
		int[] relapse = new int[n];
		VillageInfo showcase = showcaseVillage();
		// own and second cases' plans share numbers: one flag per forced kind
		boolean[] forced = new boolean[4];
		for (int i = 0; i < n; i++) {
			SplittableRandom random = random("monitoring", h.id[i]);
			boolean eliminated = h.eliminatedOn[i] != null;
			int roll = random.nextInt(1000);
			if (eliminated) {
				own[i] = ELIMINATED;
				relapse[i] = (roll < 8) ? RELAPSE_IDENTIFIED : (roll < 13) ? RELAPSE_VERIFIED
						: (roll < 16) ? RELAPSE_REVIEWED : (roll < 20) ? RELAPSE_DISMISSED : 0;
			}
			else {
				own[i] = (roll < 30) ? PROPOSED : (roll < 50) ? ELIMINATION_VERIFIED
						: (roll < 65) ? ELIMINATION_REVIEWED : (roll < 75) ? WARNING_TO_VERIFY : MONITORING;
			}
			if (h.village[i] == showcase) {
				// one task of each kind where the demo first secretary works
				if (eliminated && !forced[0]) {
					relapse[i] = RELAPSE_REJECTED;
					forced[0] = true;
				}
				else if (eliminated && !forced[1]) {
					relapse[i] = RELAPSE_VERIFIED;
					forced[1] = true;
				}
				else if (!eliminated && !forced[2]) {
					own[i] = PROPOSED;
					forced[2] = true;
				}
				else if (!eliminated && !forced[3]) {
					own[i] = WARNING_TO_VERIFY;
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
				ownCase[i] = this.ids.next("monitoring_case");
				List<Step> steps = ownSteps(h, i, own[i]);
				Step last = steps.get(steps.size() - 1);
				rows.add(ownCase[i])
					.add(h.id[i])
					.add(h.village[i].id)
					.add(last.to)
					.add(SOURCES[random("monitoring-source", h.id[i]).nextInt(SOURCES.length)])
					.add(riskTypes(random("household", h.id[i])))
					.add(steps.get(0).on)
					.add(h.identifiedOn[i])
					.add(h.eliminatedOn[i])
					.add(steps.size())
					.add(last.on.atTime(10, 0).atOffset(CHINA))
					.endRow();
			}
			for (int i = 0; i < n; i++) {
				if (relapse[i] == 0) {
					continue;
				}
				relapseCase[i] = this.ids.next("monitoring_case");
				List<Step> steps = relapseSteps(h, i, relapse[i]);
				Step last = steps.get(steps.size() - 1);
				rows.add(relapseCase[i])
					.add(h.id[i])
					.add(h.village[i].id)
					.add(last.to)
					.add(relapseSource(h, i, relapse[i]))
					.add("{" + WARNING_RISKS[relapseKind(h, i)] + "}")
					.add(steps.get(0).on)
					.add(null)
					.add(null)
					.add(steps.size())
					.add(last.on.atTime(10, 0).atOffset(CHINA))
					.endRow();
			}
		}
		try (CopyWriter rows = new CopyWriter(connection, "case_step",
				"id, case_id, action, from_state, to_state, occurred_on, recorded_at, actor_name, actor_role, reason, "
						+ "notice_from, notice_to")) {
			for (int i = 0; i < n; i++) {
				writeSteps(rows, ownCase[i], ownSteps(h, i, own[i]), random("own-steps", h.id[i]));
				if (relapse[i] != 0) {
					writeSteps(rows, relapseCase[i], relapseSteps(h, i, relapse[i]), random("relapse-steps", h.id[i]));
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
				boolean fromWarning = relapse[i] != 0 && "DEPARTMENT_WARNING".equals(relapseSource(h, i, relapse[i]));
				if (!fromWarning && own[i] != WARNING_TO_VERIFY) {
					continue;
				}
				int kind = relapseKind(h, i);
				LocalDate occurred = fromWarning ? relapseSteps(h, i, relapse[i]).get(0).on.minusDays(9)
						: this.today.minusDays(3 + random("warning", h.id[i]).nextInt(12));
				Person head = person(h, i, 0);
				warningOf[i] = this.ids.next("risk_warning");
				rows.add(warningOf[i])
					.add(DEPARTMENTS[kind])
					.add(head.idNumber)
					.add(head.name)
					.add(WARNING_KINDS[kind])
					.add((kind == 0) ? (20_000 + random("warning-amount", h.id[i]).nextInt(60_000)) * 100L : null)
					.add((kind == 0) ? "年度个人自付医疗费用超过预警线" : "部门筛查数据比对预警")
					.add(occurred)
					.add(occurred.plusDays(2).atTime(9, 0).atOffset(CHINA))
					.add("MATCHED")
					.add(h.id[i])
					.add(h.village[i].id)
					.add(h.village[i].townId)
					.add(county(h.village[i]))
					.add(fromWarning ? relapseCase[i] : ownCase[i])
					.endRow();
			}
			for (int copy = 0; copy < this.scale; copy++) {
				SplittableRandom random = random("unmatched-warnings", copy);
				for (int w = 0; w < 30; w++) {
					VillageInfo village = this.villages.get(random.nextInt(this.villages.size()));
					int kind = random.nextInt(WARNING_KINDS.length);
					long key = this.ids.next("risk_warning");
					LocalDate occurred = this.today.minusDays(2 + random.nextInt(20));
					rows.add(key)
						.add(DEPARTMENTS[kind])
						.add(idNumber(key, LocalDate.of(1899, 1, 1).plusDays(random.nextInt(365))))
						.add(SURNAMES[random.nextInt(SURNAMES.length)] + "某W" + key)
						.add(WARNING_KINDS[kind])
						.add(null)
						.add("户籍信息未能比对到监测户")
						.add(occurred)
						.add(occurred.plusDays(1).atTime(9, 0).atOffset(CHINA))
						.add("UNMATCHED")
						.add(null)
						.add(null)
						.add(village.townId)
						.add(county(village))
						.add(null)
						.endRow();
					tasks.add(new Object[] { "MATCH_WARNING", "TOWN_OFFICER", null, key, null, null, village.townId,
							county(village), occurred.plusDays(1 + 5), null, occurred.plusDays(1) });
				}
			}
		}
		// the open tasks of the cases in progress
		for (int i = 0; i < n; i++) {
			addTask(tasks, h, i, ownCase[i], ownSteps(h, i, own[i]),
					(own[i] == WARNING_TO_VERIFY) ? warningOf[i] : null, own[i] == WARNING_TO_VERIFY);
			if (relapse[i] != 0) {
				addTask(tasks, h, i, relapseCase[i], relapseSteps(h, i, relapse[i]),
						(warningOf[i] != 0 && own[i] != WARNING_TO_VERIFY) ? warningOf[i] : null, false);
			}
		}
		try (CopyWriter rows = new CopyWriter(connection, "task",
				"id, kind, assignee_role, case_id, warning_id, household_id, village_id, town_id, county_id, due_on, "
						+ "redo_reason, created_at")) {
			for (Object[] task : tasks) {
				rows.add(this.ids.next("task"));
				for (int f = 0; f < 10; f++) {
					rows.add(task[f]);
				}
				rows.add(((LocalDate) task[10]).atTime(10, 0).atOffset(CHINA)).endRow();
			}
		}
	}

	// Bodies that drive households
	// ----------------------------------------------------------------------------

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
	private void writeEnterprises(Connection connection, Households h) throws SQLException {
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
		for (int copy = 0; copy < this.scale; copy++) {
			SplittableRandom random = random("enterprises", copy);
			List<VillageInfo> all = new ArrayList<>();
			for (VillageInfo village : this.villages) {
				if (village.copy == copy) {
					all.add(village);
				}
			}
			int[] people = parts(DemoFigures.DRIVEN_PEOPLE_2023, DemoFigures.DRIVING_ENTERPRISES_2023, random);
			int[] jobs = parts(DemoFigures.COMMUNITY_FACTORY_JOBS_2023, DemoFigures.COMMUNITY_FACTORIES_2023, random);
			for (int i = 0; i < DemoFigures.DRIVING_ENTERPRISES_2023 + IDLE_ENTERPRISES_2023
					+ CLOSED_ENTERPRISES_2022; i++) {
				boolean driving = i < DemoFigures.DRIVING_ENTERPRISES_2023;
				boolean closed = i >= DemoFigures.DRIVING_ENTERPRISES_2023 + IDLE_ENTERPRISES_2023;
				int kind = pick(random, ENTERPRISE_KIND_WEIGHTS);
				int industry = pick(random, INDUSTRY_WEIGHTS);
				VillageInfo village = pickFrom(all, random);
				boolean townOnly = random.nextInt(10) == 0;
				long id = this.ids.next("enterprise");
				LocalDate opened = opened(random, closed);
				LocalDate closedOn = closed ? LocalDate.of(2022, 3, 1).plusDays(random.nextInt(270)) : null;
				enterprises.add(new Object[] { id,
						placeName(random) + INDUSTRY_NAMES[industry].substring(0, 2) + ENTERPRISE_SUFFIXES[kind] + "E"
								+ id,
						ENTERPRISE_KINDS[kind], INDUSTRIES[industry], county(village), village.townId,
						townOnly ? null : village.id, opened, closedOn });
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
				VillageInfo village = pickFrom(all, random);
				if (!village.keyCounty && random.nextInt(3) == 0) {
					village = pickFrom(all, random);
				}
				long id = this.ids.next("enterprise");
				LocalDate opened = opened(random, closed);
				LocalDate closedOn = closed ? LocalDate.of(2022, 3, 1).plusDays(random.nextInt(270)) : null;
				enterprises.add(new Object[] { id,
						placeName(random) + "社区工厂（" + FACTORY_PRODUCTS[random.nextInt(FACTORY_PRODUCTS.length)] + "）F"
								+ id,
						"COMMUNITY_FACTORY", "COMMUNITY_FACTORY", county(village), village.townId, village.id, opened,
						closedOn });
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
				rows.add(this.ids.next("enterprise_year"));
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
			chosen.add(all[pick(random, weights)]);
		}
		return "{" + String.join(",", chosen) + "}";
	}

	/**
	 * {@code count} whole numbers of at least one, unevenly sized, that add up to exactly
	 * {@code total}.
	 */
	static int[] parts(int total, int count, SplittableRandom random) {
		if (count == 0 || total < count) {
			throw new IllegalArgumentException("Cannot split " + total + " into " + count + " parts");
		}
		double[] weights = new double[count];
		double sum = 0;
		for (int i = 0; i < count; i++) {
			weights[i] = 0.3 + random.nextDouble() * random.nextDouble() * 3;
			sum += weights[i];
		}
		int[] parts = new int[count];
		long given = 0;
		for (int i = 0; i < count; i++) {
			parts[i] = Math.max(1, (int) Math.floor(total * weights[i] / sum));
			given += parts[i];
		}
		for (int i = 0; given < total; i = (i + 1) % count) {
			parts[i]++;
			given++;
		}
		for (int i = 0; given > total; i = (i + 1) % count) {
			if (parts[i] > 1) {
				parts[i]--;
				given--;
			}
		}
		return parts;
	}

	/**
	 * The key of the village's county: counties were numbered in the order of their
	 * index.
	 */
	private static long county(VillageInfo village) {
		return village.countyIndex + 1;
	}

	private void addTask(List<Object[]> tasks, Households h, int i, long caseKey, List<Step> steps,
			@Nullable Long warning, boolean warningToVerify) {
		Step last = steps.get(steps.size() - 1);
		String kind;
		String role;
		int days;
		if (warningToVerify) {
			LocalDate received = this.today.minusDays(1 + random("warning", h.id[i]).nextInt(10));
			tasks.add(new Object[] { "VERIFY_WARNING", "CADRE", caseKey, warning, h.id[i], h.village[i].id,
					h.village[i].townId, county(h.village[i]), received.plusDays(7), null, received });
			return;
		}
		switch (last.to) {
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
				county(h.village[i]), last.on.plusDays(days), "REJECT".equals(last.action) ? last.reason : null,
				last.on });
	}

	private void writeSteps(CopyWriter rows, long caseKey, List<Step> steps, SplittableRandom random)
			throws SQLException {
		for (Step step : steps) {
			rows.add(uuid(random))
				.add(caseKey)
				.add(step.action)
				.add(step.from)
				.add(step.to)
				.add(step.on)
				.add(step.on.atTime(16, 0).atOffset(CHINA))
				.add(step.actor)
				.add(step.role)
				.add(step.reason)
				.add(step.noticeFrom)
				.add(step.noticeTo)
				.endRow();
		}
	}

	/** The steps of a household's own case: its inclusion, and its elimination so far. */
	private List<Step> ownSteps(Households h, int i, int plan) {
		List<Step> steps = new ArrayList<>();
		LocalDate included = h.identifiedOn[i];
		inclusion(steps, included.minusDays(14), included);
		if (plan == ELIMINATED) {
			elimination(steps, h.eliminatedOn[i], "RISK_ELIMINATED");
		}
		else if (plan == PROPOSED || plan == ELIMINATION_VERIFIED || plan == ELIMINATION_REVIEWED) {
			int ago = random("monitoring-days", h.id[i]).nextInt(20);
			String until = (plan == PROPOSED) ? "ELIMINATION_PROPOSED"
					: (plan == ELIMINATION_VERIFIED) ? "ELIMINATION_VERIFIED" : "ELIMINATION_REVIEWED";
			// the step that brought the case where it stands was taken `ago` days ago
			LocalDate end = this.today.minusDays(ago)
				.plusDays((plan == PROPOSED) ? 20 : (plan == ELIMINATION_VERIFIED) ? 16 : 6);
			elimination(steps, end, until);
		}
		return steps;
	}

	/**
	 * The elimination steps of a case confirmed on {@code confirmed}, up to the state
	 * {@code until}.
	 */
	private static void elimination(List<Step> steps, LocalDate confirmed, String until) {
		steps.add(new Step("PROPOSE_ELIMINATION", "MONITORING", "ELIMINATION_PROPOSED", confirmed.minusDays(20),
				"驻村工作队", "FIRST_SECRETARY", "收入连续稳定超过六个月，高于监测标准", null, null));
		if (until.equals("ELIMINATION_PROPOSED")) {
			return;
		}
		steps.add(new Step("VERIFY", "ELIMINATION_PROPOSED", "ELIMINATION_VERIFIED", confirmed.minusDays(16), "驻村工作队",
				"FIRST_SECRETARY", null, null, null));
		if (until.equals("ELIMINATION_VERIFIED")) {
			return;
		}
		steps.add(new Step("REVIEW", "ELIMINATION_VERIFIED", "ELIMINATION_REVIEWED", confirmed.minusDays(6), "镇人民政府",
				"TOWN_OFFICER", null, confirmed.minusDays(15), confirmed.minusDays(9)));
		if (until.equals("ELIMINATION_REVIEWED")) {
			return;
		}
		steps.add(new Step("CONFIRM", "ELIMINATION_REVIEWED", "RISK_ELIMINATED", confirmed, "县乡村振兴局", "COUNTY_OFFICER",
				null, null, null));
	}

	/** The steps that bring a case found on {@code identified} into monitoring. */
	private static void inclusion(List<Step> steps, LocalDate identified, LocalDate confirmed) {
		steps.add(new Step("OPEN", null, "IDENTIFIED", identified, "驻村工作队", "FIRST_SECRETARY", null, null, null));
		steps.add(new Step("VERIFY", "IDENTIFIED", "VERIFIED_AT_HOME", identified.plusDays(3), "驻村工作队",
				"FIRST_SECRETARY", null, null, null));
		steps.add(new Step("REVIEW", "VERIFIED_AT_HOME", "PUBLICLY_REVIEWED", confirmed.minusDays(3), "镇人民政府",
				"TOWN_OFFICER", null, identified.plusDays(4), confirmed.minusDays(4)));
		steps.add(new Step("CONFIRM", "PUBLICLY_REVIEWED", "MONITORING", confirmed, "县乡村振兴局", "COUNTY_OFFICER", null,
				null, null));
	}

	/** The steps of a second case, found in the weeks before today. */
	private List<Step> relapseSteps(Households h, int i, int plan) {
		int ago = random("relapse-days", h.id[i]).nextInt(20);
		LocalDate last = this.today.minusDays(ago);
		List<Step> steps = new ArrayList<>();
		LocalDate opened = switch (plan) {
			case RELAPSE_IDENTIFIED -> last;
			case RELAPSE_VERIFIED, RELAPSE_DISMISSED -> last.minusDays(5);
			case RELAPSE_REVIEWED -> last.minusDays(16);
			default -> last.minusDays(12);
		};
		String source = relapseSource(h, i, plan);
		steps.add(new Step("OPEN", null, "IDENTIFIED", opened,
				source.equals("DEPARTMENT_WARNING") ? "安康市乡村振兴局" : "驻村工作队",
				source.equals("DEPARTMENT_WARNING") ? "COUNTY_OFFICER" : "FIRST_SECRETARY",
				source.equals("DEPARTMENT_WARNING") ? "部门预警：" + DEPARTMENTS[relapseKind(h, i)] : null, null, null));
		if (plan == RELAPSE_IDENTIFIED) {
			return steps;
		}
		if (plan == RELAPSE_DISMISSED) {
			steps.add(new Step("DISMISS", "IDENTIFIED", "DISMISSED", last, "驻村工作队", "FIRST_SECRETARY",
					"入户核实：相关支出已由医保和救助报销，家庭收入稳定，不纳入监测", null, null));
			return steps;
		}
		steps.add(new Step("VERIFY", "IDENTIFIED", "VERIFIED_AT_HOME",
				(plan == RELAPSE_VERIFIED) ? last : opened.plusDays(4), "驻村工作队", "FIRST_SECRETARY", null, null, null));
		if (plan == RELAPSE_REJECTED) {
			steps.add(new Step("REJECT", "VERIFIED_AT_HOME", "IDENTIFIED", last, "镇人民政府", "TOWN_OFFICER",
					"核实材料缺少医疗费用票据和收入测算，请补充后重新入户核实", null, null));
		}
		else if (plan == RELAPSE_REVIEWED) {
			steps.add(new Step("REVIEW", "VERIFIED_AT_HOME", "PUBLICLY_REVIEWED", last, "镇人民政府", "TOWN_OFFICER", null,
					opened.plusDays(5), last.minusDays(1)));
		}
		return steps;
	}

	private String relapseSource(Households h, int i, int plan) {
		return (plan == RELAPSE_REJECTED) ? "DEPARTMENT_WARNING"
				: SOURCES[random("relapse-source", h.id[i]).nextInt(SOURCES.length)];
	}

	private int relapseKind(Households h, int i) {
		return random("relapse-kind", h.id[i]).nextInt(WARNING_KINDS.length);
	}

	/**
	 * The first village of 汉滨区 by code with a first secretary in post: the demo
	 * account's. Codes follow the town, then the village's place in it, and towns and
	 * villages were numbered in that order.
	 */
	private @Nullable VillageInfo showcaseVillage() {
		return this.villages.stream()
			.filter((village) -> village.copy == 0 && village.countyIndex == 0)
			.filter((village) -> village.cadres.stream()
				.anyMatch((posting) -> posting.role().equals("FIRST_SECRETARY") && posting.endedOn() == null))
			.min(java.util.Comparator.comparingLong((VillageInfo village) -> village.townId)
				.thenComparingLong((village) -> village.id))
			.orElse(null);
	}

	private record Step(String action, @Nullable String from, String to, LocalDate on, String actor, String role,
			@Nullable String reason, @Nullable LocalDate noticeFrom, @Nullable LocalDate noticeTo) {
	}

	// Villages' own records
	// ------------------------------------------------------------------------------

	/**
	 * Each copy's villages and communities with their collective incomes of 2022 and 2023
	 * ({@link DemoFigures#VILLAGES_OVER_100K_2023} at 100,000 yuan or more in 2023,
	 * 2022's lower), their legal advisers
	 * ({@link DemoFigures#VILLAGES_WITH_LEGAL_ADVISER} in post at the end of 2023) and
	 * their plans ({@link DemoFigures#PLANS_COMPILED_2023} compiled in 2023, more in the
	 * two years before). Who gets what is a shuffle of the copy's villages, on random
	 * streams of its own: the other tables are drawn as before.
	 */
	private void writeVillageRecords(Connection connection) throws SQLException {
		List<List<Long>> byCopy = new ArrayList<>();
		for (int copy = 0; copy < this.scale; copy++) {
			List<Long> ids = new ArrayList<>();
			for (VillageInfo village : this.villages) {
				if (village.copy == copy) {
					ids.add(village.id);
				}
			}
			for (CommunityInfo community : this.communities) {
				if (community.copy == copy) {
					ids.add(community.id);
				}
			}
			byCopy.add(ids);
		}
		try (CopyWriter rows = new CopyWriter(connection, "village_collective_income",
				"village_id, year, income_fen, source_note")) {
			for (int copy = 0; copy < this.scale; copy++) {
				SplittableRandom random = random("collectiveIncome", copy);
				List<Long> ids = shuffled(byCopy.get(copy), random);
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
			for (int copy = 0; copy < this.scale; copy++) {
				SplittableRandom random = random("legalAdviser", copy);
				List<Long> ids = shuffled(byCopy.get(copy), random);
				int inPost = DemoFigures.VILLAGES_WITH_LEGAL_ADVISER;
				for (int i = 0; i < ids.size(); i++) {
					long village = ids.get(i);
					String firm = copyName(PLACE_FIRST[random.nextInt(PLACE_FIRST.length)]
							+ PLACE_SECOND[random.nextInt(PLACE_SECOND.length)] + "律师事务所（示例）", copy);
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
			for (int copy = 0; copy < this.scale; copy++) {
				SplittableRandom random = random("villagePlan", copy);
				List<Long> ids = shuffled(byCopy.get(copy), random);
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
			.add(SURNAMES[random.nextInt(SURNAMES.length)] + "某" + PLACE_FIRST[random.nextInt(PLACE_FIRST.length)])
			.add(firm)
			.add(startedOn)
			.add(endedOn)
			.endRow();
	}

	/** The list in a random order drawn from {@code random} (Fisher–Yates). */
	private static List<Long> shuffled(List<Long> list, SplittableRandom random) {
		List<Long> copy = new ArrayList<>(list);
		for (int i = copy.size() - 1; i > 0; i--) {
			java.util.Collections.swap(copy, i, random.nextInt(i + 1));
		}
		return copy;
	}

	// The out-of-poverty population
	// -----------------------------------------------------------------------------

	private static final String[] WORK_PLACES = { "IN_COUNTY", "IN_PROVINCE", "OUT_OF_PROVINCE" };

	private static final int[] WORK_PLACE_WEIGHTS = { 45, 20, 35 };

	private static final String[] WORK_KINDS = { "ENTERPRISE", "COMMUNITY_FACTORY", "PUBLIC_WELFARE_JOB",
			"SELF_EMPLOYED", "OTHER" };

	private static final int[] WORK_KIND_WEIGHTS = { 55, 10, 6, 12, 17 };

	private static final int[] LOAN_YEAR_WEIGHTS = { 8, 11, 13, 14, 15, 13, 12, 14 };

	/**
	 * One copy of the city's out-of-poverty households (脱贫户): invented, with exactly the
	 * report's people in work in 2023, its average per-capita net income and growth, and
	 * its microcredit issued by the end of 2023. The monitored households of the copy
	 * that are unstable out of poverty are among them, with their heads and people.
	 */
	private void writeOutOfPovertyPopulation(Connection connection, Households h, int copy) throws SQLException {
		SplittableRandom random = random("exitedHouseholds", copy);
		List<VillageInfo> copyVillages = new ArrayList<>();
		for (VillageInfo village : this.villages) {
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
		int[] others = sizes(n - linked.size(), DemoFigures.EXITED_PEOPLE - linkedPeople, random);
		long[] id = new long[n];
		int[] people = new int[n];
		long[] village = new long[n];
		long[] community = new long[n];
		Communities communities = new Communities(copy);
		try (CopyWriter rows = new CopyWriter(connection, "exited_household",
				"id, village_id, household_number, head_name, head_id_number, people, exited_year, relocated, "
						+ "responsible_cadre_id, household_id, relocation_community_id")) {
			for (int k = 0; k < n; k++) {
				id[k] = this.ids.next("exited_household");
				SplittableRandom own = random("exitedHousehold", id[k]);
				String headName;
				String headIdNumber;
				Long cadre = null;
				Long household = null;
				if (k < linked.size()) {
					int i = linked.get(k);
					Person head = person(h, i, 0);
					headName = head.name;
					headIdNumber = head.idNumber;
					people[k] = h.size[i];
					village[k] = h.village[i].id;
					cadre = (h.cadre[i] != null) ? this.current.get(h.cadre[i].id).cadreId : null;
					household = h.id[i];
				}
				else {
					VillageInfo at = copyVillages.get(search(cumulative, random.nextDouble() * weights));
					people[k] = others[k - linked.size()];
					village[k] = at.id;
					headName = SURNAMES[own.nextInt(SURNAMES.length)] + "某" + id[k];
					int birthYear = 1945 + (int) (id[k] / 10_000_000) * 15 + own.nextInt(15);
					headIdNumber = exitedIdNumber(id[k], LocalDate.of(birthYear, 1, 1).plusDays(own.nextInt(365)));
					if (!at.cadres.isEmpty()) {
						cadre = this.current.get(at.cadres.get(own.nextInt(at.cadres.size())).id).cadreId;
					}
				}
				int exitedYear = 2016 + pick(own, new int[] { 15, 20, 25, 30, 10 });
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
		writeMicrocredit(connection, copy, id, village);
		writeFollowUp(connection, copy, id, village, people, community, publicWelfareJobs);
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
			this.random = random("relocationLinks", copy);
			for (VillageInfo village : DemoDataGenerator.this.villages) {
				if (village.copy == copy) {
					this.countyOfVillage.put(village.id, village.countyIndex);
				}
			}
			for (CommunityInfo community : DemoDataGenerator.this.communities) {
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
			return inCounty.get(pick(this.random, weights)).id();
		}

	}

	/**
	 * 2022 and 2023 incomes: spread about the report's average, most grown by about its
	 * growth and some fallen, then scaled so that the averages weighted by people are the
	 * report's.
	 */
	private void writeExitedIncomes(Connection connection, int copy, long[] id, long[] village, int[] people,
			int[] workers) throws SQLException {
		SplittableRandom random = random("exitedIncomes", copy);
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
		SplittableRandom random = random("exitedWork", copy);
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
		SplittableRandom random = random("exitedWorkPlaces", copy);
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
				int shared = pick(random, WORK_PLACE_WEIGHTS) * WORK_KINDS.length + pick(random, WORK_KIND_WEIGHTS);
				for (int w = 0; w < workers[k]; w++) {
					counts[together ? shared
							: pick(random, WORK_PLACE_WEIGHTS) * WORK_KINDS.length + pick(random, WORK_KIND_WEIGHTS)]++;
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

	private static final String[] JOB_KINDS = { "ROAD_MAINTENANCE", "CLEANING", "FOREST_RANGER", "WATER_KEEPER",
			"OTHER" };

	private static final int[] JOB_KIND_WEIGHTS = { 25, 35, 20, 10, 10 };

	/**
	 * What the register records beyond incomes, work and loans, all invented (the report
	 * gives no figures): 2023's training, about 4,000 雨露计划 students with 3,000 yuan each
	 * and more in vocational and practical courses; a public-welfare job held in 2023 by
	 * each person 2023's work records put in one (some since ended), and a few ended
	 * before 2023; the follow-up support of 2023 of most relocated households. From a
	 * stream of its own, after everything else of the copy.
	 */
	private void writeFollowUp(Connection connection, int copy, long[] id, long[] village, int[] people,
			long[] community, int[] publicWelfareJobs) throws SQLException {
		SplittableRandom random = random("followUp", copy);
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
					rows.add(id[k]).add(village[k]).add(JOB_KINDS[pick(random, JOB_KIND_WEIGHTS)]).add(started);
					rows.add((ended != null && ended.isBefore(this.today)) ? ended : null)
						.add((500 + 50L * random.nextInt(11)) * 100)
						.endRow();
				}
				if (publicWelfareJobs[k] == 0 && random.nextInt(100) == 0) {
					rows.add(id[k]).add(village[k]).add(JOB_KINDS[pick(random, JOB_KIND_WEIGHTS)]);
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
	private void writeMicrocredit(Connection connection, int copy, long[] id, long[] village) throws SQLException {
		SplittableRandom random = random("microcredit", copy);
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
				long loan = this.ids.next("microcredit_loan");
				int k = random.nextInt(id.length);
				long amount = thousands[i] * 100_000L;
				int year = 2016 + pick(random, LOAN_YEAR_WEIGHTS);
				LocalDate issued = LocalDate.of(year, 1, 1).plusDays(random.nextInt(365));
				int term = new int[] { 36, 24, 12 }[pick(random, new int[] { 60, 25, 15 })];
				LocalDate due = issued.plusMonths(term);
				long repaid = 0;
				LocalDate repaidOn = null;
				int fate = random.nextInt(1000);
				if (due.isBefore(this.today)) {
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
					long room = Math.max(1, this.today.toEpochDay() - issued.toEpochDay() - 180);
					repaid = amount;
					repaidOn = min(issued.plusDays(180 + random.nextLong(room)), this.today.minusDays(1));
				}
				if (repaidOn != null) {
					repaidOn = max(repaidOn, issued);
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

	/**
	 * A synthetic ID number of the register: it starts with 98, which no real division
	 * code does, nor any monitored household's synthetic one (99).
	 */
	static String exitedIdNumber(long number, LocalDate birthDate) {
		return withCheckDigit("98" + idNumber(number, birthDate).substring(2, 17));
	}

	// People
	// ----------------------------------------------------------------------------------------------

	/** The {@code m}-th member of household {@code i}; member 0 is the head. */
	private Person person(Households h, int i, int m) {
		long number = h.firstPerson[i] + m;
		SplittableRandom family = random("family", h.id[i]);
		String surname = SURNAMES[family.nextInt(SURNAMES.length)];
		int headBirthYear = 1948 + family.nextInt(45);
		SplittableRandom own = random("person", number);
		String relation;
		int birthYear;
		if (m == 0) {
			relation = "HEAD";
			birthYear = headBirthYear;
		}
		else if (m == 1) {
			relation = "SPOUSE";
			birthYear = headBirthYear - 3 + own.nextInt(7);
			surname = SURNAMES[own.nextInt(SURNAMES.length)];
		}
		else if (m == 2 && headBirthYear > 1975 && own.nextBoolean()) {
			relation = "PARENT";
			birthYear = headBirthYear - 22 - own.nextInt(10);
		}
		else {
			relation = (headBirthYear < 1965 && m >= 4) ? "GRANDCHILD" : "CHILD";
			birthYear = Math.min(2023, headBirthYear + (relation.equals("CHILD") ? 20 : 42) + own.nextInt(14));
		}
		String gender = (m == 0) ? (family.nextInt(100) < 85 ? "MALE" : "FEMALE")
				: own.nextBoolean() ? "MALE" : "FEMALE";
		LocalDate birthDate = LocalDate.of(birthYear, 1, 1).plusDays(own.nextInt(365));
		return new Person(surname + "某" + number, relation, gender, birthDate, idNumber(number, birthDate));
	}

	/**
	 * A synthetic resident ID number with a valid check digit. It starts with 99, which
	 * no real division code does, so that nobody mistakes it for a real person's.
	 */
	static String idNumber(long number, LocalDate birthDate) {
		String body = "99" + String.format("%04d", (number / 1000) % 10_000) + String.format("%04d%02d%02d",
				birthDate.getYear(), birthDate.getMonthValue(), birthDate.getDayOfMonth())
				+ String.format("%03d", number % 1000);
		return withCheckDigit(body);
	}

	/** The 17 digits with the check digit of a resident ID number after them. */
	private static String withCheckDigit(String body) {
		int[] weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += (body.charAt(i) - '0') * weights[i];
		}
		return body + "10X98765432".charAt(sum % 11);
	}

	/**
	 * A synthetic phone number starting with 100, which no Chinese mobile number does.
	 */
	private static String phone(long number) {
		return "100" + String.format("%08d", number % 100_000_000L);
	}

	private static String riskTypes(SplittableRandom random) {
		int count = 1 + ((random.nextInt(100) < 35) ? 1 : 0) + ((random.nextInt(100) < 10) ? 1 : 0);
		List<String> chosen = new ArrayList<>();
		while (chosen.size() < count) {
			String risk = RISKS[pick(random, RISK_WEIGHTS)];
			if (!chosen.contains(risk)) {
				chosen.add(risk);
			}
		}
		return "{" + String.join(",", chosen) + "}";
	}

	// Arithmetic that keeps totals exact
	// ------------------------------------------------------------------

	/**
	 * {@code count} sizes of at least one (at most nine) that add up to exactly
	 * {@code total}.
	 */
	static int[] sizes(int count, int total, SplittableRandom random) {
		if (count == 0 || total < count || total > count * 9) {
			throw new IllegalArgumentException("Cannot split " + total + " into " + count + " sizes of 1 to 9");
		}
		int[] sizes = new int[count];
		java.util.Arrays.fill(sizes, 1);
		int left = total - count;
		while (left > 0) {
			int i = random.nextInt(count);
			if (sizes[i] < 9) {
				sizes[i]++;
				left--;
			}
		}
		return sizes;
	}

	/**
	 * Splits an amount in fen into {@code count} amounts in whole thousands of yuan (but
	 * the last thousand) that add up to exactly {@code totalFen}.
	 */
	static long[] split(long totalFen, int count, SplittableRandom random) {
		long unit = 100_000;
		long units = totalFen / unit;
		if (count == 0 || units < count) {
			throw new IllegalArgumentException("Cannot split " + totalFen + " fen into " + count + " amounts");
		}
		double[] weights = new double[count];
		double sum = 0;
		for (int i = 0; i < count; i++) {
			weights[i] = 0.3 + random.nextDouble() * random.nextDouble() * 3;
			sum += weights[i];
		}
		long[] amounts = new long[count];
		long given = 0;
		for (int i = 0; i < count; i++) {
			amounts[i] = Math.max(1, (long) Math.floor(units * weights[i] / sum));
			given += amounts[i];
		}
		for (int i = 0; given < units; i = (i + 1) % count) {
			amounts[i]++;
			given++;
		}
		for (int i = 0; given > units; i = (i + 1) % count) {
			if (amounts[i] > 1) {
				amounts[i]--;
				given--;
			}
		}
		for (int i = 0; i < count; i++) {
			amounts[i] *= unit;
		}
		amounts[count - 1] += totalFen - units * unit;
		return amounts;
	}

	private static List<Boolean> flags(int count, int trueCount, SplittableRandom random) {
		List<Boolean> flags = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			flags.add(i < trueCount);
		}
		shuffle(flags, random);
		return flags;
	}

	private static <T> void shuffle(List<T> list, SplittableRandom random) {
		for (int i = list.size() - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			T tmp = list.get(i);
			list.set(i, list.get(j));
			list.set(j, tmp);
		}
	}

	private static int pick(SplittableRandom random, int[] weights) {
		int total = 0;
		for (int weight : weights) {
			total += weight;
		}
		int r = random.nextInt(total);
		for (int i = 0; i < weights.length; i++) {
			r -= weights[i];
			if (r < 0) {
				return i;
			}
		}
		return weights.length - 1;
	}

	private static <T> T pickFrom(List<T> items, SplittableRandom random) {
		return items.get(random.nextInt(items.size()));
	}

	private static int search(double[] cumulative, double value) {
		int i = java.util.Arrays.binarySearch(cumulative, value);
		return Math.min((i >= 0) ? i : -i - 1, cumulative.length - 1);
	}

	private SplittableRandom random(String stream, long id) {
		long mixed = this.seed * 0x9E3779B97F4A7C15L + stream.hashCode() * 0xC2B2AE3D27D4EB4FL + id;
		return new SplittableRandom(mixed);
	}

	private static UUID uuid(SplittableRandom random) {
		long most = (random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(most, least);
	}

	private static LocalDate min(LocalDate a, LocalDate b) {
		return a.isBefore(b) ? a : b;
	}

	private static LocalDate max(LocalDate a, LocalDate b) {
		return a.isAfter(b) ? a : b;
	}

	private static String placeName(SplittableRandom random) {
		return PLACE_FIRST[random.nextInt(PLACE_FIRST.length)] + PLACE_SECOND[random.nextInt(PLACE_SECOND.length)];
	}

	private static String copyName(String name, int copy) {
		return (copy == 0) ? name : name + "（模拟" + (copy + 1) + "）";
	}

	private static String two(int n) {
		return String.format("%02d", n);
	}

	private static String three(int n) {
		return String.format("%03d", n);
	}

	// Supervision
	// -----------------------------------------------------------------------------------------

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

	/**
	 * Five rounds of concentrated supervision (集中督帮) in 2023 per copy of the city,
	 * covering together all ten counties, both functional zones, 94 towns, 171 villages
	 * and 35 municipal departments, and finding problems of which exactly 301 were closed
	 * in 2023 ({@link DemoFigures}). The rounds have no owner account (the data set is
	 * written before any account exists): the city's leaders review their problems.
	 */
	private void writeSupervision(Connection connection) throws SQLException {
		List<Object[]> coverage = new ArrayList<>();
		List<Object[]> problems = new ArrayList<>();
		try (CopyWriter rounds = new CopyWriter(connection, "supervision_round",
				"id, city_id, year, name, organiser, started_on, ended_on")) {
			for (int copy = 0; copy < this.scale; copy++) {
				SplittableRandom random = random("supervision", copy);
				List<List<VillageInfo>> towns = supervisedTowns(copy, random);
				List<VillageInfo> villages = supervisedVillages(towns, random);
				int problemNumber = 0;
				for (int r = 0; r < ROUND_NAMES.length; r++) {
					long round = this.ids.next("supervision_round");
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
						long county = copy * COUNTIES.length + c + 1;
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
						coverage.add(new Object[] { round, county(town), town.townId, null, null, null });
					}
					for (VillageInfo village : villages) {
						if (village.countyIndex - copy * COUNTIES.length >= 2 * r
								&& village.countyIndex - copy * COUNTIES.length <= 2 * r + 1) {
							roundVillages.add(village);
							coverage
								.add(new Object[] { round, county(village), village.townId, village.id, null, null });
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
				rows.add(this.ids.next("supervision_coverage"));
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
				rows.add(this.ids.next("supervision_problem"));
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
		for (int c = 0; c < COUNTIES.length; c++) {
			byCounty.add(new ArrayList<>());
		}
		for (VillageInfo village : this.villages) {
			if (village.copy != copy || !seen.add(village.townId)) {
				continue;
			}
			List<VillageInfo> county = byCounty.get(village.countyIndex - copy * COUNTIES.length);
			if (county.isEmpty()) {
				county.add(village);
			}
			else {
				others.add(village);
			}
		}
		shuffle(others, random);
		for (VillageInfo town : others.subList(0, DemoFigures.SUPERVISED_TOWNS_2023 - COUNTIES.length)) {
			byCounty.get(town.countyIndex - copy * COUNTIES.length).add(town);
		}
		return byCounty;
	}

	/** The 171 villages the year's rounds cover, drawn from the towns they cover. */
	private List<VillageInfo> supervisedVillages(List<List<VillageInfo>> towns, SplittableRandom random) {
		java.util.Set<Long> covered = new java.util.HashSet<>();
		towns.forEach((county) -> county.forEach((town) -> covered.add(town.townId)));
		List<VillageInfo> candidates = new ArrayList<>();
		for (VillageInfo village : this.villages) {
			if (covered.contains(village.townId)) {
				candidates.add(village);
			}
		}
		shuffle(candidates, random);
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
			VillageInfo place = pickFrom(villages, random);
			county = county(place);
			town = place.townId;
			village = place.id;
			responsible = "村党支部、驻村工作队";
		}
		else if (where < 9) {
			VillageInfo place = pickFrom(towns, random);
			county = county(place);
			town = place.townId;
			responsible = "镇党委、镇政府";
		}
		else {
			county = pickFrom(counties, random);
			department = pickFrom(departments, random);
			responsible = department;
		}
		int category = pick(random, PROBLEM_WEIGHTS);
		LocalDate found = started.plusDays(random.nextInt((int) (ended.toEpochDay() - started.toEpochDay()) + 1));
		LocalDate deadline = min(found.plusDays(20 + random.nextInt(41)), REPORT_YEAR_END);
		String status = "CLOSED";
		String evidence = null;
		LocalDate rectified = null;
		LocalDate closed = null;
		String reason = null;
		if (!open) {
			rectified = min(found
				.plusDays(5 + random.nextInt(Math.max(1, (int) (deadline.toEpochDay() - found.toEpochDay() - 4)))
						+ ((random.nextInt(10) == 0) ? 7 : 0)),
					REPORT_YEAR_END);
			closed = min(rectified.plusDays(1 + random.nextInt(10)), REPORT_YEAR_END);
			evidence = "已完成整改，整改台账及佐证材料已归档（编号ZG" + number + "）";
		}
		else {
			status = switch (number % 3) {
				case 0 -> "FOUND";
				case 1 -> "RECTIFIED";
				default -> "SENT_BACK";
			};
			if (!status.equals("FOUND")) {
				rectified = min(found.plusDays(10 + random.nextInt(20)), REPORT_YEAR_END);
				evidence = "已提交整改报告及照片（编号ZG" + number + "）";
			}
			if (status.equals("SENT_BACK")) {
				reason = "佐证材料不充分，请补充入户核实记录";
			}
		}
		return new Object[] { round, county, town, village, department, PROBLEM_CATEGORIES[category],
				PROBLEM_TEXT[category], responsible, found, deadline, status, evidence, rectified, closed, reason };
	}

	// Compact records of what later tables need
	// -----------------------------------------------------------

	/**
	 * Hands out ids per table, so rows can refer to each other before they are written.
	 */
	private static final class Ids {

		private final java.util.Map<String, Long> last = new java.util.HashMap<>();

		long next(String table) {
			return this.last.merge(table, 1L, Long::sum);
		}

	}

	private static final class VillageInfo {

		final long id;

		final int countyIndex;

		final int copy;

		final boolean key;

		final boolean keyCounty;

		final long townId;

		final List<Long> units = new ArrayList<>(2);

		final List<PostingInfo> cadres = new ArrayList<>(3);

		VillageInfo(long id, long townId, int countyIndex, int copy, boolean key, boolean keyCounty) {
			this.id = id;
			this.townId = townId;
			this.countyIndex = countyIndex;
			this.copy = copy;
			this.key = key;
			this.keyCounty = keyCounty;
		}

	}

	private record UnitInfo(long id, int copy, int countyIndex, int indexInCounty) {
	}

	private record CommunityInfo(long id, int copy, int countyIndex, int openedYear, int households, int people) {
	}

	private record PostingInfo(long id, long cadreId, VillageInfo village, String role, LocalDate startedOn,
			LocalDate endedOn) {
	}

	private record Person(String name, String relation, String gender, LocalDate birthDate, String idNumber) {
	}

	private record Allocation(String source, long planned, long spent) {
	}

	private static final class ProjectInfo {

		static final int LINKAGE = 0;

		// which levels' linkage funds a project draws on, first source first
		private static final String[][] LINKAGE_MIXES = { { "CENTRAL_LINKAGE" }, { "PROVINCIAL_LINKAGE" },
				{ "CENTRAL_LINKAGE", "PROVINCIAL_LINKAGE" }, { "CENTRAL_LINKAGE", "COUNTY_LINKAGE" },
				{ "CENTRAL_LINKAGE", "PROVINCIAL_LINKAGE", "MUNICIPAL_LINKAGE" },
				{ "CENTRAL_LINKAGE", "PROVINCIAL_LINKAGE", "COUNTY_LINKAGE" },
				{ "PROVINCIAL_LINKAGE", "COUNTY_LINKAGE" } };

		static final int DESIGNATED = 1;

		static final int EAST_WEST = 2;

		static final int SECTOR = 3;

		final long id;

		final String name;

		final String category;

		final String industry;

		final int year;

		final String status;

		final VillageInfo village;

		final long townId;

		final Long unitId;

		final long amountFen;

		final int kind;

		final int households;

		ProjectInfo(long id, String name, String category, String industry, int year, String status,
				VillageInfo village, long townId, Long unitId, long amountFen, int kind, int households) {
			this.id = id;
			this.name = name;
			this.category = category;
			this.industry = industry;
			this.year = year;
			this.status = status;
			this.village = village;
			this.townId = townId;
			this.unitId = unitId;
			this.amountFen = amountFen;
			this.kind = kind;
			this.households = households;
		}

		ProjectInfo withAmount(long amountFen) {
			return new ProjectInfo(this.id, this.name, this.category, this.industry, this.year, this.status,
					this.village, this.townId, this.unitId, amountFen, this.kind, this.households);
		}

		/**
		 * The project's money by source, adding up to its amount. Linkage projects draw
		 * on one to three levels; central and provincial money was all spent in 2023, as
		 * the report says.
		 */
		List<Allocation> allocations(SplittableRandom random) {
			boolean pipeline = this.status.equals("PIPELINE");
			if (this.kind == DESIGNATED) {
				return List.of(new Allocation("DESIGNATED_ASSISTANCE", this.amountFen, this.amountFen));
			}
			if (this.kind == SECTOR) {
				// what is under way or only approved has spent part of its money, or none
				long spent = switch (this.status) {
					case "APPROVED" -> 0;
					case "IN_PROGRESS" -> this.amountFen / 100 * (20 + random.nextInt(60));
					default -> this.amountFen;
				};
				return List.of(new Allocation("SECTOR_DEPARTMENTS", this.amountFen, spent));
			}
			if (this.kind == EAST_WEST) {
				return List.of(new Allocation("EAST_WEST_COLLABORATION", this.amountFen,
						this.amountFen - this.amountFen / 100 * random.nextInt(6)));
			}
			String[] sources = LINKAGE_MIXES[random.nextInt(LINKAGE_MIXES.length)];
			long[] amounts = (sources.length == 1 || this.amountFen < 300_000) ? new long[] { this.amountFen }
					: split(this.amountFen, sources.length, random);
			List<Allocation> allocations = new ArrayList<>();
			for (int i = 0; i < amounts.length; i++) {
				String source = sources[i];
				long spent;
				if (pipeline) {
					spent = 0;
				}
				else if (source.equals("CENTRAL_LINKAGE") || source.equals("PROVINCIAL_LINKAGE")) {
					spent = amounts[i];
				}
				else {
					spent = amounts[i] - amounts[i] / 100 * random.nextInt(12);
				}
				allocations.add(new Allocation(source, amounts[i], spent));
			}
			return allocations;
		}

	}

	private static final class Households {

		final long[] id;

		final VillageInfo[] village;

		final int[] size;

		final int[] measures;

		final long[] firstPerson;

		final LocalDate[] identifiedOn;

		final LocalDate[] eliminatedOn;

		final String[] category;

		final PostingInfo[] cadre;

		Households(int count) {
			this.id = new long[count];
			this.village = new VillageInfo[count];
			this.size = new int[count];
			this.measures = new int[count];
			this.firstPerson = new long[count];
			this.identifiedOn = new LocalDate[count];
			this.eliminatedOn = new LocalDate[count];
			this.category = new String[count];
			this.cadre = new PostingInfo[count];
		}

	}

}
