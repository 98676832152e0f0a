package cn.ankang.bangfu.population;

/**
 * People of a registered household in work in a year (务工就业), in one place and one way.
 *
 * @param householdKey the household
 * @param year the year
 * @param place where they work
 * @param kind how they work
 * @param people how many
 */
record Employment(long householdKey, int year, Place place, Kind kind, int people) {

	/** Where people work. */
	enum Place {

		IN_COUNTY, IN_PROVINCE, OUT_OF_PROVINCE

	}

	/** How people work. */
	enum Kind {

		ENTERPRISE, COMMUNITY_FACTORY, PUBLIC_WELFARE_JOB, SELF_EMPLOYED, OTHER

	}

}
