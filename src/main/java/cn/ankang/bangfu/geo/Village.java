package cn.ankang.bangfu.geo;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.relay.GlobalId;

/**
 * A village or community.
 *
 * @param key database key
 * @param townKey the town's key
 * @param code twelve-digit division code
 * @param name name
 * @param kind village or community
 * @param keyDesignation key-assistance designation, if any
 * @param latitude latitude of the village committee, WGS 84
 * @param longitude longitude of the village committee, WGS 84
 */
public record Village(long key, long townKey, String code, String name, Kind kind,
		@Nullable KeyDesignation keyDesignation, double latitude, double longitude) {

	public String id() {
		return GlobalId.of("Village", this.key);
	}

	/** Village-level unit kinds. */
	public enum Kind {

		VILLAGE, COMMUNITY

	}

}
