package cn.ankang.bangfu.enterprise;

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
import cn.ankang.bangfu.security.jurisdiction.Place;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.shared.values.Labels;

import org.springframework.stereotype.Component;

/**
 * The ledger of bodies that drive households (带动主体台账), one row per body and year, the
 * body's fields repeated: a body is found by its county and name, its year by the body
 * and the year. Bodies and years not on record are created, those on record changed to
 * what the file says; the counts follow the same rule as through the API
 * ({@link YearCounts}).
 */
@Component
class EnterpriseImport implements ImportKind {

	private static final List<ImportColumn> COLUMNS = List.of(
			ImportColumn.code("countyCode", "县代码", true, 6).example("610926"),
			ImportColumn.text("name", "主体名称", true, 100).example("平利县某某茶业专业合作社"),
			ImportColumn.choice("kind", "主体类型", true, "enterpriseKind").example("合作社"),
			ImportColumn.choice("industry", "产业类型", true, "industry").example("茶叶"),
			ImportColumn.code("townCode", "乡镇代码", false, 9).note("主体所在乡镇；填村代码时可不填").example(""),
			ImportColumn.code("villageCode", "村代码", false, 12).note("主体所在村").example("610926001001"),
			ImportColumn.of("openedOn", "登记日期", true, ImportColumn.Type.DATE).alias("开业日期").example("2019-04-01"),
			ImportColumn.of("closedOn", "关闭日期", false, ImportColumn.Type.DATE).note("已关闭、注销的填写").example(""),
			ImportColumn.of("year", "年度", true, ImportColumn.Type.YEAR).example("2023"),
			ImportColumn.choices("modes", "带动方式", false, "drivingMode")
				.note("可填多个，用顿号分隔；带动了脱贫人口的必填")
				.example("订单生产、收益分红"),
			ImportColumn.of("linkedHouseholds", "带动脱贫户数", true, ImportColumn.Type.INTEGER).example("40"),
			ImportColumn.of("linkedPeople", "带动脱贫人口", true, ImportColumn.Type.INTEGER).example("128"),
			ImportColumn.of("workers", "用工人数", true, ImportColumn.Type.INTEGER).alias("吸纳就业人数").example("25"),
			ImportColumn.of("workersOutOfPoverty", "其中脱贫劳动力", true, ImportColumn.Type.INTEGER).example("12"),
			ImportColumn.of("workersFromMonitored", "其中监测对象", true, ImportColumn.Type.INTEGER).example("2"));

	private final EnterpriseImportRepository repository;

	private final GeoService geo;

	EnterpriseImport(EnterpriseImportRepository repository, GeoService geo) {
		this.repository = repository;
		this.geo = geo;
	}

	@Override
	public String code() {
		return "ENTERPRISES";
	}

	@Override
	public String title() {
		return "带动主体台账";
	}

	@Override
	public String sheet() {
		return "带动主体";
	}

	@Override
	public List<ImportColumn> columns() {
		return COLUMNS;
	}

	@Override
	public List<String> notes() {
		return List.of("每行一个主体的一个年度，主体信息在各年度行中重复填写；按县代码和主体名称认主体，按主体和年度认年度。",
				"带动脱贫人口不少于带动户数、不超过户数的 10 倍；脱贫劳动力和监测对象均不超过用工人数；年度须在主体登记至关闭期间。", "县级干部可导入本县的主体，乡镇干部可导入本乡镇的主体，管理员不限。");
	}

	@Override
	public boolean mayImport(CurrentUser user) {
		return user.has(Role.ADMIN) || user.has(Role.COUNTY_OFFICER) || user.has(Role.TOWN_OFFICER);
	}

	@Override
	public Batch start(ImportContext context) {
		return new EnterpriseBatch(context);
	}

	/** A row as read. */
	record EnterpriseRow(int row, String countyCode, String name, String kind, String industry,
			@Nullable String townCode, @Nullable String villageCode, LocalDate openedOn, @Nullable LocalDate closedOn,
			int year, List<String> modes, int linkedHouseholds, int linkedPeople, int workers, int workersOutOfPoverty,
			int workersFromMonitored) {

		String body() {
			return this.countyCode + "|" + this.name;
		}

		/** The body's own fields, which every row of the body repeats. */
		List<@Nullable Object> bodyFields() {
			return java.util.Arrays.asList(this.kind, this.industry, this.townCode, this.villageCode, this.openedOn,
					this.closedOn);
		}

	}

	private final class EnterpriseBatch implements Batch {

		private final ImportContext context;

		private final Map<String, List<EnterpriseRow>> bodies = new LinkedHashMap<>();

		private final Map<String, Integer> years = new HashMap<>();

		EnterpriseBatch(ImportContext context) {
			this.context = context;
		}

		@Override
		public void row(ImportRow row) {
			String county = row.code("countyCode");
			String name = row.text("name");
			String kind = row.choice("kind");
			String industry = row.choice("industry");
			String town = row.code("townCode");
			String village = row.code("villageCode");
			LocalDate opened = row.date("openedOn");
			LocalDate closed = row.date("closedOn");
			Integer year = row.year("year");
			List<String> modes = row.choices("modes");
			Integer households = row.integer("linkedHouseholds");
			Integer people = row.integer("linkedPeople");
			Integer workers = row.integer("workers");
			Integer outOfPoverty = row.integer("workersOutOfPoverty");
			Integer monitored = row.integer("workersFromMonitored");
			if (row.hasProblems()) {
				return;
			}
			LocalDate today = this.context.today();
			if (opened.isAfter(today)) {
				row.problem("openedOn", "cell.dateRange", "登记日期", opened.toString(), "2000-01-01", today.toString());
			}
			if (closed != null && (closed.isBefore(opened) || closed.isAfter(today))) {
				row.problem("closedOn", "cell.dateRange", "关闭日期", closed.toString(), opened.toString(),
						today.toString());
			}
			if (year < opened.getYear() || (closed != null && year > closed.getYear()) || year > today.getYear()) {
				row.problem("year", "enterprise.yearOutside", year.toString(), opened.toString(),
						(closed != null) ? closed.toString() : today.toString());
			}
			for (YearCounts.Problem problem : new YearCounts(households, people, modes.size(), workers, outOfPoverty,
					monitored)
				.problems()) {
				String column = switch (problem) {
					case PEOPLE_BELOW_HOUSEHOLDS, PEOPLE_IMPLAUSIBLE -> "linkedPeople";
					case MODES_REQUIRED -> "modes";
					case OUT_OF_POVERTY_ABOVE_WORKERS -> "workersOutOfPoverty";
					case MONITORED_ABOVE_WORKERS -> "workersFromMonitored";
				};
				row.problem(column, "enterprise." + problem.name(), people.toString(), households.toString(),
						workers.toString());
			}
			if (row.hasProblems()) {
				return;
			}
			EnterpriseRow read = new EnterpriseRow(row.number(), county, name.strip(), kind, industry, town, village,
					opened, closed, year, modes, households, people, workers, outOfPoverty, monitored);
			Integer first = this.years.putIfAbsent(read.body() + "|" + year, row.number());
			if (first != null) {
				row.problem("year", "row.duplicate", first.toString(), "主体的年度");
				return;
			}
			this.bodies.computeIfAbsent(read.body(), (k) -> new ArrayList<>()).add(read);
		}

		@Override
		public Plan plan() {
			Set<String> counties = new HashSet<>();
			Set<String> towns = new HashSet<>();
			Set<String> villages = new HashSet<>();
			this.bodies.values().stream().flatMap(List::stream).forEach((row) -> {
				counties.add(row.countyCode());
				if (row.townCode() != null) {
					towns.add(row.townCode());
				}
				if (row.villageCode() != null) {
					villages.add(row.villageCode());
				}
			});
			Map<String, GeoService.CodedArea> countyAreas = EnterpriseImport.this.geo.countiesByCode(counties);
			Map<String, GeoService.CodedArea> townAreas = EnterpriseImport.this.geo.townsByCode(towns);
			Map<String, GeoService.CodedArea> villageAreas = EnterpriseImport.this.geo.villagesByCode(villages);
			Map<String, EnterpriseImportRepository.Stored> stored = EnterpriseImport.this.repository
				.bodies(this.bodies.keySet());
			List<EnterpriseImportRepository.BodyChange> changes = new ArrayList<>();
			for (List<EnterpriseRow> rows : this.bodies.values()) {
				EnterpriseRow first = rows.get(0);
				boolean ok = true;
				for (EnterpriseRow row : rows.subList(1, rows.size())) {
					if (!row.bodyFields().equals(first.bodyFields()) || !row.kind().equals(first.kind())) {
						this.context.problem(row.row(), null, "enterprise.disagrees", Integer.toString(first.row()));
						ok = false;
					}
				}
				GeoService.CodedArea county = countyAreas.get(first.countyCode());
				if (county == null) {
					this.context.problem(first.row(), "县代码", "unit.unknownCounty", first.countyCode());
					continue;
				}
				GeoService.CodedArea town = (first.townCode() != null) ? townAreas.get(first.townCode()) : null;
				GeoService.CodedArea village = (first.villageCode() != null) ? villageAreas.get(first.villageCode())
						: null;
				if (first.townCode() != null
						&& (town == null || !Objects.equals(town.place().countyKey(), county.key()))) {
					this.context.problem(first.row(), "乡镇代码", "project.placeNotInCounty", first.townCode());
					continue;
				}
				if (first.villageCode() != null
						&& (village == null || !Objects.equals(village.place().countyKey(), county.key())
								|| (town != null && !Objects.equals(village.place().townKey(), town.key())))) {
					this.context.problem(first.row(), "村代码", "project.placeNotInCounty", first.villageCode());
					continue;
				}
				Place place = (village != null) ? village.place() : (town != null) ? town.place() : county.place();
				if (!covers(place)) {
					this.context.problem(first.row(), "县代码", "row.outOfJurisdiction",
							(village != null) ? village.name() : (town != null) ? town.name() : county.name());
					continue;
				}
				if (!ok) {
					continue;
				}
				Long townKey = (town != null) ? Long.valueOf(town.key())
						: (village != null) ? village.place().townKey() : null;
				Long villageKey = (village != null) ? village.key() : null;
				EnterpriseImportRepository.Stored known = stored.get(first.body());
				if (known == null) {
					this.context.creates(first.row(), "enterprise.created", first.name(),
							Integer.toString(rows.size()));
					changes.add(new EnterpriseImportRepository.BodyChange(null, county.key(), townKey, villageKey,
							first, true, rows));
					continue;
				}
				ImportContext.Changes body = this.context.changes(first.row(), first.name());
				boolean own = body.field("主体类型", Labels.of("enterpriseKind", known.kind()),
						Labels.of("enterpriseKind", first.kind()));
				own |= body.field("产业类型", Labels.of("industry", known.industry()),
						Labels.of("industry", first.industry()));
				own |= body.field("所在地", known.placeKey(), placeKey(townKey, villageKey));
				own |= body.field("登记日期", known.openedOn(), first.openedOn());
				own |= body.field("关闭日期", known.closedOn(), first.closedOn());
				List<EnterpriseRow> changedYears = new ArrayList<>();
				for (EnterpriseRow row : rows) {
					EnterpriseImportRepository.StoredYear year = known.years().get(row.year());
					if (year == null) {
						body.field(row.year() + "年", null, "新增");
						changedYears.add(row);
						continue;
					}
					boolean changed = body.field(row.year() + "年 带动方式", modeNames(year.modes()),
							modeNames(row.modes()));
					changed |= body.field(row.year() + "年 带动脱贫户数", year.linkedHouseholds(), row.linkedHouseholds());
					changed |= body.field(row.year() + "年 带动脱贫人口", year.linkedPeople(), row.linkedPeople());
					changed |= body.field(row.year() + "年 用工人数", year.workers(), row.workers());
					changed |= body.field(row.year() + "年 其中脱贫劳动力", year.workersOutOfPoverty(),
							row.workersOutOfPoverty());
					changed |= body.field(row.year() + "年 其中监测对象", year.workersFromMonitored(),
							row.workersFromMonitored());
					if (changed) {
						changedYears.add(row);
					}
				}
				body.done();
				if (own || !changedYears.isEmpty()) {
					changes.add(new EnterpriseImportRepository.BodyChange(known, county.key(), townKey, villageKey,
							first, own, changedYears));
				}
			}
			return () -> EnterpriseImport.this.repository.apply(changes);
		}

		private boolean covers(Place place) {
			CurrentUser user = this.context.user();
			return user.covers(Role.ADMIN, place) || user.covers(Role.COUNTY_OFFICER, place)
					|| user.covers(Role.TOWN_OFFICER, place);
		}

	}

	/** Ways of linking as people read them, in the order of the codes. */
	private static String modeNames(List<String> modes) {
		return modes.stream()
			.map(Enterprise.Mode::valueOf)
			.sorted()
			.map((mode) -> Labels.of("drivingMode", mode.name()))
			.collect(java.util.stream.Collectors.joining("、"));
	}

	/** Where a body lies, as compared with what is stored: its village, else its town. */
	static @Nullable String placeKey(@Nullable Long townKey, @Nullable Long villageKey) {
		return (villageKey != null) ? "村 " + villageKey : (townKey != null) ? "镇 " + townKey : null;
	}

}
