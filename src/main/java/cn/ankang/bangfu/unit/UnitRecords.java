package cn.ankang.bangfu.unit;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.geo.County;
import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.history.ClientChanges;
import cn.ankang.bangfu.history.Outcome;
import cn.ankang.bangfu.history.Refusals;
import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.jurisdiction.Place;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.shared.values.ClientId;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.values.Text;
import cn.ankang.bangfu.shared.errors.UserError;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the register of assistance units and their pairings with villages: the city
 * leaders' office (and admins) registers units, corrects them, and pairs them with the
 * villages of its city. Every change is sent under a client's change id and kept in the
 * units' history by the database.
 */
@Service
class UnitRecords {

	private static final String WHAT = "Keeping the register of assistance units";

	private final UnitRepository units;

	private final GeoService geo;

	private final ClientChanges changes;

	private final Clock clock;

	UnitRecords(UnitRepository units, GeoService geo, ClientChanges changes, Clock clock) {
		this.units = units;
		this.geo = geo;
		this.changes = changes;
		this.clock = clock;
	}

	/**
	 * Registers a unit.
	 * @throws cn.ankang.bangfu.shared.errors.ApiException {@code FORBIDDEN} for users who
	 * are neither city leaders nor admins
	 */
	@Transactional
	Outcome<AssistanceUnit> create(CreateInput input) {
		CurrentUser user = Auth.requireAny(WHAT, Role.CITY_LEADER, Role.ADMIN);
		return this.changes.once("createAssistanceUnit", input.changeId(), input, () -> {
			Long county = null;
			if (input.level() == AssistanceUnit.Level.COUNTY) {
				if (input.countyCode() == null) {
					return Outcome.refused(null, Refusals.invalid("A county-level unit names its county.",
							"县级帮扶单位须填写所属县区代码。", "countyCode"));
				}
				Optional<County> found = this.geo.county(input.countyCode());
				if (found.isEmpty()) {
					return Outcome.refused(null, Refusals.notFound("county", "县区", "countyCode"));
				}
				if (!mayKeep(user, this.geo.placeOfCounty(found.get().key()).orElseThrow())) {
					return Outcome.refused(null, Refusals.outOfJurisdiction("county", "县区", "countyCode"));
				}
				county = found.get().key();
			}
			else if (input.countyCode() != null) {
				return Outcome.refused(null, Refusals.invalid("Only a county-level unit belongs to a county.",
						"只有县级帮扶单位才填写所属县区。", "countyCode"));
			}
			String name = input.name().strip();
			if (this.units.unitNamed(name, 0)) {
				return Outcome.refused(null, Refusals.alreadyExists("A unit of this name", "同名帮扶单位", "name"));
			}
			return Outcome.done(unit(this.units.insertUnit(name, input.level(), input.kind(), county)));
		}, AssistanceUnit::key, this::unit);
	}

	/** Corrects a unit's name or kind. */
	@Transactional
	Outcome<AssistanceUnit> update(UpdateInput input) {
		CurrentUser user = Auth.requireAny(WHAT, Role.CITY_LEADER, Role.ADMIN);
		return this.changes.once("updateAssistanceUnit", input.changeId(), input, () -> {
			AssistanceUnit unit = GlobalId.numericKeyOf(input.unitId(), AssistanceUnit.TYPE)
				.map(this::unit)
				.orElse(null);
			if (unit == null) {
				return Outcome.refused(null, Refusals.notFound("assistance unit", "帮扶单位", "unitId"));
			}
			if (!mayKeep(user, unit)) {
				return Outcome.refused(unit, Refusals.outOfJurisdiction("assistance unit", "帮扶单位", "unitId"));
			}
			String name = (input.name() != null) ? input.name().strip() : unit.name();
			if (this.units.unitNamed(name, unit.key())) {
				return Outcome.refused(unit, Refusals.alreadyExists("A unit of this name", "同名帮扶单位", "name"));
			}
			AssistanceUnit.Kind kind = (input.kind() != null) ? input.kind() : unit.kind();
			if (!this.units.updateUnit(unit.key(), input.baseVersion(), name, kind)) {
				return Outcome.refused(unit, Refusals.stale(input.baseVersion(), unit.version()));
			}
			return Outcome.done(unit(unit.key()));
		}, AssistanceUnit::key, this::unit);
	}

	/** Pairs a unit with a village from a day on. */
	@Transactional
	Outcome<UnitPairing> pair(PairInput input) {
		CurrentUser user = Auth.requireAny(WHAT, Role.CITY_LEADER, Role.ADMIN);
		return this.changes.once("pairUnitWithVillage", input.changeId(), input, () -> {
			AssistanceUnit unit = GlobalId.numericKeyOf(input.unitId(), AssistanceUnit.TYPE)
				.map(this::unit)
				.orElse(null);
			if (unit == null) {
				return Outcome.refused(null, Refusals.notFound("assistance unit", "帮扶单位", "unitId"));
			}
			Optional<Place> village = GlobalId.numericKeyOf(input.villageId(), "Village")
				.flatMap(this.geo::placeOfVillage);
			if (village.isEmpty()) {
				return Outcome.refused(null, Refusals.notFound("village", "村", "villageId"));
			}
			if (!mayKeep(user, village.get())) {
				return Outcome.refused(null, Refusals.outOfJurisdiction("village", "村", "villageId"));
			}
			Optional<UserError> day = Refusals.day(input.startedOn(), today(), Refusals.EARLIEST, "startedOn");
			if (day.isPresent()) {
				return Outcome.refused(null, day.get());
			}
			long villageKey = village.get().villageKey();
			if (this.units.pairedFrom(unit.key(), villageKey, input.startedOn())) {
				return Outcome.refused(null, Refusals.alreadyExists("A pairing of this unit with this village",
						"该单位与该村在此期间的结对关系", "startedOn"));
			}
			return Outcome.done(pairing(this.units.insertPairing(unit.key(), villageKey, input.startedOn())));
		}, UnitPairing::key, this::pairing);
	}

	/** Ends a pairing on its last day. */
	@Transactional
	Outcome<UnitPairing> endPairing(EndPairingInput input) {
		CurrentUser user = Auth.requireAny(WHAT, Role.CITY_LEADER, Role.ADMIN);
		return this.changes.once("endUnitPairing", input.changeId(), input, () -> {
			UnitPairing pairing = GlobalId.numericKeyOf(input.pairingId(), "UnitPairing")
				.map(this::pairing)
				.orElse(null);
			if (pairing == null) {
				return Outcome.refused(null, Refusals.notFound("pairing", "结对关系", "pairingId"));
			}
			if (!mayKeep(user, this.geo.placeOfVillage(pairing.villageKey()).orElseThrow())) {
				return Outcome.refused(pairing, Refusals.outOfJurisdiction("pairing", "结对关系", "pairingId"));
			}
			if (pairing.version() != input.baseVersion()) {
				return Outcome.refused(pairing, Refusals.stale(input.baseVersion(), pairing.version()));
			}
			if (pairing.endedOn() != null) {
				return Outcome.refused(pairing,
						Refusals.invalidTransition("The pairing ended on %s already.".formatted(pairing.endedOn()),
								"该结对关系已于 %s 结束。".formatted(pairing.endedOn()), "pairingId"));
			}
			Optional<UserError> day = Refusals.day(input.endedOn(), today(), pairing.startedOn(), "endedOn");
			if (day.isPresent()) {
				return Outcome.refused(pairing, day.get());
			}
			if (!this.units.endPairing(pairing.key(), input.baseVersion(), input.endedOn())) {
				return Outcome.refused(pairing, Refusals.stale(input.baseVersion(), pairing.version() + 1));
			}
			return Outcome.done(pairing(pairing.key()));
		}, UnitPairing::key, this::pairing);
	}

	/**
	 * Whether the user keeps the register for the place: an admin anywhere, a city leader
	 * in the city.
	 */
	private static boolean mayKeep(CurrentUser user, Place place) {
		return user.covers(Role.ADMIN, place) || user.covers(Role.CITY_LEADER, place);
	}

	/**
	 * Whether the user keeps the unit: a county-level unit belongs to its county's city;
	 * units above county level are kept by every city they serve.
	 */
	private boolean mayKeep(CurrentUser user, AssistanceUnit unit) {
		if (unit.countyKey() == null) {
			return user.has(Role.ADMIN) || user.has(Role.CITY_LEADER);
		}
		return mayKeep(user, this.geo.placeOfCounty(unit.countyKey()).orElseThrow());
	}

	private @Nullable AssistanceUnit unit(long key) {
		List<AssistanceUnit> found = this.units.unitsByKeys(List.of(key));
		return found.isEmpty() ? null : found.get(0);
	}

	private @Nullable UnitPairing pairing(long key) {
		List<UnitPairing> found = this.units.pairingsByKeys(List.of(key));
		return found.isEmpty() ? null : found.get(0);
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

	record CreateInput(@ClientId String changeId, @Text(min = 2, max = 100) String name, AssistanceUnit.Level level,
			AssistanceUnit.Kind kind, @Nullable String countyCode) {
	}

	record UpdateInput(@ClientId String changeId, String unitId, int baseVersion,
			@Text(min = 2, max = 100) @Nullable String name, AssistanceUnit.@Nullable Kind kind) {
	}

	record PairInput(@ClientId String changeId, String unitId, String villageId, LocalDate startedOn) {
	}

	record EndPairingInput(@ClientId String changeId, String pairingId, int baseVersion, LocalDate endedOn) {
	}

}
