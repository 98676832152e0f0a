package cn.ankang.bangfu.cadre;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.relay.GlobalId;

/**
 * A cadre's posting to a village.
 *
 * @param key database key
 * @param cadreKey the cadre's key
 * @param villageKey the village's key
 * @param role the cadre's role in the work team
 * @param startedOn first day in post
 * @param endedOn last day in post, null while it runs
 * @param version raised by every change
 * @param succeedsPostingKey on rotation, the posting this one took over
 * @param handoverNote on rotation, what was handed over
 * @param endReason why the posting ended, when it ended without a successor
 */
public record Posting(long key, long cadreKey, long villageKey, Role role, LocalDate startedOn,
		@Nullable LocalDate endedOn, int version, @Nullable Long succeedsPostingKey, @Nullable String handoverNote,
		@Nullable String endReason) {

	public String id() {
		return GlobalId.of("Posting", this.key);
	}

	/** Roles in a village work team. */
	public enum Role {

		FIRST_SECRETARY, TEAM_LEADER, TEAM_MEMBER;

		/** The role a cadre's account holds for a posting in this role. */
		public cn.ankang.bangfu.security.Role accountRole() {
			return (this == FIRST_SECRETARY) ? cn.ankang.bangfu.security.Role.FIRST_SECRETARY
					: cn.ankang.bangfu.security.Role.TEAM_MEMBER;
		}

	}

}
