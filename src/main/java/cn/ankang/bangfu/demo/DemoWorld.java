package cn.ankang.bangfu.demo;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What the tables of the demo data set share while they are written: the seed and the
 * random streams derived from it, the scale, the day the world is seen from, the ids
 * handed out, and what later tables need of the villages, units, relocation communities
 * and postings written before them.
 */
final class DemoWorld {

	/** The last day the report covers; the demo world is seen as of then. */
	static final LocalDate REPORT_END = LocalDate.of(2023, 12, 31);

	static final LocalDate REPORT_YEAR_END = LocalDate.of(2023, 12, 31);

	static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

	final long seed;

	final int scale;

	final LocalDate today;

	final Ids ids = new Ids();

	// what later tables need of villages, cadres and units, over all copies of the city
	final List<VillageInfo> villages = new ArrayList<>();

	final List<UnitInfo> units = new ArrayList<>();

	// the provincial key towns, over all copies of the city
	final java.util.Set<Long> keyTowns = new java.util.HashSet<>();

	// the relocation communities, after every copy's villages
	final List<CommunityInfo> communities = new ArrayList<>();

	// the rotations after the report: each successor's posting to its predecessor's, and
	// each posting to the one that holds its place today
	final java.util.Map<Long, PostingInfo> predecessors = new java.util.HashMap<>();

	final java.util.Map<Long, PostingInfo> current = new java.util.HashMap<>();

	DemoWorld(long seed, int scale, LocalDate today) {
		this.seed = seed;
		this.scale = scale;
		this.today = today;
	}

	SplittableRandom random(String stream, long id) {
		long mixed = this.seed * 0x9E3779B97F4A7C15L + stream.hashCode() * 0xC2B2AE3D27D4EB4FL + id;
		return new SplittableRandom(mixed);
	}

	/** The villages of one copy of the city that are key villages, or that are not. */
	List<VillageInfo> villagesOf(int copy, boolean key) {
		List<VillageInfo> found = new ArrayList<>();
		for (VillageInfo village : this.villages) {
			if (village.copy == copy && village.key == key) {
				found.add(village);
			}
		}
		return found;
	}

	/**
	 * The key of the village's county: counties were numbered in the order of their
	 * index.
	 */
	static long county(VillageInfo village) {
		return village.countyIndex + 1;
	}

	/**
	 * Hands out ids per table, so rows can refer to each other before they are written.
	 */
	static final class Ids {

		private final java.util.Map<String, Long> last = new java.util.HashMap<>();

		long next(String table) {
			return this.last.merge(table, 1L, Long::sum);
		}

	}

	static final class VillageInfo {

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

	record UnitInfo(long id, int copy, int countyIndex, int indexInCounty) {
	}

	record CommunityInfo(long id, int copy, int countyIndex, int openedYear, int households, int people) {
	}

	record PostingInfo(long id, long cadreId, VillageInfo village, String role, LocalDate startedOn,
			LocalDate endedOn) {
	}

}
