package cn.ankang.bangfu.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import cn.ankang.bangfu.demo.DemoWorld.VillageInfo;

/**
 * A project as the generator holds it until its rows are written, and the fund
 * allocations it draws from its random stream: by source, adding up to its amount.
 */
final class ProjectInfo {

	static final int LINKAGE = 0;

	// which levels' linkage funds a project draws on, first source first
	private static final String[][] LINKAGE_MIXES = { { "CENTRAL_LINKAGE" }, { "PROVINCIAL_LINKAGE" },
			{ "CENTRAL_LINKAGE", "PROVINCIAL_LINKAGE" }, { "CENTRAL_LINKAGE", "COUNTY_LINKAGE" },
			{ "CENTRAL_LINKAGE", "PROVINCIAL_LINKAGE", "MUNICIPAL_LINKAGE" },
			{ "CENTRAL_LINKAGE", "PROVINCIAL_LINKAGE", "COUNTY_LINKAGE" }, { "PROVINCIAL_LINKAGE", "COUNTY_LINKAGE" } };

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

	ProjectInfo(long id, String name, String category, String industry, int year, String status, VillageInfo village,
			long townId, Long unitId, long amountFen, int kind, int households) {
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
		return new ProjectInfo(this.id, this.name, this.category, this.industry, this.year, this.status, this.village,
				this.townId, this.unitId, amountFen, this.kind, this.households);
	}

	/**
	 * The project's money by source, adding up to its amount. Linkage projects draw on
	 * one to three levels; central and provincial money was all spent in 2023, as the
	 * report says.
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
				: DemoNumbers.split(this.amountFen, sources.length, random);
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

	record Allocation(String source, long planned, long spent) {
	}

}
