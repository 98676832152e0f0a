package cn.ankang.bangfu.household;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.history.Refusals;
import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.errors.UserError;

import org.springframework.stereotype.Component;

/**
 * What every change of a household's records (户档案) starts from and ends with: that the
 * user is one who keeps them, the household locked when the user is responsible for it,
 * the member or measure held at the household's version the change was based on, and the
 * household as it reads after the change.
 * <p>
 * Who may: those responsible for the household (its village's resident cadres, its town's
 * and county's officers). Changes of what is recorded name the household's
 * {@code version}; additions (a member, a measure) need none. Every change raises the
 * version, so that phones holding the household learn of it.
 */
@Component
class RecordKeeping {

	private static final String WHAT = "Keeping a household's records";

	static final LocalDate OLDEST_BIRTH = LocalDate.of(1900, 1, 1);

	private final HouseholdRepository households;

	private final Jurisdiction jurisdiction;

	private final Clock clock;

	RecordKeeping(HouseholdRepository households, Jurisdiction jurisdiction, Clock clock) {
		this.households = households;
		this.jurisdiction = jurisdiction;
		this.clock = clock;
	}

	static CurrentUser requireKeeper() {
		return Auth.requireAny(WHAT, Role.COUNTY_OFFICER, Role.TOWN_OFFICER, Role.FIRST_SECRETARY, Role.TEAM_MEMBER);
	}

	@Nullable Household responsibleFor(String householdId) {
		return GlobalId.numericKeyOf(householdId, Household.TYPE).map(this::responsibleFor).orElse(null);
	}

	/**
	 * The household, locked, when the user sees it; null when not.
	 * @throws ApiException {@code FORBIDDEN} when the user sees it but is not responsible
	 * for it (a leader, an admin)
	 */
	private @Nullable Household responsibleFor(long key) {
		Household household = this.households.lock(key, this.jurisdiction.current()).orElse(null);
		if (household != null && !household.personalDataVisible()) {
			throw ApiException.forbidden("Only those responsible for a household keep its records.");
		}
		return household;
	}

	/**
	 * The member or measure and its household, locked, as the change based on the
	 * household's version found them; or why the change is refused (an unknown item, a
	 * stale version).
	 */
	<T> Held<T> held(@Nullable T item, long householdKey, int baseVersion, String what, String whatZh, String field) {
		Household household = (item != null) ? responsibleFor(householdKey) : null;
		if (item == null || household == null) {
			return new Held<>(null, null, Refusals.notFound(what, whatZh, field));
		}
		if (household.version() != baseVersion) {
			return new Held<>(item, household, Refusals.stale(baseVersion, household.version()));
		}
		return new Held<>(item, household, null);
	}

	/** A household's member or measure held for a change, or why it is not. */
	record Held<T>(@Nullable T item, @Nullable Household household, @Nullable UserError refusal) {
	}

	@Nullable Household household(long key) {
		return this.households.householdsByKeys(List.of(key), this.jurisdiction.forQueries())
			.stream()
			.findFirst()
			.orElse(null);
	}

	LocalDate today() {
		return LocalDate.now(this.clock);
	}

}
