package cn.ankang.bangfu.figure;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.errors.ApiException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Leaders' figures: the period a filter means, the jurisdiction of the asker, and the
 * rates derived from the counts.
 * <p>
 * Read on the read replica when one is configured ({@link FigureDatabase}), within the
 * same scope and row-level security as on the primary. There the figures may lag the
 * records by the replication delay, and their {@code asOf} says by how much
 * ({@link FigureFreshness}).
 */
@Service
@Transactional(transactionManager = FigureDatabase.TRANSACTION_MANAGER, readOnly = true)
public class FigureService {

	static final List<String> LINKAGE = List.of("CENTRAL_LINKAGE", "PROVINCIAL_LINKAGE", "MUNICIPAL_LINKAGE",
			"COUNTY_LINKAGE");

	/** The bodies the report counts as enterprises, cooperatives and the like. */
	/**
	 * The statuses of a project carried out (实施) in its year: under way or done, no
	 * longer only planned.
	 */
	static final List<String> CARRIED_OUT = List.of("IN_PROGRESS", "COMPLETED", "ACCEPTED", "ASSETS_HANDED_OVER");

	static final List<String> NOT_FACTORIES = List.of("ENTERPRISE", "COOPERATIVE", "FAMILY_FARM", "OTHER");

	private final AssistanceFigureRepository assistanceFigures;

	private final ProjectFigureRepository projectFigures;

	private final VisitFigureRepository visitFigures;

	private final PopulationFigureRepository populationFigures;

	private final VillageFigureRepository villageFigures;

	private final SupervisionFigureRepository supervisionFigures;

	private final Jurisdiction jurisdiction;

	private final Clock clock;

	private final FigureFreshness freshness;

	private final int smallCellHouseholds;

	FigureService(AssistanceFigureRepository assistanceFigures, ProjectFigureRepository projectFigures,
			VisitFigureRepository visitFigures, PopulationFigureRepository populationFigures,
			VillageFigureRepository villageFigures, SupervisionFigureRepository supervisionFigures,
			Jurisdiction jurisdiction, Clock clock, FigureFreshness freshness,
			@Value("${bangfu.figures.small-cell-households:5}") int smallCellHouseholds) {
		this.smallCellHouseholds = smallCellHouseholds;
		this.freshness = freshness;
		this.assistanceFigures = assistanceFigures;
		this.projectFigures = projectFigures;
		this.visitFigures = visitFigures;
		this.populationFigures = populationFigures;
		this.villageFigures = villageFigures;
		this.supervisionFigures = supervisionFigures;
		this.jurisdiction = jurisdiction;
		this.clock = clock;
	}

	FigureResult<FigureRows.MonitoringRow> monitoring(FigureFilter filter, List<FigureDimension> groupBy) {
		return FigureResult.suppressingSmallHealthGroups(asOf(),
				this.assistanceFigures.monitoring(scope(), filter, period(filter), groupBy),
				FigureRows.MonitoringRow::keys, FigureRows.MonitoringRow::households, this.smallCellHouseholds);
	}

	FigureResult<FigureRows.MeasureRow> measures(FigureFilter filter, List<FigureDimension> groupBy) {
		return FigureResult.suppressingSmallHealthGroups(asOf(),
				this.assistanceFigures.measures(scope(), filter, period(filter), groupBy), FigureRows.MeasureRow::keys,
				FigureRows.MeasureRow::households, this.smallCellHouseholds);
	}

	FigureResult<FigureRows.FundRow> funds(FigureFilter filter, @Nullable List<String> sources,
			List<FigureDimension> groupBy) {
		return FigureResult.of(asOf(),
				this.projectFigures.funds(scope(), filter, period(filter), sources, false, groupBy));
	}

	FigureResult<FigureRows.ProjectRow> projects(FigureFilter filter, @Nullable String status,
			List<FigureDimension> groupBy) {
		return FigureResult.of(asOf(), this.projectFigures.projects(scope(), filter, period(filter), status, groupBy));
	}

	FigureResult<FigureRows.EnterpriseRow> enterprises(FigureFilter filter, @Nullable List<String> kinds,
			boolean drivingOnly, List<FigureDimension> groupBy) {
		return FigureResult.of(asOf(),
				this.projectFigures.enterprises(scope(), filter, period(filter), kinds, drivingOnly, groupBy));
	}

	FigureResult.OnDate<FigureRows.CadreRow> cadres(FigureFilter filter, List<FigureDimension> groupBy) {
		LocalDate on = period(filter).to();
		OffsetDateTime asOf = asOf();
		List<FigureRows.CadreRow> rows = this.assistanceFigures.cadres(scope(), filter, on, groupBy);
		return new FigureResult.OnDate<>(asOf, on, rows.get(0), rows.subList(1, rows.size()));
	}

	FigureResult<FigureRows.AssistanceUnitRow> assistanceUnits(FigureFilter filter, List<FigureDimension> groupBy) {
		return FigureResult.of(asOf(),
				this.assistanceFigures.assistanceUnits(scope(), filter, period(filter), groupBy));
	}

	FigureResult<FigureRows.VisitRow> visits(FigureFilter filter, List<FigureDimension> groupBy) {
		Period period = period(filter);
		OffsetDateTime asOf = asOf();
		ZoneId zone = this.clock.getZone();
		List<FigureRows.VisitRow> rows = this.visitFigures.visits(scope(), filter,
				period.from().atStartOfDay(zone).toOffsetDateTime(),
				period.to().plusDays(1).atStartOfDay(zone).toOffsetDateTime(), groupBy);
		if (groupBy.contains(FigureDimension.CADRE)) {
			rows = rows.stream().map((row) -> row.keys().isEmpty() ? row : row.withoutFlags()).toList();
		}
		return FigureResult.of(asOf, rows);
	}

	FigureResult<FigureRows.GuaranteeRow> guarantees(FigureFilter filter, List<FigureDimension> groupBy) {
		if (groupBy.contains(FigureDimension.VILLAGE)) {
			// a village's row would tell whose medical care is not secured
			throw ApiException.invalidArgument(
					"The three guarantees group by COUNTY or TOWN, not VILLAGE: a village's row would show its "
							+ "households' medical care.");
		}
		return FigureResult.of(asOf(), guaranteeRows(scope(), filter, period(filter), groupBy));
	}

	/** The three guarantees and drinking water of a year, for the annual report. */
	FigureRows.GuaranteeRow guaranteesOfYear(int year) {
		FigureFilter filter = FigureFilter.ofYear(year);
		return guaranteeRows(scope(), filter, period(filter), List.of()).get(0);
	}

	private List<FigureRows.GuaranteeRow> guaranteeRows(Scope scope, FigureFilter filter, Period period,
			List<FigureDimension> groupBy) {
		ZoneId zone = this.clock.getZone();
		return this.visitFigures.guarantees(scope, filter, period.from().atStartOfDay(zone).toOffsetDateTime(),
				period.to().plusDays(1).atStartOfDay(zone).toOffsetDateTime(), groupBy);
	}

	FigureResult.Window<FigureRows.VisitCoverageRow> visitCoverage(@Nullable Integer days, FigureFilter filter,
			List<FigureDimension> groupBy) {
		OffsetDateTime asOf = asOf();
		VisitWindow window = VisitWindow.of(days, filter, OffsetDateTime.now(this.clock));
		List<FigureRows.VisitCoverageRow> rows = this.visitFigures.visitCoverage(scope(), filter, window.since(),
				groupBy);
		return new FigureResult.Window<>(asOf, window.days(), rows.get(0), rows.subList(1, rows.size()));
	}

	FigureResult<FigureRows.VillageRow> villages(FigureFilter filter, List<FigureDimension> groupBy) {
		return FigureResult.of(asOf(), this.villageFigures.villages(scope(), filter, period(filter), groupBy));
	}

	FigureResult<FigureRows.SupervisionRow> supervision(FigureFilter filter, List<FigureDimension> groupBy) {
		return FigureResult.of(asOf(), this.supervisionFigures.supervision(scope(), filter, period(filter), groupBy));
	}

	FigureResult<FigureRows.PopulationRow> population(FigureFilter filter, List<FigureDimension> groupBy) {
		return FigureResult.of(asOf(), this.populationFigures.population(scope(), filter, period(filter), groupBy));
	}

	FigureResult<FigureRows.EmploymentRow> employment(FigureFilter filter, List<FigureDimension> groupBy) {
		return FigureResult.of(asOf(), this.populationFigures.employment(scope(), filter, period(filter), groupBy));
	}

	FigureResult<FigureRows.MicrocreditRow> microcredit(FigureFilter filter, List<FigureDimension> groupBy) {
		return FigureResult.of(asOf(), this.populationFigures.microcredit(scope(), filter, period(filter), groupBy));
	}

	FigureResult<FigureRows.TrainingRow> training(FigureFilter filter, List<FigureDimension> groupBy) {
		return FigureResult.of(asOf(), this.populationFigures.training(scope(), filter, period(filter), groupBy));
	}

	FigureResult<FigureRows.PublicWelfareJobRow> publicWelfareJobs(FigureFilter filter, List<FigureDimension> groupBy) {
		return FigureResult.of(asOf(),
				this.populationFigures.publicWelfareJobs(scope(), filter, period(filter), groupBy));
	}

	FigureResult<FigureRows.RelocationRow> relocation(FigureFilter filter, List<FigureDimension> groupBy) {
		return FigureResult.of(asOf(), this.populationFigures.relocation(scope(), filter, period(filter), groupBy));
	}

	/** A year's training, for the annual report. */
	FigureRows.TrainingRow trainingOfYear(int year) {
		FigureFilter filter = FigureFilter.ofYear(year);
		return this.populationFigures.training(scope(), filter, period(filter), List.of()).get(0);
	}

	/** A year's public-welfare jobs, for the annual report. */
	FigureRows.PublicWelfareJobRow publicWelfareJobsOfYear(int year) {
		FigureFilter filter = FigureFilter.ofYear(year);
		return this.populationFigures.publicWelfareJobs(scope(), filter, period(filter), List.of()).get(0);
	}

	/** The relocation follow-up of a year, for the annual report. */
	FigureRows.RelocationRow relocationOfYear(int year) {
		FigureFilter filter = FigureFilter.ofYear(year);
		return this.populationFigures.relocation(scope(), filter, period(filter), List.of()).get(0);
	}

	/**
	 * A year's report with these sections computed, in this transaction.
	 * @param self this service as the context holds it, through which a section not
	 * computed here would run in a transaction of its own
	 */
	AnnualReport annualReport(int year, Set<AnnualReport.Section> sections, FigureService self) {
		// a year the figures refuse is refused whatever is selected
		period(FigureFilter.ofYear(year));
		OffsetDateTime asOf = asOf();
		Map<AnnualReport.Section, Object> computed = new EnumMap<>(AnnualReport.Section.class);
		for (AnnualReport.Section section : sections) {
			computed.put(section, reportSection(year, section));
		}
		return new AnnualReport(year, asOf, computed, self);
	}

	/** One section of a year's report: one statement, in the asker's scope. */
	Object reportSection(int year, AnnualReport.Section section) {
		FigureFilter filter = FigureFilter.ofYear(year);
		Period period = period(filter);
		Scope scope = scope();
		List<FigureDimension> none = List.of();
		return switch (section) {
			case MONITORING -> this.assistanceFigures.monitoring(scope, filter, period, none).get(0);
			case MEASURES -> this.assistanceFigures.measures(scope, filter, period, none).get(0);
			case CADRES -> this.assistanceFigures.cadres(scope, filter, period.to(), none).get(0);
			case ASSISTANCE_UNITS -> this.assistanceFigures.assistanceUnits(scope, filter, period, none).get(0);
			// the total row is the linkage funds, a group the industry projects
			case LINKAGE_FUNDS_BY_CATEGORY ->
				this.projectFigures.funds(scope, filter, period, LINKAGE, false, List.of(FigureDimension.CATEGORY));
			case LINKAGE_FUNDS_IN_KEY_COUNTIES ->
				this.projectFigures.funds(scope, filter, period, LINKAGE, true, none).get(0);
			case CENTRAL_AND_PROVINCIAL_FUNDS -> this.projectFigures
				.funds(scope, filter, period, List.of("CENTRAL_LINKAGE", "PROVINCIAL_LINKAGE"), false, none)
				.get(0);
			case DESIGNATED_ASSISTANCE_FUNDS ->
				this.projectFigures.funds(scope, filter, period, List.of("DESIGNATED_ASSISTANCE"), false, none).get(0);
			case EAST_WEST_COLLABORATION_FUNDS ->
				this.projectFigures.funds(scope, filter, period, List.of("EAST_WEST_COLLABORATION"), false, none)
					.get(0);
			case NEXT_YEAR_PIPELINE -> {
				FigureFilter nextYear = FigureFilter.ofYear(year + 1);
				yield this.projectFigures.projects(scope, nextYear, period(nextYear), "PIPELINE", none).get(0);
			}
			case VILLAGES -> this.villageFigures.villages(scope, filter, period, none).get(0);
			case VILLAGE_CONSTRUCTION ->
				this.projectFigures.projects(scope, filter, period, CARRIED_OUT, "VILLAGE_CONSTRUCTION", none).get(0);
			case DRIVING_ENTERPRISES ->
				this.projectFigures.enterprises(scope, filter, period, NOT_FACTORIES, true, none).get(0);
			case COMMUNITY_FACTORIES ->
				this.projectFigures.enterprises(scope, filter, period, List.of("COMMUNITY_FACTORY"), false, none)
					.get(0);
			case SUPERVISION -> this.supervisionFigures.supervision(scope, filter, period, none).get(0);
			case POPULATION -> this.populationFigures.population(scope, filter, period, none).get(0);
			case MICROCREDIT -> this.populationFigures.microcredit(scope, filter, period, none).get(0);
		};
	}

	private Period period(FigureFilter filter) {
		return Period.of(filter, LocalDate.now(this.clock));
	}

	private Scope scope() {
		return this.jurisdiction.forQueries();
	}

	/** Taken before the figures' statements, in their transaction. */
	private OffsetDateTime asOf() {
		return this.freshness.currentTo();
	}

}
