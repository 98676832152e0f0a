package cn.ankang.bangfu.population;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.values.PersonalRecord;

/**
 * A household lifted out of poverty, on the register (脱贫户).
 *
 * @param key its key
 * @param villageKey its village
 * @param householdNumber 户编号
 * @param headName the head's name
 * @param headIdNumber the head's resident ID number
 * @param people how many people it has
 * @param exitedYear the year it was lifted out of poverty (脱贫年度)
 * @param relocated whether it was relocated (易地扶贫搬迁户)
 * @param responsibleCadreKey the cadre responsible for it, if any
 * @param householdKey the monitored household it also is, if it is monitored
 * @param relocationCommunityKey the relocation community it moved to (a village's key),
 * if relocated and recorded
 * @param personalDataVisible whether the signed-in user is responsible for it
 * @param version raised by every change
 */
record ExitedHousehold(long key, long villageKey, String householdNumber, String headName, String headIdNumber,
		int people, int exitedYear, boolean relocated, @Nullable Long responsibleCadreKey, @Nullable Long householdKey,
		@Nullable Long relocationCommunityKey, boolean personalDataVisible, int version) implements PersonalRecord {

	static final String TYPE = "ExitedHousehold";

	@Override
	public String id() {
		return GlobalId.of(TYPE, this.key);
	}

}
