package cn.ankang.bangfu.household;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.GlobalId;

/**
 * An assistance measure applied to a household.
 *
 * @param key database key
 * @param householdKey the household's key
 * @param type the kind of assistance
 * @param description what was done
 * @param startedOn when it started
 * @param endedOn when it ended, null while it runs
 */
record AssistanceMeasure(long key, long householdKey, Type type, String description, LocalDate startedOn,
		@Nullable LocalDate endedOn) {

	public String id() {
		return GlobalId.of("AssistanceMeasure", this.key);
	}

	/** Kinds of assistance. */
	enum Type {

		INDUSTRY, EMPLOYMENT, HEALTH, EDUCATION, SOCIAL_SECURITY, MICROCREDIT, PUBLIC_WELFARE_JOB, HOUSING,
		DRINKING_WATER, OTHER

	}

}
