package cn.ankang.bangfu.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import cn.ankang.bangfu.demo.DemoWorld.CommunityInfo;
import cn.ankang.bangfu.demo.DemoWorld.VillageInfo;

/**
 * Writes the areas: the city, its ten real counties with their division codes and key
 * designations, and made-up towns, villages (the key ones among them) and relocation
 * communities, for every copy of the city.
 */
final class AreaGenerator {

	// The ten counties of Ankang: real names and division codes. Towns and villages per
	// county are
	// illustrative; they add up to about the 1,900 villages the city has (and the
	// relocation
	// communities after them, writeRelocationCommunities).
	static final String[][] COUNTIES = { { "610902", "汉滨区", "DISTRICT", "24", "430", "32.69", "109.03" },
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

	private final DemoWorld world;

	AreaGenerator(DemoWorld world) {
		this.world = world;
	}

	void writeAreas(Connection connection) throws SQLException {
		List<String[]> counties = new ArrayList<>();
		try (CopyWriter cities = new CopyWriter(connection, "city", "id, code, name")) {
			for (int copy = 0; copy < this.world.scale; copy++) {
				String cityCode = (copy == 0) ? "6109" : "99" + DemoNames.two(copy);
				cities.add(copy + 1).add(cityCode).add(DemoNames.copyName("安康市", copy)).endRow();
			}
		}
		// counties, then towns, then villages: one COPY at a time
		List<long[]> countyTownRange = new ArrayList<>();
		try (CopyWriter countyRows = new CopyWriter(connection, "county",
				"id, city_id, code, name, kind, key_designation")) {
			for (int copy = 0; copy < this.world.scale; copy++) {
				for (String[] county : COUNTIES) {
					long id = this.world.ids.next("county");
					String code = (copy == 0) ? county[0] : "99" + DemoNames.two(copy) + county[0].substring(4);
					countyRows.add(id)
						.add(copy + 1)
						.add(code)
						.add(DemoNames.copyName(county[1], copy))
						.add(county[2])
						.add(countyDesignation(county[0]))
						.endRow();
					counties.add(new String[] { Long.toString(id), code, county[0] });
				}
			}
		}
		SplittableRandom random = this.world.random("areas", 0);
		List<long[]> townInfo = new ArrayList<>();
		try (CopyWriter townRows = new CopyWriter(connection, "town",
				"id, county_id, code, name, kind, key_designation")) {
			for (int c = 0; c < counties.size(); c++) {
				String[] county = counties.get(c);
				String[] base = COUNTIES[c % COUNTIES.length];
				int townCount = Integer.parseInt(base[3]);
				int keyTowns = keyTownsIn(base[0]);
				for (int t = 0; t < townCount; t++) {
					long id = this.world.ids.next("town");
					boolean subdistrict = base[2].equals("DISTRICT") && t < 3;
					String name = DemoNames.placeName(random) + (subdistrict ? "街道" : "镇");
					townRows.add(id)
						.add(county[0])
						.add(county[1] + DemoNames.three(t + 1))
						.add(name)
						.add(subdistrict ? "SUBDISTRICT" : "TOWN")
						.add((t >= townCount - keyTowns) ? "PROVINCIAL" : null)
						.endRow();
					if (t >= townCount - keyTowns) {
						this.world.keyTowns.add(id);
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
					long id = this.world.ids.next("village");
					boolean key = v < keyVillages;
					boolean community = inTown == 1 && townIndex % 3 == 0;
					double vLat = lat + (random.nextDouble() - 0.5) * 0.4;
					double vLon = lon + (random.nextDouble() - 0.5) * 0.4;
					villageRows.add(id)
						.add(town[0])
						.add(county[1] + DemoNames.three((int) town[2] + 1) + DemoNames.three(inTown))
						.add(DemoNames.placeName(random) + (community ? "社区" : "村"))
						.add(community ? "COMMUNITY" : "VILLAGE")
						.add(key ? "PROVINCIAL" : null)
						.add(String.format(Locale.ROOT, "%.6f", vLat))
						.add(String.format(Locale.ROOT, "%.6f", vLon))
						.endRow();
					this.world.villages.add(new VillageInfo(id, town[0], c, copy, key, keyCounty));
				}
			}
			writeRelocationCommunities(villageRows, counties, townInfo, countyTownRange);
		}
		try (CopyWriter rows = new CopyWriter(connection, "relocation_community",
				"village_id, opened_year, households_moved, people_moved")) {
			for (CommunityInfo community : this.world.communities) {
				rows.add(community.id())
					.add(community.openedYear())
					.add(community.households())
					.add(community.people())
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
		SplittableRandom random = this.world.random("relocation", 0);
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
				long id = this.world.ids.next("village");
				villageRows.add(id)
					.add(town[0])
					// 9xx: after the villages' own numbers in the town
					.add(county[1] + DemoNames.three((int) town[2] + 1) + DemoNames.three(901 + i / townCount))
					.add(DemoNames.placeName(random) + "安置社区")
					.add("COMMUNITY")
					.add(null)
					.add(String.format(Locale.ROOT, "%.6f", lat + (random.nextDouble() - 0.5) * 0.2))
					.add(String.format(Locale.ROOT, "%.6f", lon + (random.nextDouble() - 0.5) * 0.2))
					.endRow();
				int households = 150 + random.nextInt(1_350);
				int people = households * 3 + random.nextInt(households);
				this.world.communities
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

}
