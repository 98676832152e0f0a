package cn.ankang.bangfu.project;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.history.ClientChanges;
import cn.ankang.bangfu.history.Outcome;
import cn.ankang.bangfu.history.Refusals;
import cn.ankang.bangfu.household.Household;
import cn.ankang.bangfu.household.HouseholdService;
import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.jurisdiction.Place;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.shared.values.ClientId;
import cn.ankang.bangfu.shared.relay.GlobalId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jakarta.validation.constraints.Size;

/**
 * The households a project benefits (受益户), linked from the project's own area.
 */
@Service
class ProjectBeneficiaries {

	private final ProjectRepository projects;

	private final GeoService geo;

	private final HouseholdService households;

	private final ClientChanges changes;

	private final ProjectKeeping keeping;

	ProjectBeneficiaries(ProjectRepository projects, GeoService geo, HouseholdService households, ClientChanges changes,
			ProjectKeeping keeping) {
		this.projects = projects;
		this.geo = geo;
		this.households = households;
		this.changes = changes;
		this.keeping = keeping;
	}

	/**
	 * Links the households a project benefits (受益户) and unlinks others; the project's
	 * counts follow.
	 */
	@Transactional
	Outcome<Project> linkBeneficiaries(BeneficiariesInput input) {
		CurrentUser user = Auth.requireAny(ProjectKeeping.WHAT, Role.COUNTY_OFFICER, Role.ADMIN);
		return this.changes.once("linkProjectBeneficiaries", input.changeId(), input, () -> {
			Project project = this.keeping.locked(input.projectId());
			if (project == null) {
				return Outcome.refused(null, Refusals.notFound("project", "项目", "projectId"));
			}
			Place place = this.keeping.placeOf(project);
			if (!ProjectKeeping.mayKeep(user, place)) {
				return Outcome.refused(project, Refusals.outOfJurisdiction("project", "项目", "projectId"));
			}
			if (project.version() != input.baseVersion()) {
				return Outcome.refused(project, Refusals.stale(input.baseVersion(), project.version()));
			}
			List<Long> add = new ArrayList<>();
			for (String id : orEmpty(input.addHouseholdIds())) {
				Household household = GlobalId.numericKeyOf(id, Household.TYPE)
					.map((key) -> this.households.householdsByKeys(List.of(key)).get(key))
					.orElse(null);
				if (household == null) {
					return Outcome.refused(project, Refusals.notFound("household", "农户", "addHouseholdIds"));
				}
				if (!within(place, this.geo.placeOfVillage(household.villageKey()).orElseThrow())) {
					return Outcome.refused(project, Refusals.invalid("A project benefits households of its own area.",
							"受益户须在项目所在区域内。", "addHouseholdIds"));
				}
				add.add(household.key());
			}
			List<Long> remove = new ArrayList<>();
			for (String id : orEmpty(input.removeHouseholdIds())) {
				remove.add(GlobalId.numericKeyOf(id, Household.TYPE).orElse(0L));
			}
			this.projects.unlinkBeneficiaries(project.key(), remove);
			this.projects.linkBeneficiaries(project.key(), add);
			this.projects.touch(project.key());
			return Outcome.done(this.keeping.project(project.key()));
		}, Project::key, this.keeping::project);
	}

	/**
	 * Whether the place lies in the area: the same county, and town and village where the
	 * area names them.
	 */
	private static boolean within(Place area, Place place) {
		return area.countyKey().equals(place.countyKey())
				&& (area.townKey() == null || area.townKey().equals(place.townKey()))
				&& (area.villageKey() == null || area.villageKey().equals(place.villageKey()));
	}

	private static <T> List<T> orEmpty(@Nullable List<T> list) {
		return (list != null) ? list : List.of();
	}

	record BeneficiariesInput(@ClientId String changeId, String projectId, int baseVersion,
			@Size(max = 5000) @Nullable List<String> addHouseholdIds,
			@Size(max = 5000) @Nullable List<String> removeHouseholdIds) {
	}

}
