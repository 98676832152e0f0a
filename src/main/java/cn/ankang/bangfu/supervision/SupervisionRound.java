package cn.ankang.bangfu.supervision;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.relay.GlobalId;

/**
 * A round of concentrated supervision and help (集中督帮) the city sent.
 *
 * @param key database key
 * @param cityKey the city whose round it is
 * @param year the year it started in
 * @param name its name, e.g. 2023年第一轮集中督帮
 * @param organiser who organised it
 * @param ownerUserKey the account that reviews its problems' rectification; null for a
 * round loaded from a data set, which the city's leaders review
 * @param ownerName that account's display name
 * @param startedOn first day
 * @param endedOn last day
 * @param version raised by every change
 */
public record SupervisionRound(long key, long cityKey, int year, String name, String organiser,
		@Nullable Long ownerUserKey, @Nullable String ownerName, LocalDate startedOn, LocalDate endedOn, int version) {

	public String id() {
		return GlobalId.of("SupervisionRound", this.key);
	}

}
