package cn.ankang.bangfu.population;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.history.Refusals;
import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.errors.UserError;

/**
 * A household out of poverty a change is about, locked for the change, or why the change
 * may not touch it: every change to the register and what hangs on it starts here.
 *
 * @param household the household, when it exists in the asker's scope
 * @param refusal why not, when the change may not go on
 */
record HeldHousehold(@Nullable ExitedHousehold household, @Nullable UserError refusal) {

	/**
	 * The household, locked, when the user is responsible for it; else why not. A base
	 * version, when given, must be the household's.
	 */
	static HeldHousehold lock(PopulationRepository repository, Scope scope, String householdId,
			@Nullable Integer baseVersion) {
		ExitedHousehold household = GlobalId.numericKeyOf(householdId, ExitedHousehold.TYPE)
			.flatMap((key) -> repository.lockHousehold(key, scope))
			.orElse(null);
		if (household == null) {
			return new HeldHousehold(null, Refusals.notFound("household", "脱贫户", "householdId"));
		}
		if (!household.personalDataVisible()) {
			return new HeldHousehold(household, Refusals.outOfJurisdiction("household", "脱贫户", "householdId"));
		}
		if (baseVersion != null && household.version() != baseVersion) {
			return new HeldHousehold(household, Refusals.stale(baseVersion, household.version()));
		}
		return new HeldHousehold(household, null);
	}

}
