package cn.ankang.bangfu.unit;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.relay.GlobalId;

/**
 * A unit's pairing with a village over a period.
 *
 * @param key database key
 * @param unitKey the unit's key
 * @param villageKey the village's key
 * @param startedOn first day
 * @param endedOn last day, null while it lasts
 * @param version raised by every change
 */
public record UnitPairing(long key, long unitKey, long villageKey, LocalDate startedOn, @Nullable LocalDate endedOn,
		int version) {

	public String id() {
		return GlobalId.of("UnitPairing", this.key);
	}

}
