package cn.ankang.bangfu.cadre;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.history.ClientChanges;
import cn.ankang.bangfu.history.Outcome;
import cn.ankang.bangfu.history.Refusals;
import cn.ankang.bangfu.security.AccountService;
import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.jurisdiction.Place;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.shared.values.ClientId;
import cn.ankang.bangfu.shared.values.Gender;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.values.MobilePhone;
import cn.ankang.bangfu.shared.values.Text;
import cn.ankang.bangfu.shared.errors.UserError;
import cn.ankang.bangfu.unit.AssistanceUnit;
import cn.ankang.bangfu.unit.UnitService;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps resident cadres and their postings (选派驻村): a unit registers its cadres and posts
 * them to villages, the county confirms postings to its villages, and on rotation (轮换)
 * the successor takes over on the day the predecessor leaves, with a handover note. A
 * village has one first secretary on any day and a cadre one village at a time: the
 * service says so field by field, and the database refuses it whoever writes. A cadre's
 * phone account is opened or linked in the same step, and its jurisdiction follows the
 * postings from its next request.
 * <p>
 * Who may: admins everywhere; unit managers for their unit's cadres, posted to villages
 * their unit is paired with; county officers for the villages of their county (and the
 * registration of any unit's cadre, which a posting in the county needs first).
 */
@Service
class CadreRecords {

	private static final String WHAT = "Keeping cadres and postings";

	private final CadreRepository cadres;

	private final UnitService units;

	private final GeoService geo;

	private final AccountService accounts;

	private final ClientChanges changes;

	private final Clock clock;

	CadreRecords(CadreRepository cadres, UnitService units, GeoService geo, AccountService accounts,
			ClientChanges changes, Clock clock) {
		this.cadres = cadres;
		this.units = units;
		this.geo = geo;
		this.accounts = accounts;
		this.changes = changes;
		this.clock = clock;
	}

	/** Registers a cadre of a unit, with a phone account if one is asked for. */
	@Transactional
	Outcome<ResidentCadre> register(RegisterInput input) {
		CurrentUser user = Auth.requireAny(WHAT, Role.UNIT_MANAGER, Role.COUNTY_OFFICER, Role.ADMIN);
		return this.changes.once("registerCadre", input.changeId(), input, () -> {
			AssistanceUnit unit = GlobalId.numericKeyOf(input.dispatchingUnitId(), AssistanceUnit.TYPE)
				.map((key) -> this.units.unitsByKeys(List.of(key)).get(key))
				.orElse(null);
			if (unit == null) {
				return Outcome.refused(null, Refusals.notFound("assistance unit", "帮扶单位", "dispatchingUnitId"));
			}
			if (!user.has(Role.ADMIN) && !user.has(Role.COUNTY_OFFICER) && !user.manages(unit.key())) {
				return Outcome.refused(null,
						Refusals.outOfJurisdiction("assistance unit", "帮扶单位", "dispatchingUnitId"));
			}
			long key = this.cadres.insertCadre(input.name().strip(), input.gender(), input.phone(), unit.key());
			if (input.account() != null) {
				Optional<UserError> refused = this.accounts.openCadreAccount(key, input.account(), input.name().strip(),
						Role.TEAM_MEMBER, "account");
				if (refused.isPresent()) {
					return Outcome.refused(null, refused.get());
				}
			}
			return Outcome.done(cadre(key));
		}, ResidentCadre::key, this::cadre);
	}

	/** Posts a cadre to a village from a day on. */
	@Transactional
	Outcome<Posting> post(PostInput input) {
		CurrentUser user = Auth.requireAny(WHAT, Role.UNIT_MANAGER, Role.COUNTY_OFFICER, Role.ADMIN);
		return this.changes.once("postCadre", input.changeId(), input, () -> {
			ResidentCadre cadre = GlobalId.numericKeyOf(input.cadreId(), ResidentCadre.TYPE)
				.map(this::cadre)
				.orElse(null);
			if (cadre == null) {
				return Outcome.refused(null, Refusals.notFound("cadre", "驻村干部", "cadreId"));
			}
			Optional<Place> village = GlobalId.numericKeyOf(input.villageId(), "Village")
				.flatMap(this.geo::placeOfVillage);
			if (village.isEmpty()) {
				return Outcome.refused(null, Refusals.notFound("village", "村", "villageId"));
			}
			if (!mayPost(user, cadre, village.get(), input.startedOn())) {
				return Outcome.refused(null, Refusals.outOfJurisdiction("village", "村", "villageId"));
			}
			Optional<UserError> day = Refusals.day(input.startedOn(), today(), Refusals.EARLIEST, "startedOn");
			if (day.isPresent()) {
				return Outcome.refused(null, day.get());
			}
			long villageKey = village.get().villageKey();
			Optional<UserError> refused = overlapping(cadre, input.startedOn(), "startedOn")
				.or(() -> firstSecretaryTaken(input.role(), villageKey, input.startedOn(), 0));
			if (refused.isPresent()) {
				return Outcome.refused(null, refused.get());
			}
			return postings(() -> {
				long key = this.cadres.insertPosting(cadre.key(), villageKey, input.role(), input.startedOn(), null,
						null);
				this.accounts.grantCadreRole(cadre.key(), input.role().accountRole());
				return Outcome.done(posting(key));
			});
		}, Posting::key, this::posting);
	}

	/**
	 * Rotates a posting: the predecessor's last day is the day before {@code on}, the
	 * successor takes the same role in the same village from {@code on}.
	 */
	@Transactional
	Outcome<Posting> rotate(RotateInput input) {
		CurrentUser user = Auth.requireAny(WHAT, Role.UNIT_MANAGER, Role.COUNTY_OFFICER, Role.ADMIN);
		return this.changes.once("rotatePosting", input.changeId(), input, () -> {
			Posting current = GlobalId.numericKeyOf(input.postingId(), "Posting").map(this::posting).orElse(null);
			if (current == null) {
				return Outcome.refused(null, Refusals.notFound("posting", "驻村任职", "postingId"));
			}
			ResidentCadre successor = GlobalId.numericKeyOf(input.successorCadreId(), ResidentCadre.TYPE)
				.map(this::cadre)
				.orElse(null);
			if (successor == null) {
				return Outcome.refused(null, Refusals.notFound("cadre", "驻村干部", "successorCadreId"));
			}
			Place village = this.geo.placeOfVillage(current.villageKey()).orElseThrow();
			ResidentCadre predecessor = cadre(current.cadreKey());
			if (!mayEnd(user, predecessor, village) || !mayPost(user, successor, village, input.on())) {
				return Outcome.refused(null, Refusals.outOfJurisdiction("posting", "驻村任职", "postingId"));
			}
			Optional<UserError> refused = running(current, input.baseVersion())
				.or(() -> Refusals.day(input.on(), today(), current.startedOn().plusDays(1), "on"));
			if (refused.isPresent()) {
				return Outcome.refused(current, refused.get());
			}
			if (successor.key() == predecessor.key()) {
				return Outcome.refused(current,
						Refusals.invalid("A cadre does not succeed themselves.", "接任者不能是原任干部本人。", "successorCadreId"));
			}
			Optional<UserError> taken = overlapping(successor, input.on(), "successorCadreId")
				.or(() -> firstSecretaryTaken(current.role(), current.villageKey(), input.on(), current.key()));
			if (taken.isPresent()) {
				return Outcome.refused(current, taken.get());
			}
			return postings(() -> {
				if (!this.cadres.endPosting(current.key(), input.baseVersion(), input.on().minusDays(1), null)) {
					return Outcome.refused(current, Refusals.stale(input.baseVersion(), current.version() + 1));
				}
				long key = this.cadres.insertPosting(successor.key(), current.villageKey(), current.role(), input.on(),
						current.key(), input.handoverNote().strip());
				this.accounts.grantCadreRole(successor.key(), current.role().accountRole());
				return Outcome.done(posting(key));
			});
		}, Posting::key, this::posting);
	}

	/** Ends a posting on its last day, without a successor. */
	@Transactional
	Outcome<Posting> end(EndInput input) {
		CurrentUser user = Auth.requireAny(WHAT, Role.UNIT_MANAGER, Role.COUNTY_OFFICER, Role.ADMIN);
		return this.changes.once("endPosting", input.changeId(), input, () -> {
			Posting current = GlobalId.numericKeyOf(input.postingId(), "Posting").map(this::posting).orElse(null);
			if (current == null) {
				return Outcome.refused(null, Refusals.notFound("posting", "驻村任职", "postingId"));
			}
			if (!mayEnd(user, cadre(current.cadreKey()), this.geo.placeOfVillage(current.villageKey()).orElseThrow())) {
				return Outcome.refused(current, Refusals.outOfJurisdiction("posting", "驻村任职", "postingId"));
			}
			Optional<UserError> refused = running(current, input.baseVersion())
				.or(() -> Refusals.day(input.endedOn(), today(), current.startedOn(), "endedOn"));
			if (refused.isPresent()) {
				return Outcome.refused(current, refused.get());
			}
			if (!this.cadres.endPosting(current.key(), input.baseVersion(), input.endedOn(), input.reason().strip())) {
				return Outcome.refused(current, Refusals.stale(input.baseVersion(), current.version() + 1));
			}
			return Outcome.done(posting(current.key()));
		}, Posting::key, this::posting);
	}

	/**
	 * Whether the user may post the cadre to the village from the day: the county's
	 * officers, the cadre's unit's managers where the unit is paired with the village.
	 */
	private boolean mayPost(CurrentUser user, ResidentCadre cadre, Place village, LocalDate from) {
		return user.covers(Role.ADMIN, village) || user.covers(Role.COUNTY_OFFICER, village)
				|| (user.manages(cadre.dispatchingUnitKey())
						&& this.cadres.paired(cadre.dispatchingUnitKey(), village.villageKey(), from));
	}

	private static boolean mayEnd(CurrentUser user, ResidentCadre cadre, Place village) {
		return user.covers(Role.ADMIN, village) || user.covers(Role.COUNTY_OFFICER, village)
				|| user.manages(cadre.dispatchingUnitKey());
	}

	/** A refusal when the posting is not the running one the change was based on. */
	private static Optional<UserError> running(Posting posting, int baseVersion) {
		if (posting.version() != baseVersion) {
			return Optional.of(Refusals.stale(baseVersion, posting.version()));
		}
		if (posting.endedOn() != null) {
			return Optional.of(Refusals.invalidTransition("The posting ended on %s.".formatted(posting.endedOn()),
					"该任职已于 %s 结束。".formatted(posting.endedOn()), "postingId"));
		}
		return Optional.empty();
	}

	/** A refusal when the cadre is posted on any day from {@code from} on. */
	private Optional<UserError> overlapping(ResidentCadre cadre, LocalDate from, String field) {
		return this.cadres.postingsOfCadreFrom(cadre.key(), from)
			.stream()
			.findFirst()
			.map((other) -> new UserError("OVERLAPPING_POSTING",
					"%s is posted from %s%s: a cadre is in one village at a time.".formatted(cadre.name(),
							other.startedOn(), (other.endedOn() != null) ? " to " + other.endedOn() : " on"),
					List.of("input", field), "%s自 %s 起%s已有驻村任职，同一时间只能驻一个村。".formatted(cadre.name(), other.startedOn(),
							(other.endedOn() != null) ? "至 " + other.endedOn() : "")));
	}

	/**
	 * A refusal when the village has a first secretary on any day from {@code from} on.
	 */
	private Optional<UserError> firstSecretaryTaken(Posting.Role role, long village, LocalDate from, long except) {
		if (role != Posting.Role.FIRST_SECRETARY) {
			return Optional.empty();
		}
		return this.cadres.firstSecretariesFrom(village, from, except)
			.stream()
			.findFirst()
			.map((other) -> new UserError("FIRST_SECRETARY_TAKEN",
					"The village has a first secretary from %s: rotate that posting instead."
						.formatted(other.startedOn()),
					List.of("input", "role"), "该村自 %s 起已有第一书记：请办理轮换。".formatted(other.startedOn())));
	}

	/**
	 * Writes postings; a change that another request slipped in between the checks and
	 * the write is refused by the database's exclusions, and answered as the checks would
	 * have.
	 */
	private Outcome<Posting> postings(Supplier<Outcome<Posting>> write) {
		try {
			return write.get();
		}
		catch (DataIntegrityViolationException ex) {
			String message = String.valueOf(ex.getMostSpecificCause().getMessage());
			if (message.contains("posting_one_first_secretary_a_day")) {
				return Outcome.refused(null, new UserError("FIRST_SECRETARY_TAKEN",
						"The village has a first secretary on those days.", List.of("input", "role"), "该村在此期间已有第一书记。"));
			}
			if (message.contains("posting_one_village_at_a_time")) {
				return Outcome.refused(null, new UserError("OVERLAPPING_POSTING",
						"The cadre is posted elsewhere on those days.", List.of("input", "cadreId"), "该干部在此期间已有驻村任职。"));
			}
			throw ex;
		}
	}

	private @Nullable ResidentCadre cadre(long key) {
		List<ResidentCadre> found = this.cadres.cadresByKeys(List.of(key));
		return found.isEmpty() ? null : found.get(0);
	}

	private @Nullable Posting posting(long key) {
		List<Posting> found = this.cadres.postingsByKeys(List.of(key));
		return found.isEmpty() ? null : found.get(0);
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

	record RegisterInput(@ClientId String changeId, @Text(min = 2, max = 50) String name, Gender gender,
			@MobilePhone @Nullable String phone, String dispatchingUnitId,
			AccountService.@Nullable CadreAccount account) {
	}

	record PostInput(@ClientId String changeId, String cadreId, String villageId, Posting.Role role,
			LocalDate startedOn) {
	}

	record RotateInput(@ClientId String changeId, String postingId, int baseVersion, String successorCadreId,
			LocalDate on, @Text(min = 2, max = 2000, lines = true) String handoverNote) {
	}

	record EndInput(@ClientId String changeId, String postingId, int baseVersion, LocalDate endedOn,
			@Text(min = 2, max = 1000, lines = true) String reason) {
	}

}
