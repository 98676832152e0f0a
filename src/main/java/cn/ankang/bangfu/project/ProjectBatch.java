package cn.ankang.bangfu.project;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.imports.ImportContext;
import cn.ankang.bangfu.imports.ImportKind;
import cn.ankang.bangfu.imports.ImportRow;
import cn.ankang.bangfu.project.ProjectImport.ProjectRow;
import cn.ankang.bangfu.project.ProjectImport.Step;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.unit.UnitService;

/**
 * The rows of one projects file: each read and checked on its own, then gathered by
 * project (county, year and name), so that the plan sees all of a project's rows at once
 * and looks up the places, units and stored projects of the whole file in one go.
 */
final class ProjectBatch implements ImportKind.Batch {

	private final ImportContext context;

	private final Map<String, List<ProjectRow>> projects = new LinkedHashMap<>();

	private final ProjectImportRepository repository;

	private final GeoService geo;

	private final UnitService unitService;

	private final ProjectChangeCheck check;

	ProjectBatch(ImportContext context, ProjectImportRepository repository, GeoService geo, UnitService unitService) {
		this.context = context;
		this.repository = repository;
		this.geo = geo;
		this.unitService = unitService;
		this.check = new ProjectChangeCheck(context);
	}

	@Override
	public void row(ImportRow row) {
		String county = row.code("countyCode");
		Integer year = row.year("year");
		String name = row.text("name");
		String village = row.code("villageCode");
		String town = row.code("townCode");
		String category = row.choice("category");
		String industry = row.choice("industry");
		String unit = row.text("unit");
		Long planned = row.fen("planned");
		Integer households = row.integer("households");
		Integer people = row.integer("people");
		List<Step> steps = new ArrayList<>();
		LocalDate last = null;
		boolean gap = false;
		for (String[] step : ProjectImport.STEPS) {
			LocalDate on = row.date(step[1]);
			String document = step[2].isEmpty() ? null : row.text(step[2]);
			if (on == null) {
				gap = true;
				if (document != null) {
					row.problem(step[1], "cell.required", ProjectImport.header(step[1]));
				}
				continue;
			}
			if (gap) {
				row.problem(step[1], "project.stepGap", ProjectImport.header(step[1]));
			}
			if (last != null && on.isBefore(last)) {
				row.problem(step[1], "project.stepBefore", ProjectImport.header(step[1]), on.toString(),
						last.toString());
			}
			if (on.isAfter(this.context.today()) || on.getYear() < 2000) {
				row.problem(step[1], "cell.dateRange", ProjectImport.header(step[1]), on.toString(), "2000-01-01",
						this.context.today().toString());
			}
			steps.add(new Step(step[0], on, document));
			last = on;
		}
		String source = row.choice("source");
		Long allocated = row.fen("allocated");
		String document = row.text("allocationDocument");
		LocalDate allocatedOn = row.date("allocatedOn");
		if (source != null && allocated == null) {
			row.problem("allocated", "cell.required", "安排金额");
		}
		if (source == null && (allocated != null || document != null || allocatedOn != null)) {
			row.problem("source", "cell.required", "资金来源");
		}
		if ((document == null) != (allocatedOn == null)) {
			row.problem((document == null) ? "allocationDocument" : "allocatedOn", "project.documentWithDay");
		}
		if (village != null && town != null) {
			row.problem("townCode", "project.villageOrTown");
		}
		if (row.hasProblems()) {
			return;
		}
		ProjectRow read = new ProjectRow(row.number(), county, year, name, village, town, category, industry, unit,
				planned, households, people, steps, source, allocated, document, allocatedOn);
		List<ProjectRow> rows = this.projects.computeIfAbsent(read.key(), (k) -> new ArrayList<>());
		for (ProjectRow other : rows) {
			if (source != null && source.equals(other.source())) {
				row.problem("source", "row.duplicate", Integer.toString(other.row()), "资金来源");
				return;
			}
		}
		rows.add(read);
	}

	@Override
	public ImportKind.Plan plan() {
		ProjectImportRepository repository = this.repository;
		Set<String> counties = new HashSet<>();
		Set<String> villages = new HashSet<>();
		Set<String> towns = new HashSet<>();
		Set<String> units = new HashSet<>();
		for (List<ProjectRow> rows : this.projects.values()) {
			ProjectRow first = rows.get(0);
			counties.add(first.countyCode());
			if (first.villageCode() != null) {
				villages.add(first.villageCode());
			}
			if (first.townCode() != null) {
				towns.add(first.townCode());
			}
			if (first.unit() != null) {
				units.add(first.unit());
			}
		}
		GeoService geo = this.geo;
		Map<String, GeoService.CodedArea> countyAreas = geo.countiesByCode(counties);
		Map<String, GeoService.CodedArea> villageAreas = geo.villagesByCode(villages);
		Map<String, GeoService.CodedArea> townAreas = geo.townsByCode(towns);
		Map<String, Long> unitKeys = this.unitService.keysByNames(units);
		Map<String, List<ProjectImportRepository.Stored>> stored = repository.projects(this.projects.keySet());
		List<ProjectImportRepository.Change> changes = new ArrayList<>();
		for (List<ProjectRow> rows : this.projects.values()) {
			ProjectImportRepository.Change change = this.check.project(rows, stored.get(rows.get(0).key()), countyAreas,
					villageAreas, townAreas, unitKeys);
			if (change != null) {
				changes.add(change);
			}
		}
		CurrentUser user = this.context.user();
		String role = user.has(Role.ADMIN) ? "ADMIN" : "COUNTY_OFFICER";
		return () -> repository.apply(changes, user.userKey(), role);
	}

}
