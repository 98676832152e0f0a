package cn.ankang.bangfu.monitoring;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.security.RoleGrant;

/**
 * In which capacity a user may act for a role in an area: the one place that says who may
 * take a step, complete a task or resolve a warning.
 */
final class Actors {

	private Actors() {
	}

	/**
	 * The role the user acts in, if the user may act for {@code assignee} in the area: a
	 * cadre posted in the village today, an officer of the town, an officer of the county
	 * (the town's too), an admin for what has no area.
	 * @param posted whether the user's cadre is posted in the village today
	 */
	static Optional<Role> capacity(CurrentUser user, Task.Assignee assignee, boolean posted, @Nullable Long town,
			@Nullable Long county) {
		return switch (assignee) {
			case CADRE -> (user.cadreKey() != null && posted)
					? user.grants().stream().map(RoleGrant::role).filter(Role::isCadreRole).findFirst()
					: Optional.empty();
			case TOWN_OFFICER -> user.grants()
				.stream()
				.filter((grant) -> grant.role() == Role.TOWN_OFFICER && town != null && town.equals(grant.townKey()))
				.map(RoleGrant::role)
				.findFirst();
			case COUNTY_OFFICER -> user.grants()
				.stream()
				.filter((grant) -> grant.role() == Role.COUNTY_OFFICER && county != null
						&& county.equals(grant.countyKey()))
				.map(RoleGrant::role)
				.findFirst();
			case ADMIN -> user.has(Role.ADMIN) ? Optional.of(Role.ADMIN) : Optional.empty();
		};
	}

	/** Who must act, for messages. */
	static String describe(Task.Assignee assignee) {
		return switch (assignee) {
			case CADRE -> "the resident cadres posted in the household's village";
			case TOWN_OFFICER -> "the officers of the household's town";
			case COUNTY_OFFICER -> "the officers of the household's county";
			case ADMIN -> "administrators";
		};
	}

}
