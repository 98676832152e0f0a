package cn.ankang.bangfu.view;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.ankang.bangfu.figure.FigureCatalog;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The views every installation comes with (内置视图), one set per role, following the
 * sections of the annual report: written at start from this list, so that a leader who
 * signs in for the first time finds figures to open, and a new version of the list
 * replaces the old. Each is made as the view builder makes views (a figure, its measures,
 * its variables), so it opens in the builder to be copied and changed.
 */
@Component
class BuiltInViews {

	private static final Logger log = LoggerFactory.getLogger(BuiltInViews.class);

	private final ViewRepository repository;

	private final FigureCatalog catalog;

	private final TransactionTemplate transactions;

	private final int year;

	/**
	 * @param year the year the views show at first: by default the last full year, whose
	 * figures are complete (the demo's is 2023, its report's)
	 */
	BuiltInViews(ViewRepository repository, FigureCatalog catalog, PlatformTransactionManager transactions, Clock clock,
			@Value("${bangfu.views.built-in-year:0}") int year) {
		this.repository = repository;
		this.catalog = catalog;
		this.transactions = new TransactionTemplate(transactions);
		this.year = (year > 0) ? year : LocalDate.now(clock).getYear() - 1;
	}

	@EventListener(ApplicationReadyEvent.class)
	void write() {
		List<BuiltIn> views = list();
		this.transactions.executeWithoutResult((status) -> {
			for (BuiltIn view : views) {
				this.repository.putBuiltIn(view.key(), view.input(this.catalog));
			}
			int removed = this.repository.removeBuiltInsExcept(views.stream().map(BuiltIn::key).toList());
			log.info("Built-in views written: {} ({} no longer listed removed)", views.size(), removed);
		});
	}

	List<BuiltIn> list() {
		Map<String, Object> ofYear = Map.of("filter", Map.of("year", this.year));
		String leaders = "CITY_LEADER";
		String counties = "COUNTY_OFFICER";
		String towns = "TOWN_OFFICER";
		String units = "UNIT_MANAGER";
		List<BuiltIn> views = new ArrayList<>();
		views.add(new BuiltIn("monitoring-by-county", this.year + "年防返贫监测（按县区）", "监测户、监测人口、新识别户与风险消除，按县区。",
				"monitoringFigures",
				List.of("households", "people", "newHouseholds", "eliminatedHouseholds", "eliminationRateByHouseholds"),
				ofYear, List.of("COUNTY"), "BAR", List.of(leaders)));
		views.add(new BuiltIn("monitoring-by-town", this.year + "年防返贫监测（按镇）", "各镇的监测户、监测人口、新识别户与风险消除。",
				"monitoringFigures",
				List.of("households", "people", "newHouseholds", "eliminatedHouseholds", "eliminationRateByHouseholds"),
				ofYear, List.of("TOWN"), "BAR", List.of(counties)));
		views.add(new BuiltIn("monitoring-by-village", this.year + "年防返贫监测（按村）", "各村的监测户与风险消除。", "monitoringFigures",
				List.of("households", "people", "eliminatedHouseholds", "eliminationRateByHouseholds"), ofYear,
				List.of("VILLAGE"), "TABLE", List.of(towns)));
		views.add(new BuiltIn("monitoring-map", this.year + "年监测户分布地图", "各村监测户数，按村庄位置标注。", "monitoringFigures",
				List.of("households"), ofYear, List.of("VILLAGE"), "MAP", List.of(leaders, counties, towns)));
		views.add(new BuiltIn("risk-types", this.year + "年监测户风险类型", "监测户按风险类型（一户多种风险的分别计入）。", "monitoringFigures",
				List.of("households"), ofYear, List.of("RISK_TYPE"), "PIE", List.of(leaders, counties, towns)));
		views.add(new BuiltIn("measures-by-type", this.year + "年帮扶措施（按类型）", "落实的帮扶措施与受益户，按措施类型。", "measureFigures",
				List.of("measures", "newMeasures", "households"), ofYear, List.of("MEASURE_TYPE"), "BAR",
				List.of(leaders, counties, towns)));
		views.add(new BuiltIn("funds-by-source", this.year + "年资金投入（按来源）", "各来源资金的计划投入、已支出和支出进度。", "fundFigures",
				List.of("allocated", "spent", "spendingRate"), ofYear, List.of("FUND_SOURCE"), "BAR",
				List.of(leaders, counties)));
		views.add(new BuiltIn("funds-by-county", this.year + "年资金投入（按县区）", "各县区的资金投入和支出进度。", "fundFigures",
				List.of("allocated", "spent", "spendingRate", "projects"), ofYear, List.of("COUNTY"), "BAR",
				List.of(leaders)));
		views.add(new BuiltIn("projects-by-status", this.year + "年帮扶项目（按状态）", "项目数与计划投资，按项目状态。", "projectFigures",
				List.of("projects", "planned", "beneficiaryHouseholds"), ofYear, List.of("PROJECT_STATUS"), "PIE",
				List.of(leaders, counties, towns)));
		views.add(new BuiltIn("cadres-by-county", this.year + "年末驻村干部（按县区）", "年末在岗的第一书记、工作队长、工作队员及驻村村数。",
				"cadreFigures", List.of("firstSecretaries", "teamLeaders", "teamMembers", "villages"), ofYear,
				List.of("COUNTY"), "BAR", List.of(leaders, counties)));
		views.add(new BuiltIn("units-by-level", this.year + "年定点帮扶（按单位层级）", "定点帮扶单位、结对村与定点帮扶资金，按单位层级。",
				"assistanceUnitFigures", List.of("units", "pairings", "villages", "designatedFunds"), ofYear,
				List.of("UNIT_LEVEL"), "TABLE", List.of(leaders, units)));
		views.add(new BuiltIn("visits-by-month", this.year + "年走访（按月）", "每月的走访次数、走访户数与走访干部。", "visitFigures",
				List.of("visits", "households", "cadres"), ofYear, List.of("MONTH"), "LINE",
				List.of(leaders, counties, towns, units)));
		views.add(new BuiltIn("coverage-by-county", "近30天走访覆盖（按县区）", "近30天监测户走访覆盖率与无走访村，按县区。", "visitCoverageFigures",
				List.of("monitoredHouseholds", "visitedHouseholds", "unvisitedHouseholds", "coverage",
						"unvisitedVillages"),
				Map.of("days", 30), List.of("COUNTY"), "BAR", List.of(leaders)));
		views
			.add(new BuiltIn("coverage-by-town", "近30天走访覆盖（按镇）", "近30天各镇监测户走访覆盖率与无走访村。", "visitCoverageFigures",
					List.of("monitoredHouseholds", "visitedHouseholds", "unvisitedHouseholds", "coverage",
							"unvisitedVillages"),
					Map.of("days", 30), List.of("TOWN"), "BAR", List.of(counties, towns)));
		views.add(BuiltIn.written("unvisited-households", "近30天未走访的监测户",
				"近30天没有入户走访的监测户（风险已消除的不计），未走访最久的在前，附驻村干部；每周安排走访用。下载可得全部。", """
						query($days: Int, $filter: FigureFilter) {
						  unvisitedHouseholds(days: $days, filter: $filter, first: 100) {
						    totalCount
						    edges { node { countyName townName villageName
						      household { headName category memberCount }
						      lastVisitedOn daysSinceLastVisit cadres { name roleName } } }
						  }
						}""", Map.of("days", 30), "TABLE", List.of(leaders, counties, towns)));
		views.add(BuiltIn.written("unvisited-villages", "近30天无走访的村", "有监测户、近30天一户也没有走访的村，附第一书记。", """
				query($days: Int, $filter: FigureFilter) {
				  unvisitedVillages(days: $days, filter: $filter, first: 100) {
				    totalCount
				    edges { node { countyName townName villageName monitoredHouseholds lastVisitedOn
				      daysSinceLastVisit firstSecretary { name } } }
				  }
				}""", Map.of("days", 30), "TABLE", List.of(leaders, counties, towns)));
		return views;
	}

	/**
	 * A built-in view: made from a figure as the view builder makes views, or, where no
	 * figure fits (a list), written as a query ({@code document}).
	 *
	 * @param key its name across versions of the list
	 * @param name its name
	 * @param description what it shows
	 * @param figure the figure
	 * @param measures the figure's numbers it shows
	 * @param variables its variables but the grouping
	 * @param groupBy its grouping
	 * @param chart how it is drawn
	 * @param roles who may run it
	 * @param document the query of a view written as one, or null
	 */
	record BuiltIn(String key, String name, String description, @Nullable String figure, List<String> measures,
			Map<String, Object> variables, List<String> groupBy, String chart, List<String> roles,
			@Nullable String document) {

		BuiltIn(String key, String name, String description, String figure, List<String> measures,
				Map<String, Object> variables, List<String> groupBy, String chart, List<String> roles) {
			this(key, name, description, figure, measures, variables, groupBy, chart, roles, null);
		}

		static BuiltIn written(String key, String name, String description, String document,
				Map<String, Object> variables, String chart, List<String> roles) {
			return new BuiltIn(key, name, description, null, List.of(), variables, List.of(), chart, roles, document);
		}

		ViewRepository.ViewInput input(FigureCatalog catalog) {
			if (this.figure == null) {
				return new ViewRepository.ViewInput(this.name, this.description,
						java.util.Objects.requireNonNull(this.document), this.variables, this.roles, List.of(),
						this.chart, null);
			}
			Map<String, Object> variables = new HashMap<>(this.variables);
			variables.put("groupBy", this.groupBy);
			return new ViewRepository.ViewInput(this.name, this.description,
					catalog.figure(this.figure).document(this.measures), variables, this.roles, List.of(), this.chart,
					new SavedView.Recipe(this.figure, this.measures));
		}

	}

}
