package cn.ankang.bangfu.security;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.relay.GlobalId;

/**
 * A user account, without its password.
 *
 * @param key database key
 * @param username the name used to sign in
 * @param displayName the name shown to people
 * @param cadreKey the resident cadre the account belongs to, if any
 * @param enabled whether the user may sign in
 */
public record Account(long key, String username, String displayName, @Nullable Long cadreKey, boolean enabled) {

	static final String TYPE = "User";

	public String id() {
		return GlobalId.of(TYPE, this.key);
	}

}
