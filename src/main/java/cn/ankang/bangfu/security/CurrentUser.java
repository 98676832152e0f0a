package cn.ankang.bangfu.security;

import cn.ankang.bangfu.security.jurisdiction.Place;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Who is making the request: the account, its roles with their jurisdictions, and the
 * session the access token belongs to. Loaded from the database on every request, so that
 * a revoked session or a removed role counts at once, not when the token expires.
 *
 * @param userKey the account's key
 * @param username the account's username
 * @param cadreKey the cadre the account belongs to, if any
 * @param sessionId the session of the access token
 * @param grants the roles held
 */
public record CurrentUser(long userKey, String username, @Nullable Long cadreKey, UUID sessionId,
		List<RoleGrant> grants) {

	/** Whether the user holds the role, in any jurisdiction. */
	public boolean has(Role role) {
		return this.grants.stream().anyMatch((grant) -> grant.role() == role);
	}

	/**
	 * Whether every role the user holds is {@link Role#DEVELOPER}: an account for
	 * building on the API, which sees no one's personal data.
	 */
	public boolean developerOnly() {
		return !this.grants.isEmpty() && this.grants.stream().allMatch((grant) -> grant.role() == Role.DEVELOPER);
	}

	/**
	 * Whether a grant of the role covers the place: an admin's covers everything, a city
	 * leader's the city, a county officer's the county and a town officer's the town.
	 * Other roles are not bound to areas and cover none.
	 */
	public boolean covers(Role role, Place place) {
		return this.grants.stream().filter((grant) -> grant.role() == role).anyMatch((grant) -> switch (role) {
			case ADMIN -> true;
			case CITY_LEADER -> grant.cityKey() != null && grant.cityKey() == place.cityKey();
			case COUNTY_OFFICER -> grant.countyKey() != null && grant.countyKey().equals(place.countyKey());
			case TOWN_OFFICER -> grant.townKey() != null && grant.townKey().equals(place.townKey());
			default -> false;
		});
	}

	/** Whether the user manages the assistance unit (a unit manager's grant). */
	public boolean manages(long unitKey) {
		return this.grants.stream()
			.anyMatch((grant) -> grant.role() == Role.UNIT_MANAGER && grant.unitKey() != null
					&& grant.unitKey() == unitKey);
	}

}
