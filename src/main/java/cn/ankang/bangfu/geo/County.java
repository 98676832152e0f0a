package cn.ankang.bangfu.geo;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.relay.GlobalId;

/**
 * A county, district or county-level city.
 *
 * @param key database key
 * @param cityKey the city's key
 * @param code six-digit division code
 * @param name official name
 * @param kind district, county or county-level city
 * @param keyDesignation key-assistance designation, if any
 */
public record County(long key, long cityKey, String code, String name, Kind kind,
		@Nullable KeyDesignation keyDesignation) {

	public String id() {
		return GlobalId.of("County", this.key);
	}

	/** County-level division kinds. */
	public enum Kind {

		DISTRICT, COUNTY, COUNTY_LEVEL_CITY

	}

}
