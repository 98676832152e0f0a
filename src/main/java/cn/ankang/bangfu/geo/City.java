package cn.ankang.bangfu.geo;

import cn.ankang.bangfu.shared.relay.GlobalId;

/**
 * A prefecture-level city.
 *
 * @param key database key
 * @param code four-digit division code
 * @param name official name
 */
public record City(long key, String code, String name) {

	public String id() {
		return GlobalId.of("City", this.key);
	}

}
