package cn.ankang.bangfu.cadre;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.GlobalId;

/**
 * A cadre's posting to a village.
 *
 * @param key database key
 * @param cadreKey the cadre's key
 * @param villageKey the village's key
 * @param role the cadre's role in the work team
 * @param startedOn first day in post
 * @param endedOn last day in post, null while it runs
 */
public record Posting(long key, long cadreKey, long villageKey, Role role, LocalDate startedOn,
		@Nullable LocalDate endedOn) {

	public String id() {
		return GlobalId.of("Posting", this.key);
	}

	/** Roles in a village work team. */
	public enum Role {

		FIRST_SECRETARY, TEAM_LEADER, TEAM_MEMBER

	}

}
