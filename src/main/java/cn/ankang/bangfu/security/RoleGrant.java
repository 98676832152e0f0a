package cn.ankang.bangfu.security;

import org.jspecify.annotations.Nullable;

/**
 * A role a user holds, with the area or unit it is bound to.
 *
 * @param role the role
 * @param cityKey for a city leader, the city
 * @param countyKey for a county officer, the county
 * @param townKey for a town officer, the town
 * @param unitKey for a unit manager, the assistance unit
 */
public record RoleGrant(Role role, @Nullable Long cityKey, @Nullable Long countyKey, @Nullable Long townKey,
		@Nullable Long unitKey) {
}
