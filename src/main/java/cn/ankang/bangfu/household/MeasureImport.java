package cn.ankang.bangfu.household;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.imports.ImportColumn;
import cn.ankang.bangfu.imports.ImportContext;
import cn.ankang.bangfu.imports.ImportKind;
import cn.ankang.bangfu.imports.ImportRow;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.shared.values.Labels;

import org.springframework.stereotype.Component;

/**
 * Households' assistance measures (帮扶措施), one row per measure: found by its household
 * (the head's ID number), type, first day and description. A later file may end a measure
 * and give its result; nothing is removed.
 */
@Component
class MeasureImport implements ImportKind {

	private static final List<ImportColumn> COLUMNS = List.of(
			ImportColumn.of("headIdNumber", "户主证件号码", true, ImportColumn.Type.ID_NUMBER)
				.alias("户主身份证号")
				.example("610921198503120018"),
			ImportColumn.choice("type", "措施类型", true, "measureType").example("产业帮扶"),
			ImportColumn.text("description", "措施内容", true, 500).example("发放茶苗 2000 株，技术指导"),
			ImportColumn.of("startedOn", "开始日期", true, ImportColumn.Type.DATE).example("2023-03-01"),
			ImportColumn.of("endedOn", "结束日期", false, ImportColumn.Type.DATE).example(""),
			ImportColumn.text("result", "帮扶成效", false, 1000).example(""),
			ImportColumn.of("resultOn", "成效日期", false, ImportColumn.Type.DATE).example(""));

	private final MeasureImportRepository repository;

	MeasureImport(MeasureImportRepository repository) {
		this.repository = repository;
	}

	@Override
	public String code() {
		return "HOUSEHOLD_MEASURES";
	}

	@Override
	public String title() {
		return "监测户帮扶措施";
	}

	@Override
	public String sheet() {
		return "帮扶措施";
	}

	@Override
	public List<ImportColumn> columns() {
		return COLUMNS;
	}

	@Override
	public List<String> notes() {
		return List.of("每行一项措施，按户主证件号码找户：户须已在系统中（先导入监测户）。",
				"按户、措施类型、开始日期和措施内容认措施（同一天两项相同的措施按出现的先后对应）：已有的只更新结束日期和成效，没有的新建。帮扶成效与成效日期须同时填写。",
				"县级、乡镇干部可导入本辖区各户的措施，管理员不限。");
	}

	@Override
	public boolean mayImport(CurrentUser user) {
		return user.has(Role.ADMIN) || user.has(Role.COUNTY_OFFICER) || user.has(Role.TOWN_OFFICER);
	}

	@Override
	public Batch start(ImportContext context) {
		return new MeasureBatch(context);
	}

	/** A row as read. */
	record MeasureRow(int row, String headIdNumber, String type, String description, LocalDate startedOn,
			@Nullable LocalDate endedOn, @Nullable String result, @Nullable LocalDate resultOn, int occurrence) {

		String key() {
			return this.type + "|" + this.startedOn + "|" + this.description + "#" + this.occurrence;
		}

	}

	private final class MeasureBatch implements Batch {

		private final ImportContext context;

		private final List<MeasureRow> rows = new ArrayList<>();

		private final Map<String, Integer> seen = new HashMap<>();

		MeasureBatch(ImportContext context) {
			this.context = context;
		}

		@Override
		public void row(ImportRow row) {
			String head = row.idNumber("headIdNumber");
			String type = row.choice("type");
			String description = row.text("description");
			LocalDate started = row.date("startedOn");
			LocalDate ended = row.date("endedOn");
			String result = row.text("result");
			LocalDate resultOn = row.date("resultOn");
			LocalDate today = this.context.today();
			if (started != null && (started.getYear() < 2000 || started.isAfter(today))) {
				row.problem("startedOn", "cell.dateRange", "开始日期", started.toString(), "2000-01-01", today.toString());
			}
			if (ended != null && started != null && (ended.isBefore(started) || ended.isAfter(today))) {
				row.problem("endedOn", "cell.dateRange", "结束日期", ended.toString(), started.toString(),
						today.toString());
			}
			if ((result == null) != (resultOn == null)) {
				row.problem((result == null) ? "result" : "resultOn", "measure.resultWithDay");
			}
			if (resultOn != null && started != null && (resultOn.isBefore(started) || resultOn.isAfter(today))) {
				row.problem("resultOn", "cell.dateRange", "成效日期", resultOn.toString(), started.toString(),
						today.toString());
			}
			if (row.hasProblems()) {
				return;
			}
			// the same measure twice on one day is two measures (two loans, two jobs):
			// the n-th such row is the
			// n-th such measure on record
			String same = head + "|" + type + "|" + started + "|" + description;
			int occurrence = this.seen.merge(same, 1, Integer::sum);
			this.rows.add(new MeasureRow(row.number(), head, type, description, started, ended, result, resultOn,
					occurrence));
		}

		@Override
		public Plan plan() {
			Set<String> heads = new HashSet<>();
			this.rows.forEach((row) -> heads.add(row.headIdNumber()));
			Map<String, Long> households = MeasureImport.this.repository.households(heads);
			Map<Long, Map<String, MeasureImportRepository.Stored>> stored = MeasureImport.this.repository
				.measures(households.values());
			List<MeasureImportRepository.Change> changes = new ArrayList<>();
			for (MeasureRow row : this.rows) {
				Long household = households.get(row.headIdNumber());
				if (household == null) {
					// unknown and outside one's jurisdiction read the same: the household
					// is not found
					this.context.problem(row.row(), "户主证件号码", "measure.unknownHousehold", row.headIdNumber());
					continue;
				}
				MeasureImportRepository.Stored known = stored.getOrDefault(household, Map.of()).get(row.key());
				String label = Labels.of("measureType", row.type()) + " " + row.startedOn();
				if (known == null) {
					this.context.creates(row.row(), "measure.created", label);
					changes.add(new MeasureImportRepository.Change(household, row, null));
					continue;
				}
				ImportContext.Changes fields = this.context.changes(row.row(), label);
				fields.field("结束日期", known.endedOn(), row.endedOn());
				fields.field("帮扶成效", known.result(), row.result());
				fields.field("成效日期", known.resultOn(), row.resultOn());
				if (fields.done()) {
					changes.add(new MeasureImportRepository.Change(household, row, known));
				}
			}
			return () -> MeasureImport.this.repository.apply(changes);
		}

	}

}
