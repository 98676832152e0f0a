package cn.ankang.bangfu.project;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.imports.ImportColumn;
import cn.ankang.bangfu.imports.ImportContext;
import cn.ankang.bangfu.imports.ImportKind;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.unit.UnitService;

import org.springframework.stereotype.Component;

/**
 * The project pipeline with its funds (项目库与资金安排), one row per fund allocation (or a
 * project alone), the project's fields repeated: a project is found by its county, year
 * and name, an allocation by its project and source. A project's steps come from the
 * dates of its row (入库, 批复, 开工, 完工, 验收, 移交): a later file may add the next steps, never
 * change one on record. This class says what the file holds; {@link ProjectBatch} reads
 * its rows and {@link ProjectChangeCheck} compares each project with what is stored.
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
		return new ProjectBatch(context, this.repository, this.geo, this.unitService);
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

	static String header(String key) {
		return COLUMNS.stream().filter((c) -> c.key().equals(key)).findFirst().orElseThrow().header();
	}

	static final Map<String, String> STEP_HEADERS = stepHeaders();

	private static Map<String, String> stepHeaders() {
		Map<String, String> headers = new HashMap<>();
		for (String[] step : STEPS) {
			headers.put(step[0],
					COLUMNS.stream().filter((c) -> c.key().equals(step[1])).findFirst().orElseThrow().header());
		}
		return headers;
	}

}
