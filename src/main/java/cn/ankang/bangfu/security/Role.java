package cn.ankang.bangfu.security;

/**
 * What a user may do. Each role a user holds is bound to a jurisdiction.
 */
public enum Role {

	ADMIN, CITY_LEADER, COUNTY_OFFICER, TOWN_OFFICER, UNIT_MANAGER, FIRST_SECRETARY, TEAM_MEMBER, DEVELOPER;

	/**
	 * Whether the role belongs to a resident cadre, whose jurisdiction follows the
	 * cadre's postings.
	 */
	public boolean isCadreRole() {
		return this == FIRST_SECRETARY || this == TEAM_MEMBER;
	}

}
