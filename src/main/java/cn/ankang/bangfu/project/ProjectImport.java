package cn.ankang.bangfu.project;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.imports.ImportColumn;
import cn.ankang.bangfu.imports.ImportContext;
import cn.ankang.bangfu.imports.ImportKind;
import cn.ankang.bangfu.imports.ImportRow;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.shared.values.Labels;
import cn.ankang.bangfu.shared.values.Money;
import cn.ankang.bangfu.unit.UnitService;

import org.springframework.stereotype.Component;

/**
 * The project pipeline with its funds (项目库与资金安排), one row per fund allocation (or a
 * project alone), the project's fields repeated: a project is found by its county, year
 * and name, an allocation by its project and source. A project's steps come from the
 * dates of its row (入库, 批复, 开工, 完工, 验收, 移交): a later file may add the next steps, never
 * change one on record.
 */
@Component
class ProjectImport implements ImportKind {

	/** The steps in their order, with their date column and document column. */
	static final List<String[]> STEPS = List.of(new String[] { "PIPELINE", "pipelineOn", "" },
			new String[] { "APPROVED", "approvedOn", "approvalDocument" },
			new String[] { "IN_PROGRESS", "startedOn", "" }, new String[] { "COMPLETED", "completedOn", "" },
			new String[] { "ACCEPTED", "acceptedOn", "acceptanceDocument" },
			new String[] { "ASSETS_HANDED_OVER", "handedOverOn", "handoverDocument" });

	/**
	 * The columns that name a project, in every file about projects: county, year, name.
	 */
	static final List<ImportColumn> PROJECT_KEY = List.of(
			ImportColumn.code("countyCode", "县代码", true, 6).example("610902"),
			ImportColumn.of("year", "年度", true, ImportColumn.Type.YEAR).example("2023"),
			ImportColumn.text("name", "项目名称", true, 200).example("2023年茶园提质增效项目"));

	private static final List<ImportColumn> COLUMNS = columns(PROJECT_KEY,
			ImportColumn.code("villageCode", "村代码", false, 12).note("落在村的项目填写").example("610902006004"),
			ImportColumn.code("townCode", "乡镇代码", false, 9).note("落在乡镇、不到村的项目填写").example(""),
			ImportColumn.choice("category", "项目类别", true, "projectCategory").example("产业发展"),
			ImportColumn.choice("industry", "产业类型", false, "industry").example("茶叶"),
			ImportColumn.text("unit", "实施单位", false, 100).note("已登记的帮扶单位名称").example(""),
			ImportColumn.of("planned", "计划投资", true, ImportColumn.Type.MONEY)
				.note("万元以下按元填写，最多两位小数")
				.example("1200000"),
			ImportColumn.of("households", "受益户数", false, ImportColumn.Type.INTEGER).example("35"),
			ImportColumn.of("people", "受益人数", false, ImportColumn.Type.INTEGER).example("120"),
			ImportColumn.of("pipelineOn", "入库日期", true, ImportColumn.Type.DATE).example("2022-11-01"),
			ImportColumn.of("approvedOn", "批复日期", false, ImportColumn.Type.DATE).example("2023-02-15"),
			ImportColumn.text("approvalDocument", "批复文号", false, 100).example("安政发〔2023〕12号"),
			ImportColumn.of("startedOn", "开工日期", false, ImportColumn.Type.DATE).example("2023-03-01"),
			ImportColumn.of("completedOn", "完工日期", false, ImportColumn.Type.DATE).example("2023-10-30"),
			ImportColumn.of("acceptedOn", "验收日期", false, ImportColumn.Type.DATE).example(""),
			ImportColumn.text("acceptanceDocument", "验收文号", false, 100).example(""),
			ImportColumn.of("handedOverOn", "移交日期", false, ImportColumn.Type.DATE).example(""),
			ImportColumn.text("handoverDocument", "移交文号", false, 100).example(""),
			ImportColumn.choice("source", "资金来源", false, "fundSource").example("中央衔接资金"),
			ImportColumn.of("allocated", "安排金额", false, ImportColumn.Type.MONEY).example("800000"),
			ImportColumn.text("allocationDocument", "资金文号", false, 100).example("陕财办农〔2023〕5号"),
			ImportColumn.of("allocatedOn", "下达日期", false, ImportColumn.Type.DATE).example("2023-02-20"));

	/** The project key's columns, then the kind's own. */
	static List<ImportColumn> columns(List<ImportColumn> key, ImportColumn... own) {
		List<ImportColumn> all = new ArrayList<>(key);
		all.addAll(List.of(own));
		return List.copyOf(all);
	}

	private final ProjectImportRepository repository;

	private final GeoService geo;

	private final UnitService unitService;

	ProjectImport(ProjectImportRepository repository, GeoService geo, UnitService unitService) {
		this.repository = repository;
		this.geo = geo;
		this.unitService = unitService;
	}

	@Override
	public String code() {
		return "PROJECTS";
	}

	@Override
	public String title() {
		return "项目及资金安排";
	}

	@Override
	public String sheet() {
		return "项目资金";
	}

	@Override
	public List<ImportColumn> columns() {
		return COLUMNS;
	}

	@Override
	public List<String> notes() {
		return List.of("每行一个资金来源的安排；同一项目的各行，项目信息（名称、村、类别、计划投资、各环节日期）须一致。没有资金安排的项目，资金各列留空。",
				"按县代码、年度和项目名称认项目，按项目和资金来源认资金安排：已有的只更新不同之处，没有的新建。",
				"项目的状态由已填的环节日期得出（入库、批复、开工、完工、验收、移交），日期须依次不早于前一环节；已记录的环节不能修改，只能补充后续环节。",
				"资金支出请用“项目资金支出”导入。县级干部可导入本县的项目，管理员不限。");
	}

	@Override
	public boolean mayImport(CurrentUser user) {
		return user.has(Role.ADMIN) || user.has(Role.COUNTY_OFFICER);
	}

	@Override
	public Batch start(ImportContext context) {
		return new ProjectBatch(context);
	}

	/** A step of a row: its status, day and document. */
	record Step(String status, LocalDate on, @Nullable String document) {
	}

	/** A row as read. */
	record ProjectRow(int row, String countyCode, int year, String name, @Nullable String villageCode,
			@Nullable String townCode, String category, @Nullable String industry, @Nullable String unit,
			long plannedFen, @Nullable Integer households, @Nullable Integer people, List<Step> steps,
			@Nullable String source, @Nullable Long allocatedFen, @Nullable String allocationDocument,
			@Nullable LocalDate allocatedOn) {

		String key() {
			return this.countyCode + "|" + this.year + "|" + this.name;
		}

		/** The project's own fields, which its rows must agree on. */
		List<Object> own() {
			return java.util.Arrays.asList(this.villageCode, this.townCode, this.category, this.industry, this.unit,
					this.plannedFen, this.households, this.people, this.steps);
		}

	}

	private final class ProjectBatch implements Batch {

		private final ImportContext context;

		private final Map<String, List<ProjectRow>> projects = new LinkedHashMap<>();

		ProjectBatch(ImportContext context) {
			this.context = context;
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
			for (String[] step : STEPS) {
				LocalDate on = row.date(step[1]);
				String document = step[2].isEmpty() ? null : row.text(step[2]);
				if (on == null) {
					gap = true;
					if (document != null) {
						row.problem(step[1], "cell.required", header(step[1]));
					}
					continue;
				}
				if (gap) {
					row.problem(step[1], "project.stepGap", header(step[1]));
				}
				if (last != null && on.isBefore(last)) {
					row.problem(step[1], "project.stepBefore", header(step[1]), on.toString(), last.toString());
				}
				if (on.isAfter(this.context.today()) || on.getYear() < 2000) {
					row.problem(step[1], "cell.dateRange", header(step[1]), on.toString(), "2000-01-01",
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

		private static String header(String key) {
			return COLUMNS.stream().filter((c) -> c.key().equals(key)).findFirst().orElseThrow().header();
		}

		@Override
		public Plan plan() {
			ProjectImportRepository repository = ProjectImport.this.repository;
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
			GeoService geo = ProjectImport.this.geo;
			Map<String, GeoService.CodedArea> countyAreas = geo.countiesByCode(counties);
			Map<String, GeoService.CodedArea> villageAreas = geo.villagesByCode(villages);
			Map<String, GeoService.CodedArea> townAreas = geo.townsByCode(towns);
			Map<String, Long> unitKeys = ProjectImport.this.unitService.keysByNames(units);
			Map<String, List<ProjectImportRepository.Stored>> stored = repository.projects(this.projects.keySet());
			List<ProjectImportRepository.Change> changes = new ArrayList<>();
			for (List<ProjectRow> rows : this.projects.values()) {
				ProjectImportRepository.Change change = project(rows, stored.get(rows.get(0).key()), countyAreas,
						villageAreas, townAreas, unitKeys);
				if (change != null) {
					changes.add(change);
				}
			}
			CurrentUser user = this.context.user();
			String role = user.has(Role.ADMIN) ? "ADMIN" : "COUNTY_OFFICER";
			return () -> repository.apply(changes, user.userKey(), role);
		}

		private ProjectImportRepository.@Nullable Change project(List<ProjectRow> rows,
				@Nullable List<ProjectImportRepository.Stored> storedProjects,
				Map<String, GeoService.CodedArea> counties, Map<String, GeoService.CodedArea> villages,
				Map<String, GeoService.CodedArea> towns, Map<String, Long> units) {
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
						this.context.problem(first.row(), STEP_HEADERS.get(known.get(i).status()),
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
				this.context.creates(first.row(), "project.created", first.name(),
						Integer.toString(allocations.size()));
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
				changes.field(STEP_HEADERS.get(step.status()), null, step.on().toString());
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
			return new ProjectImportRepository.Change(first, county.key(), townKey,
					(village != null) ? villageKey : null, unit, stored, own || !newSteps.isEmpty(), newSteps,
					changedAllocations);
		}

	}

	private static final Map<String, String> STEP_HEADERS = stepHeaders();

	private static Map<String, String> stepHeaders() {
		Map<String, String> headers = new HashMap<>();
		for (String[] step : STEPS) {
			headers.put(step[0],
					COLUMNS.stream().filter((c) -> c.key().equals(step[1])).findFirst().orElseThrow().header());
		}
		return headers;
	}

}
