package cn.ankang.bangfu.project;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.security.jurisdiction.Place;
import cn.ankang.bangfu.shared.relay.GlobalId;

import org.springframework.stereotype.Component;

/**
 * What every change to a project starts from: the project locked for the change and read
 * back after it, the place it lies in, who may keep it, and today.
 * <p>
 * Who may: admins; county officers for the projects of their county; the implementing
 * unit's managers for the progress they report (starting and completing the work, the
 * money they spend).
 */
@Component
class ProjectKeeping {

	static final String WHAT = "Keeping projects";

	/** The most a project plans or a source allocates: ten billion yuan. */
	static final long MAX_YUAN = 10_000_000_000L;

	private final ProjectRepository projects;

	private final GeoService geo;

	private final Clock clock;

	ProjectKeeping(ProjectRepository projects, GeoService geo, Clock clock) {
		this.projects = projects;
		this.geo = geo;
		this.clock = clock;
	}

	static boolean mayKeep(CurrentUser user, Place place) {
		return user.covers(Role.ADMIN, place) || user.covers(Role.COUNTY_OFFICER, place);
	}

	static boolean implements_(CurrentUser user, Project project) {
		return project.implementingUnitKey() != null && user.manages(project.implementingUnitKey());
	}

	Place placeOf(Project project) {
		if (project.villageKey() != null) {
			return this.geo.placeOfVillage(project.villageKey()).orElseThrow();
		}
		if (project.townKey() != null) {
			return this.geo.placeOfTown(project.townKey()).orElseThrow();
		}
		return this.geo.placeOfCounty(project.countyKey()).orElseThrow();
	}

	static String label(Project.Status status) {
		return switch (status) {
			case PIPELINE -> "入库";
			case APPROVED -> "已批复";
			case IN_PROGRESS -> "实施中";
			case COMPLETED -> "已完工";
			case ACCEPTED -> "已验收";
			case ASSETS_HANDED_OVER -> "资产已移交";
		};
	}

	@Nullable Project locked(String id) {
		return GlobalId.numericKeyOf(id, Project.TYPE).flatMap(this.projects::lock).orElse(null);
	}

	@Nullable Project project(long key) {
		List<Project> found = this.projects.projectsByKeys(List.of(key));
		return found.isEmpty() ? null : found.get(0);
	}

	LocalDate today() {
		return LocalDate.now(this.clock);
	}

}
