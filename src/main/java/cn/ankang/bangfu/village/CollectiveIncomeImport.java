package cn.ankang.bangfu.village;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.imports.ImportColumn;
import cn.ankang.bangfu.imports.ImportContext;
import cn.ankang.bangfu.imports.ImportKind;
import cn.ankang.bangfu.imports.ImportRow;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.shared.values.Money;

import org.springframework.stereotype.Component;

/**
 * Villages' collective incomes from the ledger officers keep in Excel (村集体经济收入台账), one
 * row per village and year: an income is found by its village and year, created when
 * there is none, changed where the file differs. Nothing is removed.
 */
@Component
class CollectiveIncomeImport implements ImportKind {

	private static final List<ImportColumn> COLUMNS = List.of(
			ImportColumn.code("villageCode", "村代码", true, 12).alias("村(社区)代码").example("610902006004"),
			ImportColumn.of("year", "年度", true, ImportColumn.Type.YEAR).example("2023"),
			ImportColumn.of("income", "集体经济收入（元）", true, ImportColumn.Type.MONEY)
				.alias("村集体经济收入")
				.alias("集体经济收入")
				.note("单位为元，最多两位小数")
				.example("126500.00"),
			ImportColumn.text("sourceNote", "数据来源", false, 1000).note("如：2023年度村集体经济收入台账").example("村集体经济收入台账"));

	private final VillageRecordRepository repository;

	private final GeoService geo;

	CollectiveIncomeImport(VillageRecordRepository repository, GeoService geo) {
		this.repository = repository;
		this.geo = geo;
	}

	@Override
	public String code() {
		return "VILLAGE_COLLECTIVE_INCOMES";
	}

	@Override
	public String title() {
		return "村集体经济收入台账";
	}

	@Override
	public String sheet() {
		return "集体经济收入";
	}

	@Override
	public List<ImportColumn> columns() {
		return COLUMNS;
	}

	@Override
	public List<String> notes() {
		return List.of("每行一个村（社区）一个年度的集体经济收入；同一村同一年度只能出现一次。", "按村代码和年度认记录：已有的只更新不同之处，没有的新建。收入不能为负，也不能超过 1 亿元。",
				"县、镇干部可导入本县、本镇各村的收入，管理员不限。");
	}

	@Override
	public boolean mayImport(CurrentUser user) {
		return user.has(Role.ADMIN) || user.has(Role.COUNTY_OFFICER) || user.has(Role.TOWN_OFFICER);
	}

	@Override
	public Batch start(ImportContext context) {
		return new IncomeBatch(context);
	}

	/** A row as read. */
	record IncomeRow(int row, String villageCode, int year, long incomeFen, @Nullable String sourceNote) {
	}

	/** What applying a row does: a new income, or a change of the one stored. */
	record IncomeChange(long villageKey, IncomeRow row, @Nullable VillageCollectiveIncome stored) {
	}

	private final class IncomeBatch implements Batch {

		private final ImportContext context;

		private final Map<String, IncomeRow> rows = new LinkedHashMap<>();

		IncomeBatch(ImportContext context) {
			this.context = context;
		}

		@Override
		public void row(ImportRow row) {
			String village = row.code("villageCode");
			Integer year = row.year("year");
			Long fen = row.fen("income");
			String note = row.text("sourceNote");
			int thisYear = this.context.today().getYear();
			if (year != null && year > thisYear) {
				row.problem("year", "village.incomeYear", year.toString(), Integer.toString(thisYear));
			}
			if (fen != null && fen > VillageRecords.MAX_INCOME_YUAN * 100) {
				row.problem("income", "village.incomeTooLarge", Money.yuan(fen).toPlainString());
			}
			if (row.hasProblems() || village == null || year == null || fen == null) {
				return;
			}
			IncomeRow read = new IncomeRow(row.number(), village, year, fen, note);
			IncomeRow first = this.rows.putIfAbsent(village + "|" + year, read);
			if (first != null) {
				row.problem(null, "row.duplicate", Integer.toString(first.row()), "村和年度");
			}
		}

		@Override
		public Plan plan() {
			Map<String, GeoService.CodedArea> villages = CollectiveIncomeImport.this.geo
				.villagesByCode(this.rows.values().stream().map(IncomeRow::villageCode).distinct().toList());
			Map<String, VillageCollectiveIncome> stored = new HashMap<>();
			List<Long> keys = villages.values().stream().map(GeoService.CodedArea::key).toList();
			if (!keys.isEmpty()) {
				CollectiveIncomeImport.this.repository.incomesOfVillages(keys)
					.forEach((income) -> stored.put(income.villageKey() + "|" + income.year(), income));
			}
			List<IncomeChange> changes = new ArrayList<>();
			for (IncomeRow row : this.rows.values()) {
				GeoService.CodedArea village = villages.get(row.villageCode());
				if (village == null) {
					this.context.problem(row.row(), "村代码", "row.unknownVillage", row.villageCode());
					continue;
				}
				CurrentUser user = this.context.user();
				if (!(user.covers(Role.ADMIN, village.place()) || user.covers(Role.COUNTY_OFFICER, village.place())
						|| user.covers(Role.TOWN_OFFICER, village.place()))) {
					this.context.problem(row.row(), "村代码", "row.outOfJurisdiction", village.name());
					continue;
				}
				VillageCollectiveIncome kept = stored.get(village.key() + "|" + row.year());
				String yuan = Money.yuan(row.incomeFen()).toPlainString();
				if (kept == null) {
					this.context.creates(row.row(), "village.incomeCreated", village.name(),
							Integer.toString(row.year()), yuan);
					changes.add(new IncomeChange(village.key(), row, null));
					continue;
				}
				ImportContext.Changes change = this.context.changes(row.row(), village.name() + " " + row.year());
				change.field("集体经济收入（元）", kept.income().toPlainString(), yuan);
				change.field("数据来源", kept.sourceNote(), row.sourceNote());
				if (change.done()) {
					changes.add(new IncomeChange(village.key(), row, kept));
				}
			}
			return () -> changes.forEach(this::apply);
		}

		private void apply(IncomeChange change) {
			IncomeRow row = change.row();
			if (change.stored() == null) {
				CollectiveIncomeImport.this.repository.insertIncome(change.villageKey(), row.year(), row.incomeFen(),
						row.sourceNote());
			}
			else if (!CollectiveIncomeImport.this.repository.updateIncome(change.stored().key(),
					change.stored().version(), row.incomeFen(), row.sourceNote())) {
				throw new IllegalStateException("The income of %s %d changed while the file was checked"
					.formatted(row.villageCode(), row.year()));
			}
		}

	}

}
