package cn.ankang.bangfu.project;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.imports.ImportContext;
import cn.ankang.bangfu.project.ProjectImport.ProjectRow;
import cn.ankang.bangfu.project.ProjectImport.Step;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.shared.values.Labels;
import cn.ankang.bangfu.shared.values.Money;

/**
 * One project's rows of a projects file, checked together and against what is stored: the
 * rows agree, the place and unit they name exist in the county, the uploader may keep it,
 * the steps on record stay as they are and no allocation falls below what was spent. What
 * they create or change is reported to the import and becomes one change for the
 * repository.
 */
final class ProjectChangeCheck {

	private final ImportContext context;

	ProjectChangeCheck(ImportContext context) {
		this.context = context;
	}

	ProjectImportRepository.@Nullable Change project(List<ProjectRow> rows,
			@Nullable List<ProjectImportRepository.Stored> storedProjects, Map<String, GeoService.CodedArea> counties,
			Map<String, GeoService.CodedArea> villages, Map<String, GeoService.CodedArea> towns,
			Map<String, Long> units) {
		ProjectRow first = rows.get(0);
		boolean ok = true;
		for (ProjectRow row : rows) {
			if (!row.own().equals(first.own())) {
				this.context.problem(row.row(), null, "project.disagrees", Integer.toString(first.row()));
				ok = false;
			}
		}
		if (storedProjects != null && storedProjects.size() > 1) {
			this.context.problem(first.row(), "项目名称", "project.ambiguous", first.name());
			return null;
		}
		GeoService.CodedArea county = counties.get(first.countyCode());
		if (county == null) {
			this.context.problem(first.row(), "县代码", "unit.unknownCounty", first.countyCode());
			return null;
		}
		CurrentUser user = this.context.user();
		if (!(user.covers(Role.ADMIN, county.place()) || user.covers(Role.COUNTY_OFFICER, county.place()))) {
			this.context.problem(first.row(), "县代码", "row.outOfJurisdiction", county.name());
			return null;
		}
		GeoService.CodedArea village = null;
		Long townKey = null;
		if (first.villageCode() != null) {
			village = villages.get(first.villageCode());
			if (village == null || village.place().countyKey() != county.key()) {
				this.context.problem(first.row(), "村代码", "project.placeNotInCounty", first.villageCode());
				ok = false;
			}
			else {
				townKey = village.place().townKey();
			}
		}
		else if (first.townCode() != null) {
			GeoService.CodedArea town = towns.get(first.townCode());
			if (town == null || town.place().countyKey() != county.key()) {
				this.context.problem(first.row(), "乡镇代码", "project.placeNotInCounty", first.townCode());
				ok = false;
			}
			else {
				townKey = town.key();
			}
		}
		Long unit = null;
		if (first.unit() != null) {
			unit = units.get(first.unit());
			if (unit == null) {
				this.context.problem(first.row(), "实施单位", "cadre.unknownUnit", first.unit());
				ok = false;
			}
		}
		for (Step step : first.steps()) {
			if (step.on().getYear() > first.year() + 1 && step.status().equals("PIPELINE")) {
				this.context.problem(first.row(), "入库日期", "project.pipelineAfterYear", step.on().toString(),
						Integer.toString(first.year()));
				ok = false;
			}
		}
		ProjectImportRepository.Stored stored = (storedProjects != null) ? storedProjects.get(0) : null;
		List<ProjectRow> allocations = rows.stream().filter((row) -> row.source() != null).toList();
		if (stored != null) {
			List<Step> known = stored.steps();
			for (int i = 0; i < known.size(); i++) {
				if (i >= first.steps().size() || !known.get(i).status().equals(first.steps().get(i).status())
						|| !known.get(i).on().equals(first.steps().get(i).on())) {
					this.context.problem(first.row(), ProjectImport.STEP_HEADERS.get(known.get(i).status()),
							"project.stepRecorded", Labels.of("projectStatus", known.get(i).status()),
							known.get(i).on().toString());
					ok = false;
					break;
				}
			}
			for (ProjectRow row : allocations) {
				ProjectImportRepository.Allocation held = stored.allocations().get(row.source());
				if (held != null && row.allocatedFen() < held.spentFen()) {
					this.context.problem(row.row(), "安排金额", "project.allocationBelowSpent",
							Money.yuan(held.spentFen()).toPlainString());
					ok = false;
				}
			}
		}
		if (!ok) {
			return null;
		}
		long villageKey = (village != null) ? village.key() : -1;
		if (stored == null) {
			this.context.creates(first.row(), "project.created", first.name(), Integer.toString(allocations.size()));
			return new ProjectImportRepository.Change(first, county.key(), townKey,
					(village != null) ? villageKey : null, unit, null, true, first.steps(), allocations);
		}
		ImportContext.Changes changes = this.context.changes(first.row(), first.name());
		boolean own = changes.field("村代码", stored.villageCode(), first.villageCode());
		own |= changes.field("项目类别", Labels.of("projectCategory", stored.category()),
				Labels.of("projectCategory", first.category()));
		own |= changes.field("产业类型", (stored.industry() != null) ? Labels.of("industry", stored.industry()) : null,
				(first.industry() != null) ? Labels.of("industry", first.industry()) : null);
		own |= changes.field("实施单位", stored.unitName(), first.unit());
		own |= changes.field("计划投资", Money.yuan(stored.plannedFen()).toPlainString(),
				Money.yuan(first.plannedFen()).toPlainString());
		own |= changes.field("受益户数", stored.households(), first.households());
		own |= changes.field("受益人数", stored.people(), first.people());
		List<Step> newSteps = first.steps()
			.subList(Math.min(stored.steps().size(), first.steps().size()), first.steps().size());
		for (Step step : newSteps) {
			changes.field(ProjectImport.STEP_HEADERS.get(step.status()), null, step.on().toString());
		}
		List<ProjectRow> changedAllocations = new ArrayList<>();
		for (ProjectRow row : allocations) {
			ProjectImportRepository.Allocation held = stored.allocations().get(row.source());
			String source = Labels.of("fundSource", row.source());
			if (held == null) {
				changes.field(source, null, Money.yuan(row.allocatedFen()).toPlainString());
				changedAllocations.add(row);
				continue;
			}
			boolean differs = changes.field(source + " 安排金额", Money.yuan(held.plannedFen()).toPlainString(),
					Money.yuan(row.allocatedFen()).toPlainString());
			differs |= changes.field(source + " 资金文号", held.document(), row.allocationDocument());
			differs |= changes.field(source + " 下达日期", held.allocatedOn(), row.allocatedOn());
			if (differs) {
				changedAllocations.add(row);
			}
		}
		changes.done();
		return new ProjectImportRepository.Change(first, county.key(), townKey, (village != null) ? villageKey : null,
				unit, stored, own || !newSteps.isEmpty(), newSteps, changedAllocations);
	}

}
