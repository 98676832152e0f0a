package cn.ankang.bangfu.supervision;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.imports.ImportColumn;
import cn.ankang.bangfu.imports.ImportContext;
import cn.ankang.bangfu.imports.ImportKind;
import cn.ankang.bangfu.imports.ImportRow;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.security.jurisdiction.Place;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.shared.values.Labels;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * A round's problem list (督帮问题清单), one row per problem: a problem is found by its round
 * (by name, and year where names repeat) and its number on the list (问题编号). A problem not
 * on record is recorded as {@code recordSupervisionProblem} records it — the same checks,
 * found, with the task of rectifying it; one on record gets what the list corrects (a
 * corrected deadline moves the open task). Nothing is removed, and where a problem was
 * found and how far its rectification stands are not the list's to change.
 */
@Component
class SupervisionProblemImport implements ImportKind {

	private static final List<ImportColumn> COLUMNS = List.of(
			ImportColumn.text("round", "督帮轮次", true, 100).alias("轮次", "轮次名称").example("2023年第一轮集中督帮"),
			ImportColumn.of("roundYear", "轮次年度", false, ImportColumn.Type.YEAR).note("不同年度有同名轮次时必填").example("2023"),
			ImportColumn.text("number", "问题编号", true, 30)
				.alias("编号", "序号")
				.note("同一轮次内每个问题一个编号，不能重复；再次导入时按轮次和编号认问题")
				.example("HB-001"),
			ImportColumn.text("areaCode", "地区代码", true, 12)
				.alias("区划代码", "村代码")
				.note("问题发现地：县 6 位、镇 9 位、村 12 位统计用区划代码")
				.example("610902006004"),
			ImportColumn.text("department", "涉及部门", false, 100).note("问题涉及的市、县部门，没有可不填").example("区教体局"),
			ImportColumn.choice("category", "问题类别", true, "problemCategory").example("教育保障"),
			ImportColumn.lines("description", "问题描述", true, 1000).alias("问题表现", "存在问题").example("1 户适龄儿童辍学未劝返"),
			ImportColumn.text("responsible", "整改责任单位", true, 100)
				.alias("责任单位", "整改责任人", "责任人")
				.note("负责整改的单位或个人")
				.example("某某镇人民政府"),
			ImportColumn.of("foundOn", "发现日期", true, ImportColumn.Type.DATE)
				.note("不早于轮次开始日期，不晚于今天")
				.example("2023-04-12"),
			ImportColumn.of("deadline", "整改时限", true, ImportColumn.Type.DATE)
				.alias("整改期限")
				.note("不早于发现日期")
				.example("2023-06-30"));

	private final SupervisionRepository repository;

	private final GeoService geo;

	private final Jurisdiction jurisdiction;

	private final ApplicationEventPublisher events;

	SupervisionProblemImport(SupervisionRepository repository, GeoService geo, Jurisdiction jurisdiction,
			ApplicationEventPublisher events) {
		this.repository = repository;
		this.geo = geo;
		this.jurisdiction = jurisdiction;
		this.events = events;
	}

	@Override
	public String code() {
		return "SUPERVISION_PROBLEMS";
	}

	@Override
	public String title() {
		return "督帮问题清单";
	}

	@Override
	public String sheet() {
		return "督帮问题";
	}

	@Override
	public List<ImportColumn> columns() {
		return COLUMNS;
	}

	@Override
	public List<String> notes() {
		return List.of("每行一个督帮发现的问题；轮次须已在系统中建立（按轮次名称认轮次，不同年度有同名轮次时填轮次年度）。",
				"按轮次和问题编号认问题：已有的只更新问题类别、描述、涉及部门、责任单位、发现日期和整改时限中不同之处，没有的新建为待整改问题并生成整改任务。同一轮次的问题编号不能重复。",
				"问题的发现地和整改进度不由导入修改；已销号的问题不能修改。整改时限改动后，未完成的整改任务随之改期。", "问题描述可分行填写（Alt+回车）。文件中没有的问题不会被删除。",
				"市级领导可导入本市的问题，县、镇干部可导入本县、本镇的问题，管理员不限。");
	}

	@Override
	public boolean mayImport(CurrentUser user) {
		// whoever records problems through the API (SupervisionRecords.recordProblem)
		return user.has(Role.ADMIN) || user.has(Role.CITY_LEADER) || user.has(Role.COUNTY_OFFICER)
				|| user.has(Role.TOWN_OFFICER);
	}

	@Override
	public Batch start(ImportContext context) {
		return new ProblemBatch(context);
	}

	/** A row as read. */
	record ProblemRow(int row, String round, @Nullable Integer roundYear, String number, String areaCode,
			@Nullable String department, SupervisionProblem.Category category, String description, String responsible,
			LocalDate foundOn, LocalDate deadline) {
	}

	/** What applying a row does: record a problem, or correct the one stored. */
	private record ProblemChange(ProblemRow row, long roundKey, Place place, @Nullable SupervisionProblem stored) {
	}

	private final class ProblemBatch implements Batch {

		private final ImportContext context;

		private final Map<String, ProblemRow> rows = new LinkedHashMap<>();

		ProblemBatch(ImportContext context) {
			this.context = context;
		}

		@Override
		public void row(ImportRow row) {
			String round = row.text("round");
			Integer roundYear = row.year("roundYear");
			String number = row.text("number");
			String area = row.text("areaCode");
			String department = row.text("department");
			String category = row.choice("category");
			String description = row.text("description");
			String responsible = row.text("responsible");
			LocalDate found = row.date("foundOn");
			LocalDate deadline = row.date("deadline");
			if (area != null && !area.matches("[0-9]{6}|[0-9]{9}|[0-9]{12}")) {
				row.problem("areaCode", "supervision.areaCode", area);
			}
			// the API's least: two characters (RecordProblemInput)
			shortText(row, "round", round);
			shortText(row, "department", department);
			shortText(row, "description", description);
			shortText(row, "responsible", responsible);
			if (found != null && deadline != null && deadline.isBefore(found)) {
				row.problem("deadline", "supervision.deadlineBeforeFound", deadline.toString(), found.toString());
			}
			if (row.hasProblems()) {
				return;
			}
			ProblemRow read = new ProblemRow(row.number(), round, roundYear, number, area, department,
					SupervisionProblem.Category.valueOf(category), description, responsible, found, deadline);
			ProblemRow first = this.rows.putIfAbsent(round + "|" + roundYear + "|" + number, read);
			if (first != null) {
				row.problem("number", "row.duplicate", Integer.toString(first.row()), "轮次的问题编号");
			}
		}

		private static void shortText(ImportRow row, String column, @Nullable String text) {
			if (text != null && text.strip().length() < 2) {
				row.problem(column, "supervision.tooShort", text);
			}
		}

		@Override
		public Plan plan() {
			Map<String, List<SupervisionRound>> rounds = new HashMap<>();
			SupervisionProblemImport.this.repository
				.roundsNamed(this.rows.values().stream().map(ProblemRow::round).distinct().toList())
				.forEach((round) -> rounds.computeIfAbsent(round.name(), (k) -> new ArrayList<>()).add(round));
			Map<String, GeoService.CodedArea> areas = areas();
			Map<String, SupervisionProblem> stored = new HashMap<>();
			Set<Long> roundKeys = new HashSet<>();
			rounds.values().forEach((named) -> named.forEach((round) -> roundKeys.add(round.key())));
			SupervisionProblemImport.this.repository
				.numberedProblems(SupervisionProblemImport.this.jurisdiction.forQueries(), roundKeys)
				.forEach((problem) -> stored.put(problem.roundKey() + "|" + problem.number(), problem));
			Map<String, Integer> numbered = new HashMap<>();
			List<ProblemChange> changes = new ArrayList<>();
			for (ProblemRow row : this.rows.values()) {
				GeoService.CodedArea area = areas.get(row.areaCode());
				if (area == null) {
					this.context.problem(row.row(), "地区代码", "supervision.unknownArea", row.areaCode());
					continue;
				}
				Place place = area.place();
				SupervisionRound round = round(row, rounds.getOrDefault(row.round(), List.of()), place);
				if (round == null) {
					continue;
				}
				if (place.cityKey() != round.cityKey() || place.countyKey() == null) {
					this.context.problem(row.row(), "地区代码", "supervision.outsideCity", area.name(), round.name());
					continue;
				}
				if (!SupervisionRecords.mayKeep(this.context.user(), place)) {
					this.context.problem(row.row(), "地区代码", "row.outOfJurisdiction", area.name());
					continue;
				}
				LocalDate today = this.context.today();
				if (row.foundOn().isAfter(today) || row.foundOn().isBefore(round.startedOn())) {
					this.context.problem(row.row(), "发现日期", "supervision.foundOutside", row.foundOn().toString(),
							round.startedOn().toString(), today.toString());
					continue;
				}
				Integer first = numbered.putIfAbsent(round.key() + "|" + row.number(), row.row());
				if (first != null) {
					// the same round named with and without its year
					this.context.problem(row.row(), "问题编号", "row.duplicate", first.toString(), "轮次的问题编号");
					continue;
				}
				SupervisionProblem kept = stored.get(round.key() + "|" + row.number());
				if (kept == null) {
					if (SupervisionProblemImport.this.repository.numberTaken(round.key(), row.number())) {
						this.context.problem(row.row(), "问题编号", "supervision.numberElsewhere", row.number(),
								round.name());
						continue;
					}
					this.context.creates(row.row(), "supervision.created", round.name(), row.number(), area.name());
					changes.add(new ProblemChange(row, round.key(), place, null));
					continue;
				}
				correct(row, round, area, kept, changes);
			}
			return () -> changes.forEach(this::apply);
		}

		/** Compares a row with the problem on record, and plans the correction. */
		private void correct(ProblemRow row, SupervisionRound round, GeoService.CodedArea area, SupervisionProblem kept,
				List<ProblemChange> changes) {
			Place place = area.place();
			if (!Objects.equals(kept.countyKey(), place.countyKey()) || !Objects.equals(kept.townKey(), place.townKey())
					|| !Objects.equals(kept.villageKey(), place.villageKey())) {
				this.context.problem(row.row(), "地区代码", "supervision.placeChanged", row.number(), area.name());
				return;
			}
			String record = round.name() + " " + row.number();
			ImportContext.Changes change = this.context.changes(row.row(), record);
			change.field("问题类别", Labels.of("problemCategory", kept.category().name()),
					Labels.of("problemCategory", row.category().name()));
			change.field("问题描述", kept.description(), row.description().strip());
			change.field("涉及部门", kept.department(), (row.department() != null) ? row.department().strip() : null);
			change.field("整改责任单位", kept.responsible(), row.responsible().strip());
			change.field("发现日期", kept.foundOn(), row.foundOn());
			change.field("整改时限", kept.deadline(), row.deadline());
			if (!change.done()) {
				return;
			}
			if (kept.status() == SupervisionProblem.Status.CLOSED) {
				this.context.problem(row.row(), null, "supervision.closed", row.number());
				return;
			}
			if (kept.rectifiedOn() != null && row.foundOn().isAfter(kept.rectifiedOn())) {
				this.context.problem(row.row(), "发现日期", "supervision.foundAfterRectified", row.foundOn().toString(),
						kept.rectifiedOn().toString());
				return;
			}
			changes.add(new ProblemChange(row, round.key(), place, kept));
		}

		/**
		 * The round a row names: of its name, in its year when given, in the city of the
		 * place; reported when there is none or more than one.
		 */
		private @Nullable SupervisionRound round(ProblemRow row, List<SupervisionRound> named, Place place) {
			List<SupervisionRound> candidates = named.stream()
				.filter((round) -> row.roundYear() == null || round.year() == row.roundYear())
				.filter((round) -> round.cityKey() == place.cityKey())
				.toList();
			if (candidates.size() == 1) {
				return candidates.get(0);
			}
			if (candidates.isEmpty()) {
				this.context.problem(row.row(), "督帮轮次", "supervision.unknownRound", row.round());
			}
			else {
				this.context.problem(row.row(), "督帮轮次", "supervision.roundAmbiguous", row.round());
			}
			return null;
		}

		/** The areas the rows name, by code: counties, towns and villages. */
		private Map<String, GeoService.CodedArea> areas() {
			Map<Integer, List<String>> byLength = new HashMap<>();
			this.rows.values()
				.stream()
				.map(ProblemRow::areaCode)
				.distinct()
				.forEach((code) -> byLength.computeIfAbsent(code.length(), (k) -> new ArrayList<>()).add(code));
			Map<String, GeoService.CodedArea> areas = new HashMap<>();
			GeoService geo = SupervisionProblemImport.this.geo;
			areas.putAll(geo.countiesByCode(byLength.getOrDefault(6, List.of())));
			areas.putAll(geo.townsByCode(byLength.getOrDefault(9, List.of())));
			areas.putAll(geo.villagesByCode(byLength.getOrDefault(12, List.of())));
			return areas;
		}

		private void apply(ProblemChange change) {
			ProblemRow row = change.row();
			Place place = change.place();
			String department = (row.department() != null) ? row.department().strip() : null;
			SupervisionProblem stored = change.stored();
			if (stored == null) {
				long key = SupervisionProblemImport.this.repository.insertProblem(change.roundKey(),
						Objects.requireNonNull(place.countyKey()), place.townKey(), place.villageKey(), department,
						row.category(), row.description().strip(), row.responsible().strip(), row.foundOn(),
						row.deadline(), row.number());
				// as recordProblem does: the task of rectifying it
				SupervisionProblemImport.this.events.publishEvent(new SupervisionEvents.ToRectify(key,
						place.countyKey(), place.townKey(), place.villageKey(), row.deadline()));
				return;
			}
			if (!SupervisionProblemImport.this.repository.correctProblem(stored.key(), stored.version(), department,
					row.category(), row.description().strip(), row.responsible().strip(), row.foundOn(),
					row.deadline())) {
				throw new IllegalStateException("Problem %s of round %d changed while the file was checked"
					.formatted(row.number(), change.roundKey()));
			}
			if (!row.deadline().equals(stored.deadline())) {
				SupervisionProblemImport.this.events
					.publishEvent(new SupervisionEvents.DeadlineMoved(stored.key(), row.deadline()));
			}
		}

	}

}
