package cn.ankang.bangfu.enterprise;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.history.ClientChanges;
import cn.ankang.bangfu.history.Outcome;
import cn.ankang.bangfu.history.RecordPlaces;
import cn.ankang.bangfu.history.Refusals;
import cn.ankang.bangfu.household.Household;
import cn.ankang.bangfu.household.HouseholdService;
import cn.ankang.bangfu.project.Project;
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

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * Keeps the bodies that drive households (带动主体): a county or town registers a body where
 * it lies, records each year what it did (how it linked households out of poverty, how
 * many, its workers) and closes it when it closes. A year is recorded once and then
 * changed at its version; counts that cannot be (negative, more workers out of poverty
 * than workers, more people than ten to a household) are refused, as is a year outside
 * the body's life.
 * <p>
 * Who may: admins; county officers for the bodies of their county; town officers for
 * those of their town.
 */
@Service
class EnterpriseRecords {

	private static final String WHAT = "Keeping the bodies that drive households";

	/**
	 * The most people a linked household counts on average: more is not a household count
	 * that can be right (the national records' households have at most nine or ten
	 * members).
	 */
	static final int MAX_PEOPLE_PER_HOUSEHOLD = 10;

	private final EnterpriseRepository enterprises;

	private final GeoService geo;

	private final RecordPlaces places;

	private final HouseholdService households;

	private final ClientChanges changes;

	private final Clock clock;

	EnterpriseRecords(EnterpriseRepository enterprises, GeoService geo, RecordPlaces places,
			HouseholdService households, ClientChanges changes, Clock clock) {
		this.enterprises = enterprises;
		this.geo = geo;
		this.places = places;
		this.households = households;
		this.changes = changes;
		this.clock = clock;
	}

	/** Registers a body where it lies (登记带动主体). */
	@Transactional
	Outcome<Enterprise> register(RegisterInput input) {
		CurrentUser user = Auth.requireAny(WHAT, Role.COUNTY_OFFICER, Role.TOWN_OFFICER, Role.ADMIN);
		List<UserError> errors = new ArrayList<>();
		if (input.closedOn() != null && input.closedOn().isBefore(input.openedOn())) {
			errors.add(closedBeforeOpened(input.openedOn()));
		}
		return this.changes.once("registerEnterprise", input.changeId(), input, errors, () -> {
			Outcome<RecordPlaces.Located> located = this.places.locate(input.countyCode(), input.townCode(),
					input.villageId(),
					Refusals.invalid("A body's village lies in the body's town.", "所在村须在所填镇内。", "villageId"));
			if (located.isRefused()) {
				return Outcome.refused(null, located.userErrors());
			}
			RecordPlaces.Located at = Objects.requireNonNull(located.value());
			if (!mayKeep(user, at.place())) {
				return Outcome.refused(null, Refusals.outOfJurisdiction("county", "县区", "countyCode"));
			}
			Optional<UserError> day = Refusals.day(input.openedOn(), today(), Refusals.EARLIEST, "openedOn");
			if (day.isEmpty() && input.closedOn() != null) {
				day = Refusals.day(input.closedOn(), today(), input.openedOn(), "closedOn");
			}
			if (day.isPresent()) {
				return Outcome.refused(null, day.get());
			}
			String name = input.name().strip();
			if (this.enterprises.nameTaken(at.county(), name)) {
				return Outcome.refused(null,
						Refusals.alreadyExists("An operating body of this name in the county", "该县区同名的在营带动主体", "name"));
			}
			long key = this.enterprises.insert(name, input.kind(), input.industry(), at.county(), at.town(),
					at.village(), input.openedOn());
			if (input.closedOn() != null) {
				this.enterprises.close(key, 1, input.closedOn());
			}
			return Outcome.done(enterprise(key));
		}, Enterprise::key, this::enterprise);
	}

	/** Records that a body closed (注销、停产), on its last day. */
	@Transactional
	Outcome<Enterprise> close(CloseInput input) {
		CurrentUser user = Auth.requireAny(WHAT, Role.COUNTY_OFFICER, Role.TOWN_OFFICER, Role.ADMIN);
		return this.changes.once("closeEnterprise", input.changeId(), input, () -> {
			Enterprise enterprise = locked(input.enterpriseId());
			if (enterprise == null) {
				return Outcome.refused(null, Refusals.notFound("body", "带动主体", "enterpriseId"));
			}
			if (!mayKeep(user, placeOf(enterprise))) {
				return Outcome.refused(enterprise, Refusals.outOfJurisdiction("body", "带动主体", "enterpriseId"));
			}
			if (enterprise.version() != input.baseVersion()) {
				return Outcome.refused(enterprise, Refusals.stale(input.baseVersion(), enterprise.version()));
			}
			if (enterprise.closedOn() != null) {
				return Outcome.refused(enterprise,
						Refusals.invalidTransition("The body closed on %s already.".formatted(enterprise.closedOn()),
								"该带动主体已于 %s 关闭。".formatted(enterprise.closedOn()), "enterpriseId"));
			}
			if (input.closedOn().isBefore(enterprise.openedOn())) {
				return Outcome.refused(enterprise, closedBeforeOpened(enterprise.openedOn()));
			}
			Optional<UserError> day = Refusals.day(input.closedOn(), today(), enterprise.openedOn(), "closedOn");
			if (day.isPresent()) {
				return Outcome.refused(enterprise, day.get());
			}
			Optional<int[]> years = this.enterprises.recordedYears(enterprise.key());
			if (years.isPresent() && years.get()[1] > input.closedOn().getYear()) {
				return Outcome.refused(enterprise,
						Refusals.invalid(
								"The body's year %d is recorded: it cannot have closed before."
									.formatted(years.get()[1]),
								"该带动主体已登记 %d 年度的带动情况，关闭日期不能早于该年度。".formatted(years.get()[1]), "closedOn"));
			}
			if (!this.enterprises.close(enterprise.key(), input.baseVersion(), input.closedOn())) {
				return Outcome.refused(enterprise, Refusals.stale(input.baseVersion(), enterprise.version() + 1));
			}
			return Outcome.done(enterprise(enterprise.key()));
		}, Enterprise::key, this::enterprise);
	}

	/**
	 * Records what a body did in a year (年度带动情况): the first time without a base version,
	 * then at the year's version, which the change raises.
	 */
	@Transactional
	Outcome<EnterpriseYear> recordYear(YearInput input) {
		CurrentUser user = Auth.requireAny(WHAT, Role.COUNTY_OFFICER, Role.TOWN_OFFICER, Role.ADMIN);
		List<UserError> errors = countRefusals(input);
		if (input.year() > today().getYear()) {
			errors.add(Refusals.invalid("%d has not begun: record a year that has.".formatted(input.year()),
					"%d 年尚未开始：只能登记已开始的年度。".formatted(input.year()), "year"));
		}
		return this.changes.once("recordEnterpriseYear", input.changeId(), input, errors, () -> {
			Enterprise enterprise = locked(input.enterpriseId());
			if (enterprise == null) {
				return Outcome.refused(null, Refusals.notFound("body", "带动主体", "enterpriseId"));
			}
			if (!mayKeep(user, placeOf(enterprise))) {
				return Outcome.refused(null, Refusals.outOfJurisdiction("body", "带动主体", "enterpriseId"));
			}
			if (!enterprise.operatesIn(input.year())) {
				return Outcome.refused(null,
						Refusals.invalid("The body operated from %s%s: %d is outside.".formatted(enterprise.openedOn(),
								(enterprise.closedOn() != null) ? " to " + enterprise.closedOn() : "", input.year()),
								"该带动主体 %s 开业%s，%d 年不在其经营期内。".formatted(enterprise.openedOn(),
										(enterprise.closedOn() != null) ? "、" + enterprise.closedOn() + " 关闭" : "",
										input.year()),
								"year"));
			}
			Optional<EnterpriseYear> existing = this.enterprises.yearOf(enterprise.key(), input.year());
			int current = existing.map(EnterpriseYear::version).orElse(0);
			int base = (input.baseVersion() != null) ? input.baseVersion() : 0;
			if (base != current) {
				return Outcome.refused(existing.orElse(null), Refusals.stale(base, current));
			}
			List<Long> employed = null;
			if (input.employedHouseholdIds() != null) {
				Set<Long> keys = new LinkedHashSet<>();
				for (String id : input.employedHouseholdIds()) {
					keys.add(GlobalId.numericKeyOf(id, Household.TYPE).orElse(0L));
				}
				Map<Long, Household> visible = this.households.householdsByKeys(keys);
				if (!visible.keySet().containsAll(keys)) {
					return Outcome.refused(null, Refusals.notFound("household", "农户", "employedHouseholdIds"));
				}
				employed = List.copyOf(keys);
			}
			EnterpriseRepository.Figures figures = new EnterpriseRepository.Figures(
					(input.modes() != null) ? input.modes() : List.of(), input.linkedHouseholds(), input.linkedPeople(),
					input.workers(), input.workersOutOfPoverty(), input.workersFromMonitoredHouseholds());
			long key;
			if (existing.isEmpty()) {
				key = this.enterprises.insertYear(enterprise.key(), input.year(), figures);
			}
			else {
				key = existing.get().key();
				if (!this.enterprises.updateYear(key, base, figures)) {
					return Outcome.refused(existing.get(), Refusals.stale(base, current + 1));
				}
			}
			if (employed != null) {
				this.enterprises.replaceEmployedHouseholds(enterprise.key(), input.year(), employed);
			}
			int linked = this.enterprises.countEmployedHouseholds(enterprise.key(), input.year());
			if (linked > input.workersFromMonitoredHouseholds()) {
				return Outcome.refused(null, Refusals.invalid(
						"%d monitored households are linked as employed, more than the %d workers from monitored households."
							.formatted(linked, input.workersFromMonitoredHouseholds()),
						"关联的就业监测户（%d 户）多于吸纳监测对象就业人数（%d 人）。".formatted(linked, input.workersFromMonitoredHouseholds()),
						"employedHouseholdIds"));
			}
			return Outcome.done(year(key));
		}, EnterpriseYear::key, this::year);
	}

	/** The refusals of counts that cannot be, before anything is read. */
	static List<UserError> countRefusals(YearInput input) {
		List<UserError> errors = new ArrayList<>();
		YearCounts counts = new YearCounts(input.linkedHouseholds(), input.linkedPeople(),
				(input.modes() != null) ? input.modes().size() : 0, input.workers(), input.workersOutOfPoverty(),
				input.workersFromMonitoredHouseholds());
		for (YearCounts.Problem problem : counts.problems()) {
			errors.add(switch (problem) {
				case PEOPLE_BELOW_HOUSEHOLDS -> Refusals.invalid(
						"%d people cannot make %d households: each household linked has someone in it."
							.formatted(input.linkedPeople(), input.linkedHouseholds()),
						"带动脱贫人口（%d 人）少于带动脱贫户数（%d 户）：每户至少一人。".formatted(input.linkedPeople(), input.linkedHouseholds()),
						problem.field);
				case PEOPLE_IMPLAUSIBLE -> Refusals
					.invalid("%d people in %d households is more than %d a household: not a count that can be right."
						.formatted(input.linkedPeople(), input.linkedHouseholds(), YearCounts.MAX_PEOPLE_PER_HOUSEHOLD),
							"带动脱贫人口（%d 人）超过带动户数（%d 户）的 %d 倍，不合常理，请核实。".formatted(input.linkedPeople(),
									input.linkedHouseholds(), YearCounts.MAX_PEOPLE_PER_HOUSEHOLD),
							problem.field);
				case MODES_REQUIRED ->
					Refusals.invalid("Say how the body linked the people (order production, jobs, dividends ...).",
							"带动了脱贫人口须填写带动方式（订单生产、产业用工、收益分红等）。", problem.field);
				case OUT_OF_POVERTY_ABOVE_WORKERS -> Refusals.invalid(
						"%d workers out of poverty are more than the %d workers.".formatted(input.workersOutOfPoverty(),
								input.workers()),
						"脱贫劳动力（%d 人）多于用工总数（%d 人）。".formatted(input.workersOutOfPoverty(), input.workers()),
						problem.field);
				case MONITORED_ABOVE_WORKERS -> Refusals.invalid(
						"%d workers from monitored households are more than the %d workers."
							.formatted(input.workersFromMonitoredHouseholds(), input.workers()),
						"监测对象务工人数（%d 人）多于用工总数（%d 人）。".formatted(input.workersFromMonitoredHouseholds(),
								input.workers()),
						problem.field);
			});
		}
		if (input.employedHouseholdIds() != null
				&& input.employedHouseholdIds().stream().distinct().count() > input.workersFromMonitoredHouseholds()) {
			errors.add(Refusals.invalid(
					"More monitored households are named as employed than there are workers from monitored households.",
					"所列就业监测户多于吸纳监测对象就业人数。", "employedHouseholdIds"));
		}
		return errors;
	}

	private static UserError closedBeforeOpened(LocalDate openedOn) {
		return Refusals.invalid("A body cannot close before it opened (%s).".formatted(openedOn),
				"关闭日期不能早于开业（登记）日期 %s。".formatted(openedOn), "closedOn");
	}

	private static boolean mayKeep(CurrentUser user, Place place) {
		return user.covers(Role.ADMIN, place) || user.covers(Role.COUNTY_OFFICER, place)
				|| user.covers(Role.TOWN_OFFICER, place);
	}

	private Place placeOf(Enterprise enterprise) {
		if (enterprise.villageKey() != null) {
			return this.geo.placeOfVillage(enterprise.villageKey()).orElseThrow();
		}
		if (enterprise.townKey() != null) {
			return this.geo.placeOfTown(enterprise.townKey()).orElseThrow();
		}
		return this.geo.placeOfCounty(enterprise.countyKey()).orElseThrow();
	}

	private @Nullable Enterprise locked(String id) {
		return GlobalId.numericKeyOf(id, Enterprise.TYPE).flatMap(this.enterprises::lock).orElse(null);
	}

	private @Nullable Enterprise enterprise(long key) {
		return this.enterprises.lock(key).orElse(null);
	}

	private @Nullable EnterpriseYear year(long key) {
		return this.enterprises.yearByKey(key).orElse(null);
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

	record RegisterInput(@ClientId String changeId, @Text(min = 2, max = 100) String name, Enterprise.Kind kind,
			Project.Industry industry, String countyCode, @Nullable String townCode, @Nullable String villageId,
			LocalDate openedOn, @Nullable LocalDate closedOn) {
	}

	record CloseInput(@ClientId String changeId, String enterpriseId, int baseVersion, LocalDate closedOn) {
	}

	record YearInput(@ClientId String changeId, String enterpriseId, @Nullable Integer baseVersion,
			@Min(2000) @Max(2100) int year, @Size(max = 5) @Nullable List<Enterprise.Mode> modes,
			@Min(0) @Max(100_000) int linkedHouseholds, @Min(0) @Max(500_000) int linkedPeople,
			@Min(0) @Max(100_000) int workers, @Min(0) @Max(100_000) int workersOutOfPoverty,
			@Min(0) @Max(100_000) int workersFromMonitoredHouseholds,
			@Size(max = 5000) @Nullable List<String> employedHouseholdIds) {
	}

}
