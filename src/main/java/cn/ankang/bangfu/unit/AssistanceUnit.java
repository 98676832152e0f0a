package cn.ankang.bangfu.unit;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.relay.GlobalId;

/**
 * An assistance unit.
 *
 * @param key database key
 * @param name name
 * @param level central, provincial, municipal or county
 * @param kind what sort of organisation
 * @param countyKey for a county-level unit, its county's key
 * @param version raised by every change
 */
public record AssistanceUnit(long key, String name, Level level, Kind kind, @Nullable Long countyKey, int version) {

	public static final String TYPE = "AssistanceUnit";

	public String id() {
		return GlobalId.of(TYPE, this.key);
	}

	/** Levels of government. */
	public enum Level {

		CENTRAL, PROVINCIAL, MUNICIPAL, COUNTY

	}

	/** Sorts of organisation. */
	public enum Kind {

		GOVERNMENT_DEPARTMENT, STATE_ENTERPRISE, PRIVATE_ENTERPRISE, UNIVERSITY, HOSPITAL, OTHER

	}

}
