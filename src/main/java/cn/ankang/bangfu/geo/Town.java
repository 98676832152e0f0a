package cn.ankang.bangfu.geo;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.relay.GlobalId;

/**
 * A town, township or subdistrict.
 *
 * @param key database key
 * @param countyKey the county's key
 * @param code nine-digit division code
 * @param name name
 * @param kind town, township or subdistrict
 * @param keyDesignation key-assistance designation, if any
 */
public record Town(long key, long countyKey, String code, String name, Kind kind,
		@Nullable KeyDesignation keyDesignation) {

	public String id() {
		return GlobalId.of("Town", this.key);
	}

	/** Town-level division kinds. */
	public enum Kind {

		TOWN, TOWNSHIP, SUBDISTRICT

	}

}
