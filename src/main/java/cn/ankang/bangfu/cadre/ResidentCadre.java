package cn.ankang.bangfu.cadre;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.values.Gender;
import cn.ankang.bangfu.shared.relay.GlobalId;

/**
 * A resident cadre.
 *
 * @param key database key
 * @param name full name
 * @param gender gender
 * @param phone mobile number
 * @param dispatchingUnitKey the key of the unit that sent the cadre
 * @param version raised by every change
 */
public record ResidentCadre(long key, String name, Gender gender, @Nullable String phone, long dispatchingUnitKey,
		int version) {

	public static final String TYPE = "ResidentCadre";

	public String id() {
		return GlobalId.of(TYPE, this.key);
	}

}
