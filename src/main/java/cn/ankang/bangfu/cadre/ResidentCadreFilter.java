package cn.ankang.bangfu.cadre;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * Narrows a list of cadres; null parts do not narrow. Role, area and date apply to the
 * same posting.
 *
 * @param role only cadres with a posting in this role
 * @param dispatchingUnitId only cadres of this unit (global id)
 * @param countyCode only cadres with a posting in this county
 * @param townCode only cadres with a posting in this town
 * @param villageCode only cadres with a posting in this village
 * @param activeOn only cadres whose posting was in force on this date
 */
record ResidentCadreFilter(Posting.@Nullable Role role, @Nullable String dispatchingUnitId, @Nullable String countyCode,
		@Nullable String townCode, @Nullable String villageCode, @Nullable LocalDate activeOn) {

	static final ResidentCadreFilter NONE = new ResidentCadreFilter(null, null, null, null, null, null);

	boolean narrowsPostings() {
		return this.role != null || this.countyCode != null || this.townCode != null || this.villageCode != null
				|| this.activeOn != null;
	}

}
