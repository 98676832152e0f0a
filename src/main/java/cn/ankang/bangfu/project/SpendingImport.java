package cn.ankang.bangfu.project;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.imports.ImportColumn;
import cn.ankang.bangfu.imports.ImportContext;
import cn.ankang.bangfu.imports.ImportKind;
import cn.ankang.bangfu.imports.ImportRow;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.shared.values.Labels;
import cn.ankang.bangfu.shared.values.Money;

import org.springframework.stereotype.Component;

/**
 * Projects' spending (资金支出), one row per payment against its voucher: a payment is found
 * by its project, source and voucher number. Spending is never changed: a voucher on
 * record with another amount or day is a problem, a correction a new voucher. No source
 * spends more than it was allocated, counting what is on record.
 */
@Component
class SpendingImport implements ImportKind {

	private static final List<ImportColumn> COLUMNS = ProjectImport.columns(ProjectImport.PROJECT_KEY,
			ImportColumn.choice("source", "资金来源", true, "fundSource").example("中央衔接资金"),
			ImportColumn.of("amount", "支出金额", true, ImportColumn.Type.MONEY).example("300000"),
			ImportColumn.of("spentOn", "支出日期", true, ImportColumn.Type.DATE).example("2023-05-20"),
			ImportColumn.text("voucher", "凭证号", true, 100).example("记-2023-0520-01"));

	private final ProjectImportRepository projects;

	private final SpendingImportRepository repository;

	private final GeoService geo;

	SpendingImport(ProjectImportRepository projects, SpendingImportRepository repository, GeoService geo) {
		this.projects = projects;
		this.repository = repository;
		this.geo = geo;
	}

	@Override
	public String code() {
		return "PROJECT_SPENDING";
	}

	@Override
	public String title() {
		return "项目资金支出";
	}

	@Override
	public String sheet() {
		return "资金支出";
	}

	@Override
	public List<ImportColumn> columns() {
		return COLUMNS;
	}

	@Override
	public List<String> notes() {
		return List.of("每行一笔支出，按项目（县代码、年度、项目名称）、资金来源和凭证号认支出。",
				"支出记录不能修改：已导入的凭证金额或日期不同会被指出；更正请用新的凭证。同一来源的支出合计不能超过其安排金额。",
				"项目和资金安排须先用“项目及资金安排”导入。县级干部可导入本县项目的支出，管理员不限。");
	}

	@Override
	public boolean mayImport(CurrentUser user) {
		return user.has(Role.ADMIN) || user.has(Role.COUNTY_OFFICER);
	}

	@Override
	public Batch start(ImportContext context) {
		return new SpendingBatch(context);
	}

	/** A row as read. */
	record SpendingRow(int row, String projectKey, String countyCode, String source, long amountFen, LocalDate spentOn,
			String voucher) {
	}

	private final class SpendingBatch implements Batch {

		private final ImportContext context;

		private final List<SpendingRow> rows = new ArrayList<>();

		private final Map<String, Integer> vouchers = new HashMap<>();

		SpendingBatch(ImportContext context) {
			this.context = context;
		}

		@Override
		public void row(ImportRow row) {
			String county = row.code("countyCode");
			Integer year = row.year("year");
			String name = row.text("name");
			String source = row.choice("source");
			Long amount = row.fen("amount");
			LocalDate spent = row.date("spentOn");
			String voucher = row.text("voucher");
			if (amount != null && amount == 0) {
				row.problem("amount", "cell.money", "支出金额", "0");
			}
			if (spent != null && (spent.getYear() < 2000 || spent.isAfter(this.context.today()))) {
				row.problem("spentOn", "cell.dateRange", "支出日期", spent.toString(), "2000-01-01",
						this.context.today().toString());
			}
			if (row.hasProblems()) {
				return;
			}
			String project = county + "|" + year + "|" + name;
			Integer first = this.vouchers.putIfAbsent(project + "|" + source + "|" + voucher, row.number());
			if (first != null) {
				row.problem("voucher", "row.duplicate", first.toString(), "凭证号");
				return;
			}
			this.rows.add(new SpendingRow(row.number(), project, county, source, amount, spent, voucher));
		}

		@Override
		public Plan plan() {
			Set<String> keys = new HashSet<>();
			Set<String> counties = new HashSet<>();
			this.rows.forEach((row) -> {
				keys.add(row.projectKey());
				counties.add(row.countyCode());
			});
			Map<String, List<ProjectImportRepository.Stored>> stored = SpendingImport.this.projects.projects(keys);
			Map<String, GeoService.CodedArea> countyAreas = SpendingImport.this.geo.countiesByCode(counties);
			Map<Long, Map<String, SpendingImportRepository.Payment>> paid = SpendingImport.this.repository
				.payments(stored.values().stream().filter((p) -> p.size() == 1).map((p) -> p.get(0).key()).toList());
			Map<String, Long> room = new HashMap<>();
			List<SpendingImportRepository.NewPayment> payments = new ArrayList<>();
			CurrentUser user = this.context.user();
			for (SpendingRow row : this.rows) {
				List<ProjectImportRepository.Stored> found = stored.get(row.projectKey());
				if (found == null || found.size() != 1) {
					this.context.problem(row.row(), "项目名称",
							(found == null) ? "spending.unknownProject" : "project.ambiguous",
							row.projectKey().substring(row.projectKey().lastIndexOf('|') + 1));
					continue;
				}
				ProjectImportRepository.Stored project = found.get(0);
				GeoService.CodedArea county = countyAreas.get(row.countyCode());
				if (!(user.covers(Role.ADMIN, county.place()) || user.covers(Role.COUNTY_OFFICER, county.place()))) {
					this.context.problem(row.row(), "县代码", "row.outOfJurisdiction", county.name());
					continue;
				}
				ProjectImportRepository.Allocation allocation = project.allocations().get(row.source());
				if (allocation == null) {
					this.context.problem(row.row(), "资金来源", "spending.noAllocation",
							Labels.of("fundSource", row.source()));
					continue;
				}
				SpendingImportRepository.Payment known = paid.getOrDefault(project.key(), Map.of())
					.get(row.source() + "|" + row.voucher());
				if (known != null) {
					if (known.amountFen() != row.amountFen() || !known.spentOn().equals(row.spentOn())) {
						this.context.problem(row.row(), "凭证号", "spending.immutable", row.voucher(),
								Money.yuan(known.amountFen()).toPlainString(), known.spentOn().toString());
					}
					else {
						this.context.unchanged();
					}
					continue;
				}
				String key = project.key() + "|" + row.source();
				long left = room.computeIfAbsent(key, (k) -> allocation.plannedFen() - allocation.spentFen());
				if (row.amountFen() > left) {
					this.context.problem(row.row(), "支出金额", "spending.exceedsAllocation",
							Money.yuan(row.amountFen()).toPlainString(), Money.yuan(left).toPlainString());
					continue;
				}
				room.put(key, left - row.amountFen());
				this.context.creates(row.row(), "spending.created", row.voucher(),
						Money.yuan(row.amountFen()).toPlainString());
				payments.add(new SpendingImportRepository.NewPayment(project.key(), row));
			}
			return () -> SpendingImport.this.repository.insert(payments);
		}

	}

}
