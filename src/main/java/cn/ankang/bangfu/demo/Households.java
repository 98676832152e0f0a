package cn.ankang.bangfu.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import cn.ankang.bangfu.demo.DemoWorld.PostingInfo;
import cn.ankang.bangfu.demo.DemoWorld.VillageInfo;

/**
 * The monitored households as later tables need them, one array a field and one index a
 * household, and the people in them, each drawn again from its own stream when asked for.
 */
final class Households {

	static final String[] RISKS = { "ILLNESS", "DISABILITY", "SCHOOLING_COSTS", "DISASTER", "ACCIDENT",
			"UNSTABLE_EMPLOYMENT", "LACK_OF_LABOUR", "HOUSING_SAFETY", "DRINKING_WATER", "OTHER" };

	private static final int[] RISK_WEIGHTS = { 34, 18, 10, 6, 4, 12, 10, 3, 1, 2 };

	private final DemoWorld world;

	final long[] id;

	final VillageInfo[] village;

	final int[] size;

	final int[] measures;

	final long[] firstPerson;

	final LocalDate[] identifiedOn;

	final LocalDate[] eliminatedOn;

	final String[] category;

	final PostingInfo[] cadre;

	Households(DemoWorld world, int count) {
		this.world = world;
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

	/** The {@code m}-th member of household {@code i}; member 0 is the head. */
	Person person(int i, int m) {
		long number = this.firstPerson[i] + m;
		SplittableRandom family = this.world.random("family", this.id[i]);
		String surname = DemoNames.SURNAMES[family.nextInt(DemoNames.SURNAMES.length)];
		int headBirthYear = 1948 + family.nextInt(45);
		SplittableRandom own = this.world.random("person", number);
		String relation;
		int birthYear;
		if (m == 0) {
			relation = "HEAD";
			birthYear = headBirthYear;
		}
		else if (m == 1) {
			relation = "SPOUSE";
			birthYear = headBirthYear - 3 + own.nextInt(7);
			surname = DemoNames.SURNAMES[own.nextInt(DemoNames.SURNAMES.length)];
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
		return new Person(surname + "某" + number, relation, gender, birthDate, DemoNames.idNumber(number, birthDate));
	}

	static String riskTypes(SplittableRandom random) {
		int count = 1 + ((random.nextInt(100) < 35) ? 1 : 0) + ((random.nextInt(100) < 10) ? 1 : 0);
		List<String> chosen = new ArrayList<>();
		while (chosen.size() < count) {
			String risk = RISKS[DemoNumbers.pick(random, RISK_WEIGHTS)];
			if (!chosen.contains(risk)) {
				chosen.add(risk);
			}
		}
		return "{" + String.join(",", chosen) + "}";
	}

	record Person(String name, String relation, String gender, LocalDate birthDate, String idNumber) {
	}

}
