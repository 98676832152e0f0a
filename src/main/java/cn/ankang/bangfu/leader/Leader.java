package cn.ankang.bangfu.leader;

import cn.ankang.bangfu.shared.relay.GlobalId;

/**
 * A city leader.
 *
 * @param key database key
 * @param name full name
 * @param title post held
 * @param version raised by every change
 */
public record Leader(long key, String name, String title, int version) {

	public String id() {
		return GlobalId.of("Leader", this.key);
	}

}
