package cn.ankang.bangfu.leader;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.relay.GlobalId;

/**
 * A leader's liaison with a county and a key village.
 *
 * @param key database key
 * @param leaderKey the leader's key
 * @param countyKey the county's key
 * @param villageKey the key village's key, if any
 * @param startedOn first day
 * @param endedOn last day, null while it lasts
 * @param version raised by every change
 */
public record LeaderLiaison(long key, long leaderKey, long countyKey, @Nullable Long villageKey, LocalDate startedOn,
		@Nullable LocalDate endedOn, int version) {

	public String id() {
		return GlobalId.of("LeaderLiaison", this.key);
	}

}
