package cn.ankang.bangfu.monitoring;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.history.ClientChanges;
import cn.ankang.bangfu.history.Outcome;
import cn.ankang.bangfu.history.Refusals;
import cn.ankang.bangfu.household.RecordableRisk;
import cn.ankang.bangfu.household.Household;
import cn.ankang.bangfu.household.HouseholdRecords;
import cn.ankang.bangfu.household.HouseholdService;
import cn.ankang.bangfu.household.RiskType;
import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.jurisdiction.Place;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.shared.values.ClientId;
import cn.ankang.bangfu.shared.values.Digests;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.values.Text;
import cn.ankang.bangfu.shared.errors.UserError;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Including a household in monitoring (识别纳入): a household found by its own application
 * (农户自主申报), by cadres' screening (干部排查) or by a department's warning (部门筛查预警), new to the
 * records or already known, is entered with its category and risks, and its monitoring
 * case opens in the workflow, which then verifies it at home, reviews it in the village
 * and has the county confirm it. A resident cadre of the village proposes; the town and
 * county officers enter it too; the confirmation is always the county's.
 */
@Service
class Inclusions {

	private static final String WHAT = "Including households in monitoring";

	private final CaseService cases;

	private final CaseReads caseReads;

	private final CaseHouseholdRepository caseHouseholds;

	private final HouseholdRecords householdRecords;

	private final HouseholdService households;

	private final GeoService geo;

	private final ClientChanges changes;

	private final Clock clock;

	Inclusions(CaseService cases, CaseReads caseReads, CaseHouseholdRepository caseHouseholds,
			HouseholdRecords householdRecords, HouseholdService households, GeoService geo, ClientChanges changes,
			Clock clock) {
		this.cases = cases;
		this.caseReads = caseReads;
		this.caseHouseholds = caseHouseholds;
		this.householdRecords = householdRecords;
		this.households = households;
		this.geo = geo;
		this.changes = changes;
		this.clock = clock;
	}

	/** Includes a household: registers it when new, and opens its case. */
	@Transactional
	Outcome<MonitoringCase> include(IncludeInput input) {
		CurrentUser user = Auth.requireAny(WHAT, Role.COUNTY_OFFICER, Role.TOWN_OFFICER, Role.FIRST_SECRETARY,
				Role.TEAM_MEMBER);
		List<UserError> errors = new ArrayList<>();
		if ((input.householdId() == null) == (input.newHousehold() == null)) {
			errors.add(Refusals.invalid("Name a household on record or a new one, not both.", "请填写已有农户或新农户，二者选一。",
					"householdId"));
		}
		if (input.source() == MonitoringCase.Source.CARRIED_OVER) {
			errors.add(Refusals.invalid(
					"A household is found by its own application, a cadre's screening or a " + "department's warning.",
					"纳入途径应为农户自主申报、干部排查或部门筛查预警。", "source"));
		}
		LocalDate today = LocalDate.now(this.clock);
		Refusals.day(input.foundOn(), today, today.minusYears(1), "foundOn").ifPresent(errors::add);
		return this.changes.once("includeHouseholdInMonitoring", input.changeId(), input, errors, () -> {
			// the change id, checked to be a UUID by now, names the case's first step too
			UUID stepId = UUID.fromString(input.changeId());
			byte[] hash = Digests.sha256("INCLUDE|" + input);
			long household;
			if (input.newHousehold() != null) {
				Optional<Place> village = GlobalId.numericKeyOf(input.newHousehold().villageId(), "Village")
					.flatMap(this.geo::placeOfVillage);
				if (village.isEmpty()) {
					return Outcome.refused(null, Refusals.notFound("village", "村", "villageId"));
				}
				if (capacity(user, village.get().townKey(), village.get().countyKey(),
						this.caseHouseholds.posted(user.cadreKey(), village.get().villageKey(), today))
					.isEmpty()) {
					return Outcome.refused(null, Refusals.outOfJurisdiction("village", "村", "villageId"));
				}
				Outcome<Household> registered = this.householdRecords.register(village.get().villageKey(),
						input.newHousehold(), input.category(), input.riskTypes(), input.foundOn(), "newHousehold");
				if (registered.isRefused()) {
					return Outcome.refused(null, registered.userErrors());
				}
				household = registered.value().key();
			}
			else {
				Long key = GlobalId.numericKeyOf(input.householdId(), Household.TYPE)
					.filter((k) -> this.households.householdsByKeys(List.of(k)).containsKey(k))
					.orElse(null);
				if (key == null) {
					return Outcome.refused(null, Refusals.notFound("household", "农户", "householdId"));
				}
				household = key;
			}
			CaseHouseholdRepository.Area area = this.caseHouseholds.areaOf(household, user.cadreKey(), today)
				.orElseThrow();
			Optional<Role> role = capacity(user, area.town(), area.county(), area.posted());
			if (role.isEmpty()) {
				return Outcome.refused(null, Refusals.outOfJurisdiction("household", "农户", "householdId"));
			}
			CaseService.Payload opened = this.cases.openFor(area, input.source(), input.riskTypes(), input.category(),
					input.foundOn(), input.note(), List.of(), stepId, hash, user, role.get());
			return opened.userErrors().isEmpty() ? Outcome.done(opened.monitoringCase())
					: Outcome.refused(opened.monitoringCase(), opened.userErrors());
		}, MonitoringCase::key, (key) -> this.caseReads.casesByKeys(List.of(key)).get(key));
	}

	/**
	 * The capacity the user includes a household in: a cadre posted in its village, an
	 * officer of its town or county.
	 */
	private static Optional<Role> capacity(CurrentUser user, @Nullable Long town, @Nullable Long county,
			boolean posted) {
		return Actors.capacity(user, Task.Assignee.CADRE, posted, town, county)
			.or(() -> Actors.capacity(user, Task.Assignee.TOWN_OFFICER, false, town, county))
			.or(() -> Actors.capacity(user, Task.Assignee.COUNTY_OFFICER, false, town, county));
	}

	record IncludeInput(@ClientId String changeId, @Nullable String householdId,
			@Valid HouseholdRecords.@Nullable NewHousehold newHousehold, Household.Category category,
			@NotEmpty List<@RecordableRisk RiskType> riskTypes, MonitoringCase.Source source, LocalDate foundOn,
			@Text(max = 1000, lines = true) @Nullable String note) {
	}

}
