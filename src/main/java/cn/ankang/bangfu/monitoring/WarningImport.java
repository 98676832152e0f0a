package cn.ankang.bangfu.monitoring;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
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
import cn.ankang.bangfu.shared.values.Money;

import org.springframework.stereotype.Component;

/**
 * Departments' risk warnings (部门预警) as a spreadsheet import, on the same check and commit
 * as every kind: each row checked, the places and the uploader's county checked, and on
 * commit the batch goes through the warnings' own rules (de-duplicated, matched to
 * households by ID number, turned into cases and tasks), as {@code importRiskWarnings}
 * and {@code POST /warnings} do.
 */
@Component
class WarningImport implements ImportKind {

	private static final List<ImportColumn> COLUMNS = List.of(
			ImportColumn.of("idNumber", "身份证号", true, ImportColumn.Type.ID_NUMBER)
				.alias("证件号码", "idNumber")
				.example("610921198503120018"),
			ImportColumn.text("personName", "姓名", true, 50).alias("personName").example("张某"),
			ImportColumn.choice("kind", "预警类型", true, "riskWarningKind").alias("kind").example("医疗支出"),
			ImportColumn.text("source", "数据来源", true, 100).alias("source").example("市医疗保障局"),
			ImportColumn.of("occurredOn", "发生日期", true, ImportColumn.Type.DATE)
				.alias("occurredOn")
				.example("2024-05-10"),
			ImportColumn.of("amount", "金额", false, ImportColumn.Type.MONEY).alias("amount").example("23000"),
			ImportColumn.text("detail", "详情", false, 1000).alias("detail").example("住院自付费用"),
			ImportColumn.code("villageCode", "村代码", false, 12).alias("villageCode").example(""),
			ImportColumn.code("townCode", "镇代码", false, 9).alias("townCode").example(""));

	private final WarningService warnings;

	private final GeoService geo;

	WarningImport(WarningService warnings, GeoService geo) {
		this.warnings = warnings;
		this.geo = geo;
	}

	@Override
	public String code() {
		return "RISK_WARNINGS";
	}

	@Override
	public String title() {
		return "部门预警";
	}

	@Override
	public String sheet() {
		return "部门预警";
	}

	@Override
	public List<ImportColumn> columns() {
		return COLUMNS;
	}

	@Override
	public List<String> notes() {
		return List.of("每行一条预警，按身份证号匹配监测户：已监测的户生成核实任务，风险已消除的户重新立案，未匹配的交乡镇或县核对。",
				"同一部门、同一人、同一类型、同一天的预警只记一次（再次导入同一文件不会重复）。", "县级干部可导入本县各地的预警，管理员不限。");
	}

	@Override
	public boolean mayImport(CurrentUser user) {
		return user.has(Role.ADMIN) || user.has(Role.COUNTY_OFFICER);
	}

	@Override
	public Batch start(ImportContext context) {
		return new WarningBatch(context);
	}

	private final class WarningBatch implements Batch {

		private final ImportContext context;

		private final List<WarningService.Row> rows = new ArrayList<>();

		WarningBatch(ImportContext context) {
			this.context = context;
		}

		@Override
		public void row(ImportRow row) {
			String id = row.idNumber("idNumber");
			String name = row.text("personName");
			String kind = row.choice("kind");
			String source = row.text("source");
			LocalDate occurred = row.date("occurredOn");
			Long amount = row.fen("amount");
			String detail = row.text("detail");
			String village = row.code("villageCode");
			String town = row.code("townCode");
			LocalDate today = this.context.today();
			if (occurred != null && (occurred.isAfter(today) || occurred.getYear() < 2000)) {
				row.problem("occurredOn", "cell.dateRange", "发生日期", occurred.toString(), "2000-01-01",
						today.toString());
			}
			if (amount != null && amount > 10_000_000_000L) {
				row.problem("amount", "cell.money", "金额", Money.yuan(amount).toPlainString());
			}
			if (row.hasProblems()) {
				return;
			}
			BigDecimal yuan = (amount != null) ? Money.yuan(amount) : null;
			this.rows.add(new WarningService.Row(row.number(), id, name, RiskWarning.Kind.valueOf(kind), source,
					occurred, yuan, detail, village, town));
		}

		@Override
		public Plan plan() {
			Set<String> villageCodes = new HashSet<>();
			Set<String> townCodes = new HashSet<>();
			this.rows.forEach((row) -> {
				if (row.villageCode() != null) {
					villageCodes.add(row.villageCode());
				}
				if (row.townCode() != null) {
					townCodes.add(row.townCode());
				}
			});
			Map<String, GeoService.CodedArea> villages = WarningImport.this.geo.villagesByCode(villageCodes);
			Map<String, GeoService.CodedArea> towns = WarningImport.this.geo.townsByCode(townCodes);
			CurrentUser user = this.context.user();
			Set<String> known = WarningImport.this.warnings.knownWarnings(this.rows);
			Set<String> seen = new HashSet<>();
			for (WarningService.Row row : this.rows) {
				GeoService.CodedArea place = null;
				String column = null;
				if (row.villageCode() != null) {
					place = villages.get(row.villageCode());
					column = "村代码";
					if (place == null) {
						this.context.problem(row.row(), column, "row.unknownVillage", row.villageCode());
						continue;
					}
				}
				else if (row.townCode() != null) {
					place = towns.get(row.townCode());
					column = "镇代码";
					if (place == null) {
						this.context.problem(row.row(), column, "warning.unknownTown", row.townCode());
						continue;
					}
				}
				if (place != null && !user.covers(Role.ADMIN, place.place())
						&& !user.covers(Role.COUNTY_OFFICER, place.place())) {
					this.context.problem(row.row(), column, "row.outOfJurisdiction", place.name());
					continue;
				}
				if (known.contains(row.key()) || !seen.add(row.key())) {
					// the same warning again is merged into the one on record
					this.context.unchanged();
				}
				else {
					this.context.creates(row.row(), "warning.received", row.personName(), row.source());
				}
			}
			List<WarningService.Row> batch = List.copyOf(this.rows);
			return () -> {
				WarningService.ImportPayload payload = WarningImport.this.warnings.importWarnings(batch, List.of());
				if (!payload.rowErrors().isEmpty() || !payload.userErrors().isEmpty()) {
					// the check found none of these: the records moved under the commit,
					// which stores nothing
					throw new IllegalStateException("Warnings refused on commit: " + payload);
				}
			};
		}

	}

}
