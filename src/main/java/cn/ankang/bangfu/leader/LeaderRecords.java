package cn.ankang.bangfu.leader;

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
 * Keeps which city leader liaises with which county and key village (领导联县包村): the city
 * leaders' office (and admins) records leaders, assigns them to the counties of its city
 * and ends those liaisons. Kept in the leaders' history by the database.
 */
@Service
class LeaderRecords {

	private static final String WHAT = "Keeping the leaders' liaisons";

	private final LeaderRepository leaders;

	private final GeoService geo;

	private final ClientChanges changes;

	private final Clock clock;

	LeaderRecords(LeaderRepository leaders, GeoService geo, ClientChanges changes, Clock clock) {
		this.leaders = leaders;
		this.geo = geo;
		this.changes = changes;
		this.clock = clock;
	}

	/** Records a city leader. */
	@Transactional
	Outcome<Leader> create(CreateInput input) {
		Auth.requireAny(WHAT, Role.CITY_LEADER, Role.ADMIN);
		return this.changes.once("createLeader", input.changeId(), input,
				() -> Outcome.done(leader(this.leaders.insertLeader(input.name().strip(), input.title().strip()))),
				Leader::key, this::leader);
	}

	/** Assigns a leader to a county (and one of its villages) from a day on. */
	@Transactional
	Outcome<LeaderLiaison> assign(AssignInput input) {
		CurrentUser user = Auth.requireAny(WHAT, Role.CITY_LEADER, Role.ADMIN);
		return this.changes.once("assignLeaderLiaison", input.changeId(), input, () -> {
			Leader leader = GlobalId.numericKeyOf(input.leaderId(), "Leader").map(this::leader).orElse(null);
			if (leader == null) {
				return Outcome.refused(null, Refusals.notFound("leader", "领导", "leaderId"));
			}
			Optional<County> county = this.geo.county(input.countyCode());
			if (county.isEmpty()) {
				return Outcome.refused(null, Refusals.notFound("county", "县区", "countyCode"));
			}
			Place place = this.geo.placeOfCounty(county.get().key()).orElseThrow();
			if (!mayKeep(user, place)) {
				return Outcome.refused(null, Refusals.outOfJurisdiction("county", "县区", "countyCode"));
			}
			Long village = null;
			if (input.keyVillageId() != null) {
				Optional<Place> found = GlobalId.numericKeyOf(input.keyVillageId(), "Village")
					.flatMap(this.geo::placeOfVillage);
				if (found.isEmpty()) {
					return Outcome.refused(null, Refusals.notFound("village", "村", "keyVillageId"));
				}
				if (!Long.valueOf(county.get().key()).equals(found.get().countyKey())) {
					return Outcome.refused(null, Refusals.invalid("The key village lies in another county.",
							"包抓的重点村不在该县区。", "keyVillageId"));
				}
				village = found.get().villageKey();
			}
			Optional<UserError> day = Refusals.day(input.startedOn(), today(), Refusals.EARLIEST, "startedOn");
			if (day.isPresent()) {
				return Outcome.refused(null, day.get());
			}
			if (this.leaders.liaisesFrom(leader.key(), county.get().key(), input.startedOn())) {
				return Outcome.refused(null, Refusals.alreadyExists("A liaison of this leader with this county",
						"该领导在此期间联系该县区的记录", "startedOn"));
			}
			return Outcome.done(
					liaison(this.leaders.insertLiaison(leader.key(), county.get().key(), village, input.startedOn())));
		}, LeaderLiaison::key, this::liaison);
	}

	/** Ends a liaison on its last day. */
	@Transactional
	Outcome<LeaderLiaison> end(EndInput input) {
		CurrentUser user = Auth.requireAny(WHAT, Role.CITY_LEADER, Role.ADMIN);
		return this.changes.once("endLeaderLiaison", input.changeId(), input, () -> {
			LeaderLiaison liaison = GlobalId.numericKeyOf(input.liaisonId(), "LeaderLiaison")
				.map(this::liaison)
				.orElse(null);
			if (liaison == null) {
				return Outcome.refused(null, Refusals.notFound("liaison", "联系记录", "liaisonId"));
			}
			if (!mayKeep(user, this.geo.placeOfCounty(liaison.countyKey()).orElseThrow())) {
				return Outcome.refused(liaison, Refusals.outOfJurisdiction("liaison", "联系记录", "liaisonId"));
			}
			if (liaison.version() != input.baseVersion()) {
				return Outcome.refused(liaison, Refusals.stale(input.baseVersion(), liaison.version()));
			}
			if (liaison.endedOn() != null) {
				return Outcome.refused(liaison,
						Refusals.invalidTransition("The liaison ended on %s already.".formatted(liaison.endedOn()),
								"该联系记录已于 %s 结束。".formatted(liaison.endedOn()), "liaisonId"));
			}
			Optional<UserError> day = Refusals.day(input.endedOn(), today(), liaison.startedOn(), "endedOn");
			if (day.isPresent()) {
				return Outcome.refused(liaison, day.get());
			}
			if (!this.leaders.endLiaison(liaison.key(), input.baseVersion(), input.endedOn())) {
				return Outcome.refused(liaison, Refusals.stale(input.baseVersion(), liaison.version() + 1));
			}
			return Outcome.done(liaison(liaison.key()));
		}, LeaderLiaison::key, this::liaison);
	}

	private static boolean mayKeep(CurrentUser user, Place place) {
		return user.covers(Role.ADMIN, place) || user.covers(Role.CITY_LEADER, place);
	}

	private @Nullable Leader leader(long key) {
		List<Leader> found = this.leaders.leadersByKeys(List.of(key));
		return found.isEmpty() ? null : found.get(0);
	}

	private @Nullable LeaderLiaison liaison(long key) {
		List<LeaderLiaison> found = this.leaders.liaisonsByKeys(List.of(key));
		return found.isEmpty() ? null : found.get(0);
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

	record CreateInput(@ClientId String changeId, @Text(min = 2, max = 50) String name,
			@Text(min = 2, max = 50) String title) {
	}

	record AssignInput(@ClientId String changeId, String leaderId, String countyCode, @Nullable String keyVillageId,
			LocalDate startedOn) {
	}

	record EndInput(@ClientId String changeId, String liaisonId, int baseVersion, LocalDate endedOn) {
	}

}
