package cn.ankang.bangfu.figure;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A year's figures as the city's annual report gives them, each row as in the figure it
 * comes from. Only the sections the request selects are computed, each once, in the one
 * transaction that makes the report (the object lives for one request): a leader who asks
 * for two sections runs two statements, not twenty; the headlines and checks need them
 * all.
 */
final class AnnualReport {

	/** The sections, each one statement. */
	enum Section {

		/** Monitored households and people. */
		MONITORING,
		/** Assistance measures. */
		MEASURES,
		/** Resident cadres in post on the year's last day. */
		CADRES,
		/** Units in designated assistance. */
		ASSISTANCE_UNITS,
		/** Linkage funds of the year's projects, the total and by category. */
		LINKAGE_FUNDS_BY_CATEGORY,
		/** Those in key counties. */
		LINKAGE_FUNDS_IN_KEY_COUNTIES,
		/** Central and provincial linkage funds, spent by the year's end. */
		CENTRAL_AND_PROVINCIAL_FUNDS,
		/** Designated-assistance funds. */
		DESIGNATED_ASSISTANCE_FUNDS,
		/** Jiangsu–Shaanxi collaboration funds. */
		EAST_WEST_COLLABORATION_FUNDS,
		/** The next year's pipeline. */
		NEXT_YEAR_PIPELINE,
		/** Villages and communities. */
		VILLAGES,
		/** Village construction projects carried out in the year. */
		VILLAGE_CONSTRUCTION,
		/** Bodies but community factories that linked people out of poverty. */
		DRIVING_ENTERPRISES,
		/** Community factories and their jobs. */
		COMMUNITY_FACTORIES,
		/** Supervision rounds and problems. */
		SUPERVISION,
		/** The out-of-poverty population. */
		POPULATION,
		/** Microcredit to it. */
		MICROCREDIT

	}

	/** The sections each field of the report's type needs; the rest need them all. */
	private static final Map<String, Section> SECTION_OF_FIELD = Map.ofEntries(
			Map.entry("monitoring", Section.MONITORING), Map.entry("measures", Section.MEASURES),
			Map.entry("cadres", Section.CADRES), Map.entry("assistanceUnits", Section.ASSISTANCE_UNITS),
			Map.entry("linkageFunds", Section.LINKAGE_FUNDS_BY_CATEGORY),
			Map.entry("industryProjects", Section.LINKAGE_FUNDS_BY_CATEGORY),
			Map.entry("linkageFundsInKeyCounties", Section.LINKAGE_FUNDS_IN_KEY_COUNTIES),
			Map.entry("centralAndProvincialFunds", Section.CENTRAL_AND_PROVINCIAL_FUNDS),
			Map.entry("designatedAssistanceFunds", Section.DESIGNATED_ASSISTANCE_FUNDS),
			Map.entry("eastWestCollaborationFunds", Section.EAST_WEST_COLLABORATION_FUNDS),
			Map.entry("nextYearPipeline", Section.NEXT_YEAR_PIPELINE), Map.entry("villages", Section.VILLAGES),
			Map.entry("villageConstruction", Section.VILLAGE_CONSTRUCTION),
			Map.entry("drivingEnterprises", Section.DRIVING_ENTERPRISES),
			Map.entry("communityFactories", Section.COMMUNITY_FACTORIES), Map.entry("supervision", Section.SUPERVISION),
			Map.entry("population", Section.POPULATION), Map.entry("microcredit", Section.MICROCREDIT));

	/** Fields that need no section, or compute their own. */
	private static final Set<String> NO_SECTION = Set.of("year", "asOf", "__typename", "guarantees", "training",
			"publicWelfareJobs", "relocation");

	private final int year;

	private final OffsetDateTime asOf;

	private final FigureService figures;

	private final Map<Section, Object> computed = new ConcurrentHashMap<>();

	/**
	 * @param year the year
	 * @param asOf when it is computed
	 * @param computed the sections computed already, in the transaction that made the
	 * report
	 * @param figures where a section not computed yet comes from: the service as the
	 * context holds it, so that it runs in a scoped transaction
	 */
	AnnualReport(int year, OffsetDateTime asOf, Map<Section, Object> computed, FigureService figures) {
		this.year = year;
		this.asOf = asOf;
		this.computed.putAll(computed);
		this.figures = figures;
	}

	/**
	 * The sections the fields asked for need: those named, and all of them for the
	 * headlines and checks (or any field not known here).
	 */
	static Set<Section> sectionsFor(Collection<String> fields) {
		Set<Section> sections = EnumSet.noneOf(Section.class);
		for (String field : fields) {
			Section section = SECTION_OF_FIELD.get(field);
			if (section != null) {
				sections.add(section);
			}
			else if (!NO_SECTION.contains(field)) {
				return EnumSet.allOf(Section.class);
			}
		}
		return sections;
	}

	public int year() {
		return this.year;
	}

	public OffsetDateTime asOf() {
		return this.asOf;
	}

	public FigureRows.MonitoringRow monitoring() {
		return section(Section.MONITORING);
	}

	public FigureRows.MeasureRow measures() {
		return section(Section.MEASURES);
	}

	public FigureRows.CadreRow cadres() {
		return section(Section.CADRES);
	}

	public FigureRows.AssistanceUnitRow assistanceUnits() {
		return section(Section.ASSISTANCE_UNITS);
	}

	/** Linkage funds of the year's projects. */
	public FigureRows.FundRow linkageFunds() {
		return this.<List<FigureRows.FundRow>>section(Section.LINKAGE_FUNDS_BY_CATEGORY).get(0);
	}

	public FigureRows.FundRow linkageFundsInKeyCounties() {
		return section(Section.LINKAGE_FUNDS_IN_KEY_COUNTIES);
	}

	public FigureRows.FundRow centralAndProvincialFunds() {
		return section(Section.CENTRAL_AND_PROVINCIAL_FUNDS);
	}

	public FigureRows.FundRow designatedAssistanceFunds() {
		return section(Section.DESIGNATED_ASSISTANCE_FUNDS);
	}

	public FigureRows.FundRow eastWestCollaborationFunds() {
		return section(Section.EAST_WEST_COLLABORATION_FUNDS);
	}

	/**
	 * Industry projects funded from linkage funds: a group of the linkage funds' rows.
	 */
	public long industryProjects() {
		return this.<List<FigureRows.FundRow>>section(Section.LINKAGE_FUNDS_BY_CATEGORY)
			.stream()
			.filter((row) -> row.keys().stream().anyMatch((key) -> key.value().equals("INDUSTRY")))
			.mapToLong(FigureRows.FundRow::projects)
			.sum();
	}

	public FigureRows.ProjectRow nextYearPipeline() {
		return section(Section.NEXT_YEAR_PIPELINE);
	}

	public FigureRows.VillageRow villages() {
		return section(Section.VILLAGES);
	}

	public FigureRows.ProjectRow villageConstruction() {
		return section(Section.VILLAGE_CONSTRUCTION);
	}

	public FigureRows.EnterpriseRow drivingEnterprises() {
		return section(Section.DRIVING_ENTERPRISES);
	}

	public FigureRows.EnterpriseRow communityFactories() {
		return section(Section.COMMUNITY_FACTORIES);
	}

	public FigureRows.SupervisionRow supervision() {
		return section(Section.SUPERVISION);
	}

	public FigureRows.PopulationRow population() {
		return section(Section.POPULATION);
	}

	public FigureRows.MicrocreditRow microcredit() {
		return section(Section.MICROCREDIT);
	}

	@SuppressWarnings("unchecked")
	private <T> T section(Section section) {
		return (T) this.computed.computeIfAbsent(section, (key) -> this.figures.reportSection(this.year, key));
	}

}
