package cn.ankang.bangfu.population;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.values.Money;

import org.springframework.stereotype.Component;

/**
 * The income ledger of households lifted out of poverty (脱贫户收入台账), one row per household
 * and year, the household's fields repeated: a household is found by its household number
 * (户编号), a year by the household and the year. A household not on the register is
 * registered as {@code registerExitedHousehold} registers it, a year recorded or changed
 * as {@code recordExitedHouseholdYear} records it, with the same bounds; the household's
 * version moves with every change, and the database keeps the history. Nothing is
 * removed; where a household lives is not the ledger's to change.
 */
@Component
class ExitedIncomeImport implements ImportKind {

	private static final List<ImportColumn> COLUMNS = List.of(
			ImportColumn.text("householdNumber", "户编号", true, 30)
				.note("全国防返贫监测信息系统的户编号，按它认户")
				.example("6109021010010001"),
			ImportColumn.text("headName", "户主姓名", true, 50).example("王德明"),
			ImportColumn.of("headIdNumber", "户主证件号码", true, ImportColumn.Type.ID_NUMBER)
				.alias("户主身份证号", "户主身份证号码", "证件号码")
				.note("18 位，单元格须设为文本")
				.example("610902198001010018"),
			ImportColumn.of("people", "家庭人口", true, ImportColumn.Type.INTEGER)
				.alias("家庭人口数", "人口数")
				.note("当年共享收入的人口，1 至 30 人")
				.example("4"),
			ImportColumn.of("exitedYear", "脱贫年度", true, ImportColumn.Type.YEAR).note("2013 至 2020 年").example("2018"),
			ImportColumn.choice("relocated", "是否易地搬迁", true, "yesNo")
				.alias("易地扶贫搬迁户", "是否搬迁户")
				.accept("YES", "1", "√")
				.accept("NO", "0")
				.example("否"),
			ImportColumn.code("villageCode", "村代码", true, 12).alias("村(社区)代码").example("610902101001"),
			ImportColumn.of("year", "收入年度", true, ImportColumn.Type.YEAR).alias("年度").example("2023"),
			ImportColumn.of("income", "人均纯收入（元）", true, ImportColumn.Type.MONEY)
				.alias("家庭人均纯收入", "人均纯收入")
				.note("单位为元，最多两位小数，不超过 100 万元")
				.example("14884.00"),
			ImportColumn.of("peopleInWork", "务工人数", false, ImportColumn.Type.INTEGER)
				.alias("务工就业人数")
				.note("当年外出或就近务工的人数，不超过家庭人口；不填时不改已有记录")
				.example("2"));

	/** The first year of the programme's register (PopulationRecords). */
	private static final int FIRST_YEAR = 2013;

	/** The last year households were lifted out of poverty. */
	private static final int LAST_EXIT_YEAR = 2020;

	/** One million yuan a head, in fen: more is a slip of the keyboard. */
	private static final long MAX_INCOME_FEN = 100_000_000L;

	private final PopulationRepository repository;

	private final HouseholdYearRepository years;

	private final GeoService geo;

	private final Jurisdiction jurisdiction;

	ExitedIncomeImport(PopulationRepository repository, HouseholdYearRepository years, GeoService geo,
			Jurisdiction jurisdiction) {
		this.repository = repository;
		this.years = years;
		this.geo = geo;
		this.jurisdiction = jurisdiction;
	}

	@Override
	public String code() {
		return "EXITED_HOUSEHOLD_INCOMES";
	}

	@Override
	public String title() {
		return "脱贫户收入台账";
	}

	@Override
	public String sheet() {
		return "脱贫户收入";
	}

	@Override
	public List<ImportColumn> columns() {
		return COLUMNS;
	}

	@Override
	public List<String> notes() {
		return List.of("每行一户一个年度的收入，户信息（户主姓名、证件号码、脱贫年度、是否易地搬迁、村代码）在同户各行重复填写，须一致；同一户同一年度只能出现一次。",
				"按户编号认户：已登记的户只更新不同之处，未登记的户新登记为脱贫户；按户和年度认年度收入。户的现有人口取文件中该户最近年度的家庭人口（不早于已登记的最近年度时）。",
				"人均纯收入不能为负，不超过 100 万元；收入年度为 2013 年至今年；务工人数不超过家庭人口。已按务工地点和方式登记的年度，务工人数须与之相符。",
				"证件号码列请设为“文本”格式，否则 Excel 会把 18 位号码变成 9.9E+17 并丢失末几位。文件中没有的户和年度不会被删除，户所在的村不由导入修改。",
				"县、镇干部可导入本县、本镇各村的脱贫户，驻村干部可导入所驻村的脱贫户。");
	}

	@Override
	public boolean mayImport(CurrentUser user) {
		// whoever keeps the register through the API (PopulationRecords)
		return user.has(Role.COUNTY_OFFICER) || user.has(Role.TOWN_OFFICER) || user.has(Role.FIRST_SECRETARY)
				|| user.has(Role.TEAM_MEMBER);
	}

	@Override
	public Batch start(ImportContext context) {
		return new IncomeBatch(context);
	}

	/** A row as read. */
	record IncomeRow(int row, String householdNumber, String headName, String headIdNumber, int people, int exitedYear,
			boolean relocated, String villageCode, int year, long incomeFen, @Nullable Integer peopleInWork) {

		/** The household's own fields, which every row of the household repeats. */
		List<Object> householdFields() {
			return Arrays.asList(this.headName, this.headIdNumber, this.exitedYear, this.relocated, this.villageCode);
		}

	}

	/**
	 * What a file does to one household: registers it ({@code stored} null) or changes
	 * its own fields ({@code own}), and records or changes these years.
	 */
	private record HouseholdChange(@Nullable ExitedHousehold stored, long villageKey, IncomeRow household, int people,
			boolean own, List<IncomeRow> years) {
	}

	private final class IncomeBatch implements Batch {

		private final ImportContext context;

		private final Map<String, List<IncomeRow>> households = new LinkedHashMap<>();

		private final Map<String, Integer> years = new HashMap<>();

		private final Map<String, Integer> idNumbers = new HashMap<>();

		IncomeBatch(ImportContext context) {
			this.context = context;
		}

		@Override
		public void row(ImportRow row) {
			String number = row.text("householdNumber");
			String headName = row.text("headName");
			String idNumber = row.idNumber("headIdNumber");
			Integer people = row.integer("people");
			Integer exitedYear = row.year("exitedYear");
			String relocated = row.choice("relocated");
			String village = row.code("villageCode");
			Integer year = row.year("year");
			Long fen = row.fen("income");
			Integer inWork = row.integer("peopleInWork");
			if (number != null && !number.matches("[0-9A-Za-z-]{1,30}")) {
				row.problem("householdNumber", "population.householdNumber", number);
			}
			if (people != null && (people < 1 || people > 30)) {
				row.problem("people", "population.people", people.toString());
			}
			if (exitedYear != null && (exitedYear < FIRST_YEAR || exitedYear > LAST_EXIT_YEAR)) {
				row.problem("exitedYear", "population.exitedYear", exitedYear.toString());
			}
			int thisYear = this.context.today().getYear();
			if (year != null && (year < FIRST_YEAR || year > thisYear)) {
				row.problem("year", "population.year", year.toString(), Integer.toString(thisYear));
			}
			if (fen != null && fen > MAX_INCOME_FEN) {
				row.problem("income", "population.incomeTooLarge", Money.yuan(fen).toPlainString());
			}
			if (people != null && inWork != null && inWork > people) {
				row.problem("peopleInWork", "population.workersAbovePeople", inWork.toString(), people.toString());
			}
			if (row.hasProblems()) {
				return;
			}
			IncomeRow read = new IncomeRow(row.number(), number, headName.strip(), idNumber, people, exitedYear,
					"YES".equals(relocated), village, year, fen, inWork);
			Integer first = this.years.putIfAbsent(number + "|" + year, row.number());
			if (first != null) {
				row.problem("year", "row.duplicate", first.toString(), "户的年度");
				return;
			}
			List<IncomeRow> rows = this.households.computeIfAbsent(number, (k) -> new ArrayList<>());
			if (!rows.isEmpty() && !rows.get(0).householdFields().equals(read.householdFields())) {
				row.problem(null, "population.disagrees", Integer.toString(rows.get(0).row()));
				return;
			}
			if (rows.isEmpty()) {
				Integer other = this.idNumbers.putIfAbsent(idNumber, row.number());
				if (other != null) {
					row.problem("headIdNumber", "population.idTwice", idNumber, other.toString());
					return;
				}
			}
			rows.add(read);
		}

		@Override
		public Plan plan() {
			PopulationRepository repository = ExitedIncomeImport.this.repository;
			HouseholdYearRepository years = ExitedIncomeImport.this.years;
			Map<String, GeoService.CodedArea> villages = ExitedIncomeImport.this.geo.villagesByCode(
					this.households.values().stream().map((rows) -> rows.get(0).villageCode()).distinct().toList());
			Scope scope = ExitedIncomeImport.this.jurisdiction.current();
			Set<Long> responsible = new HashSet<>(repository
				.villagesResponsible(villages.values().stream().map(GeoService.CodedArea::key).toList(), scope));
			Map<String, ExitedHousehold> stored = new HashMap<>();
			repository.householdsByNumbers(this.households.keySet(), scope)
				.forEach((household) -> stored.put(household.householdNumber(), household));
			List<Long> keys = stored.values().stream().map(ExitedHousehold::key).toList();
			Map<String, HouseholdYear> storedYears = new HashMap<>();
			Map<String, Integer> breakdowns = Map.of();
			if (!keys.isEmpty()) {
				years.yearsOf(keys).forEach((y) -> storedYears.put(y.householdKey() + "|" + y.year(), y));
				breakdowns = years.employmentTotals(keys);
			}
			List<HouseholdChange> changes = new ArrayList<>();
			for (List<IncomeRow> rows : this.households.values()) {
				IncomeRow first = rows.get(0);
				GeoService.CodedArea village = villages.get(first.villageCode());
				if (village == null) {
					this.context.problem(first.row(), "村代码", "row.unknownVillage", first.villageCode());
					continue;
				}
				if (!responsible.contains(village.key())) {
					this.context.problem(first.row(), "村代码", "row.outOfJurisdiction", village.name());
					continue;
				}
				// the people of the latest year the file gives are the household's now
				IncomeRow latest = rows.stream().max(Comparator.comparingInt(IncomeRow::year)).orElseThrow();
				ExitedHousehold known = stored.get(first.householdNumber());
				if (known == null) {
					if (repository.numberOrIdNumberTaken(first.householdNumber(), first.headIdNumber())) {
						this.context.problem(first.row(), "户编号", "population.taken", first.householdNumber(),
								first.headIdNumber());
						continue;
					}
					this.context.creates(first.row(), "population.created", first.headName(), first.householdNumber(),
							Integer.toString(rows.size()));
					changes.add(new HouseholdChange(null, village.key(), first, latest.people(), true, rows));
					continue;
				}
				if (!known.personalDataVisible()) {
					this.context.problem(first.row(), "户编号", "row.outOfJurisdiction", first.householdNumber());
					continue;
				}
				if (known.villageKey() != village.key()) {
					this.context.problem(first.row(), "村代码", "population.villageChanged", first.householdNumber(),
							village.name());
					continue;
				}
				int latestStored = storedYears.values()
					.stream()
					.filter((y) -> y.householdKey() == known.key())
					.mapToInt(HouseholdYear::year)
					.max()
					.orElse(0);
				int people = (latest.year() >= latestStored) ? latest.people() : known.people();
				if (!known.headIdNumber().equals(first.headIdNumber())
						&& repository.numberOrIdNumberTaken("", first.headIdNumber())) {
					this.context.problem(first.row(), "户主证件号码", "population.idElsewhere", first.headIdNumber());
					continue;
				}
				ImportContext.Changes change = this.context.changes(first.row(),
						first.headName() + "（" + first.householdNumber() + "）");
				boolean own = change.field("户主姓名", known.headName(), first.headName());
				own |= change.field("户主证件号码", known.headIdNumber(), first.headIdNumber());
				own |= change.field("家庭人口", known.people(), people);
				own |= change.field("脱贫年度", known.exitedYear(), first.exitedYear());
				own |= change.field("是否易地搬迁", yesNo(known.relocated()), yesNo(first.relocated()));
				List<IncomeRow> changedYears = new ArrayList<>();
				boolean refused = false;
				for (IncomeRow row : rows) {
					HouseholdYear year = storedYears.get(known.key() + "|" + row.year());
					Integer breakdown = breakdowns.get(known.key() + "|" + row.year());
					if (row.peopleInWork() != null && breakdown != null && !breakdown.equals(row.peopleInWork())) {
						this.context.problem(row.row(), "务工人数", "population.workBreakdown",
								Integer.toString(row.year()), breakdown.toString(), row.peopleInWork().toString());
						refused = true;
						continue;
					}
					if (year == null) {
						change.field(row.year() + "年", null, "新增");
						changedYears.add(row);
						continue;
					}
					Integer inWork = (row.peopleInWork() != null) ? row.peopleInWork() : year.peopleInWork();
					if (inWork != null && inWork > row.people()) {
						this.context.problem(row.row(), "家庭人口", "population.workersAbovePeople", inWork.toString(),
								Integer.toString(row.people()));
						refused = true;
						continue;
					}
					boolean changed = change.field(row.year() + "年 家庭人口", year.people(), row.people());
					changed |= change.field(row.year() + "年 人均纯收入（元）", year.perCapitaNetIncome().toPlainString(),
							Money.yuan(row.incomeFen()).toPlainString());
					changed |= change.field(row.year() + "年 务工人数", year.peopleInWork(), inWork);
					if (changed) {
						changedYears.add(row);
					}
				}
				change.done();
				if (!refused && (own || !changedYears.isEmpty())) {
					changes.add(new HouseholdChange(known, village.key(), first, people, own, changedYears));
				}
			}
			return () -> changes.forEach(this::apply);
		}

		private void apply(HouseholdChange change) {
			PopulationRepository repository = ExitedIncomeImport.this.repository;
			HouseholdYearRepository years = ExitedIncomeImport.this.years;
			IncomeRow household = change.household();
			ExitedHousehold stored = change.stored();
			long key;
			if (stored == null) {
				key = repository.insertHousehold(change.villageKey(), household.householdNumber(), household.headName(),
						household.headIdNumber(), change.people(), household.exitedYear(), household.relocated(), null,
						null);
			}
			else {
				key = stored.key();
				// the household's version moves with every change, its own fields' or a
				// year's, as recordExitedHouseholdYear moves it
				boolean kept = change.own() ? repository.updateHousehold(key, stored.version(), household.headName(),
						household.headIdNumber(), change.people(), household.exitedYear(), household.relocated())
						: repository.raiseVersion(key, stored.version());
				if (!kept) {
					throw new IllegalStateException(
							"Household %s changed while the file was checked".formatted(household.householdNumber()));
				}
			}
			for (IncomeRow row : change.years()) {
				years.importYear(key, change.villageKey(), row.year(), row.people(), row.incomeFen(),
						row.peopleInWork());
			}
		}

	}

	private static String yesNo(boolean value) {
		return value ? "是" : "否";
	}

}
