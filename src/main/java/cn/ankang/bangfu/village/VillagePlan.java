package cn.ankang.bangfu.village;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.relay.GlobalId;

/**
 * A village plan (村庄规划), compiled in a year and approved by a document.
 *
 * @param key database key
 * @param villageKey the village's key
 * @param compiledYear the year it was compiled (编制)
 * @param approvedOn the day it was approved (批复), if it was
 * @param documentNumber the approving document's number (批复文号), if approved
 * @param version raised by every change
 */
record VillagePlan(long key, long villageKey, int compiledYear, @Nullable LocalDate approvedOn,
		@Nullable String documentNumber, int version) {

	public String id() {
		return GlobalId.of("VillagePlan", this.key);
	}

}
