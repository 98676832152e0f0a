package cn.ankang.bangfu.figure;

import java.util.List;
import java.util.Set;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.SelectedField;
import org.jspecify.annotations.Nullable;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * The figures of {@code schema/figure.graphqls}.
 */
@Controller
class FigureController {

	private final FigureService figures;

	private final FigureCatalog catalog;

	private final FigureAnswers answers;

	FigureController(FigureService figures, FigureCatalog catalog, FigureAnswers answers) {
		this.figures = figures;
		this.catalog = catalog;
		this.answers = answers;
	}

	@QueryMapping
	List<FigureCatalog.Figure> figureCatalog(@Argument @Nullable List<String> fields) {
		return (fields != null) ? fields.stream().distinct().map(this.catalog::figure).toList()
				: this.catalog.figures();
	}

	@SchemaMapping(typeName = "FigureDefinition")
	String document(FigureCatalog.Figure figure, @Argument @Nullable List<String> measures) {
		return figure.document(measures);
	}

	@QueryMapping
	FigureResult<FigureRows.MonitoringRow> monitoringFigures(@Argument @Nullable FigureFilter filter,
			@Argument @Nullable List<FigureDimension> groupBy, GraphQLContext context) {
		return this.answers.answer(context, "monitoringFigures", new Object[] { filter, groupBy },
				() -> this.figures.monitoring(filter(filter), dims(groupBy)));
	}

	@QueryMapping
	FigureResult<FigureRows.MeasureRow> measureFigures(@Argument @Nullable FigureFilter filter,
			@Argument @Nullable List<FigureDimension> groupBy, GraphQLContext context) {
		return this.answers.answer(context, "measureFigures", new Object[] { filter, groupBy },
				() -> this.figures.measures(filter(filter), dims(groupBy)));
	}

	@QueryMapping
	FigureResult<FigureRows.FundRow> fundFigures(@Argument @Nullable FigureFilter filter,
			@Argument @Nullable List<String> sources, @Argument @Nullable List<FigureDimension> groupBy,
			GraphQLContext context) {
		return this.answers.answer(context, "fundFigures", new Object[] { filter, sources, groupBy },
				() -> this.figures.funds(filter(filter), sources, dims(groupBy)));
	}

	@QueryMapping
	FigureResult<FigureRows.ProjectRow> projectFigures(@Argument @Nullable FigureFilter filter,
			@Argument @Nullable String status, @Argument @Nullable List<FigureDimension> groupBy,
			GraphQLContext context) {
		return this.answers.answer(context, "projectFigures", new Object[] { filter, status, groupBy },
				() -> this.figures.projects(filter(filter), status, dims(groupBy)));
	}

	@QueryMapping
	FigureResult<FigureRows.EnterpriseRow> enterpriseFigures(@Argument @Nullable FigureFilter filter,
			@Argument @Nullable List<String> kinds, @Argument @Nullable Boolean drivingOnly,
			@Argument @Nullable List<FigureDimension> groupBy, GraphQLContext context) {
		return this.answers.answer(context, "enterpriseFigures", new Object[] { filter, kinds, drivingOnly, groupBy },
				() -> this.figures.enterprises(filter(filter), kinds, Boolean.TRUE.equals(drivingOnly), dims(groupBy)));
	}

	@QueryMapping
	FigureResult.OnDate<FigureRows.CadreRow> cadreFigures(@Argument @Nullable FigureFilter filter,
			@Argument @Nullable List<FigureDimension> groupBy, GraphQLContext context) {
		return this.answers.answer(context, "cadreFigures", new Object[] { filter, groupBy },
				() -> this.figures.cadres(filter(filter), dims(groupBy)));
	}

	@QueryMapping
	FigureResult<FigureRows.AssistanceUnitRow> assistanceUnitFigures(@Argument @Nullable FigureFilter filter,
			@Argument @Nullable List<FigureDimension> groupBy, GraphQLContext context) {
		return this.answers.answer(context, "assistanceUnitFigures", new Object[] { filter, groupBy },
				() -> this.figures.assistanceUnits(filter(filter), dims(groupBy)));
	}

	@QueryMapping
	FigureResult<FigureRows.VisitRow> visitFigures(@Argument @Nullable FigureFilter filter,
			@Argument @Nullable List<FigureDimension> groupBy, GraphQLContext context) {
		return this.answers.answer(context, "visitFigures", new Object[] { filter, groupBy },
				() -> this.figures.visits(filter(filter), dims(groupBy)));
	}

	@QueryMapping
	FigureResult.Window<FigureRows.VisitCoverageRow> visitCoverageFigures(@Argument @Nullable Integer days,
			@Argument @Nullable FigureFilter filter, @Argument @Nullable List<FigureDimension> groupBy,
			GraphQLContext context) {
		return this.answers.answer(context, "visitCoverageFigures", new Object[] { days, filter, groupBy },
				() -> this.figures.visitCoverage(days, filter(filter), dims(groupBy)));
	}

	@QueryMapping
	FigureResult<FigureRows.GuaranteeRow> guaranteeFigures(@Argument @Nullable FigureFilter filter,
			@Argument @Nullable List<FigureDimension> groupBy, GraphQLContext context) {
		return this.answers.answer(context, "guaranteeFigures", new Object[] { filter, groupBy },
				() -> this.figures.guarantees(filter(filter), dims(groupBy)));
	}

	@SchemaMapping(typeName = "AnnualReport")
	FigureRows.GuaranteeRow guarantees(AnnualReport report, GraphQLContext context) {
		return this.answers.answer(context, "annualReport.guarantees", new Object[] { report.year() },
				() -> this.figures.guaranteesOfYear(report.year()));
	}

	@QueryMapping
	FigureResult<FigureRows.VillageRow> villageFigures(@Argument @Nullable FigureFilter filter,
			@Argument @Nullable List<FigureDimension> groupBy, GraphQLContext context) {
		return this.answers.answer(context, "villageFigures", new Object[] { filter, groupBy },
				() -> this.figures.villages(filter(filter), dims(groupBy)));
	}

	@QueryMapping
	FigureResult<FigureRows.SupervisionRow> supervisionFigures(@Argument @Nullable FigureFilter filter,
			@Argument @Nullable List<FigureDimension> groupBy, GraphQLContext context) {
		return this.answers.answer(context, "supervisionFigures", new Object[] { filter, groupBy },
				() -> this.figures.supervision(filter(filter), dims(groupBy)));
	}

	@QueryMapping
	FigureResult<FigureRows.PopulationRow> populationFigures(@Argument @Nullable FigureFilter filter,
			@Argument @Nullable List<FigureDimension> groupBy, GraphQLContext context) {
		return this.answers.answer(context, "populationFigures", new Object[] { filter, groupBy },
				() -> this.figures.population(filter(filter), dims(groupBy)));
	}

	@QueryMapping
	FigureResult<FigureRows.EmploymentRow> employmentFigures(@Argument @Nullable FigureFilter filter,
			@Argument @Nullable List<FigureDimension> groupBy, GraphQLContext context) {
		return this.answers.answer(context, "employmentFigures", new Object[] { filter, groupBy },
				() -> this.figures.employment(filter(filter), dims(groupBy)));
	}

	@QueryMapping
	FigureResult<FigureRows.MicrocreditRow> microcreditFigures(@Argument @Nullable FigureFilter filter,
			@Argument @Nullable List<FigureDimension> groupBy, GraphQLContext context) {
		return this.answers.answer(context, "microcreditFigures", new Object[] { filter, groupBy },
				() -> this.figures.microcredit(filter(filter), dims(groupBy)));
	}

	@QueryMapping
	FigureResult<FigureRows.TrainingRow> trainingFigures(@Argument @Nullable FigureFilter filter,
			@Argument @Nullable List<FigureDimension> groupBy, GraphQLContext context) {
		return this.answers.answer(context, "trainingFigures", new Object[] { filter, groupBy },
				() -> this.figures.training(filter(filter), dims(groupBy)));
	}

	@QueryMapping
	FigureResult<FigureRows.PublicWelfareJobRow> publicWelfareJobFigures(@Argument @Nullable FigureFilter filter,
			@Argument @Nullable List<FigureDimension> groupBy, GraphQLContext context) {
		return this.answers.answer(context, "publicWelfareJobFigures", new Object[] { filter, groupBy },
				() -> this.figures.publicWelfareJobs(filter(filter), dims(groupBy)));
	}

	@QueryMapping
	FigureResult<FigureRows.RelocationRow> relocationFigures(@Argument @Nullable FigureFilter filter,
			@Argument @Nullable List<FigureDimension> groupBy, GraphQLContext context) {
		return this.answers.answer(context, "relocationFigures", new Object[] { filter, groupBy },
				() -> this.figures.relocation(filter(filter), dims(groupBy)));
	}

	@SchemaMapping(typeName = "AnnualReport")
	FigureRows.TrainingRow training(AnnualReport report, GraphQLContext context) {
		return this.answers.answer(context, "annualReport.training", new Object[] { report.year() },
				() -> this.figures.trainingOfYear(report.year()));
	}

	@SchemaMapping(typeName = "AnnualReport")
	FigureRows.PublicWelfareJobRow publicWelfareJobs(AnnualReport report, GraphQLContext context) {
		return this.answers.answer(context, "annualReport.publicWelfareJobs", new Object[] { report.year() },
				() -> this.figures.publicWelfareJobsOfYear(report.year()));
	}

	@SchemaMapping(typeName = "AnnualReport")
	FigureRows.RelocationRow relocation(AnnualReport report, GraphQLContext context) {
		return this.answers.answer(context, "annualReport.relocation", new Object[] { report.year() },
				() -> this.figures.relocationOfYear(report.year()));
	}

	@QueryMapping
	AnnualReport annualReport(@Argument int year, DataFetchingFieldSelectionSet selection, GraphQLContext context) {
		// a report kept for other sections than these would compute the rest anew
		Set<AnnualReport.Section> sections = AnnualReport
			.sectionsFor(selection.getImmediateFields().stream().map(SelectedField::getName).distinct().toList());
		return this.answers.answer(context, "annualReport", new Object[] { year, sections },
				() -> this.figures.annualReport(year, sections, this.figures));
	}

	private static FigureFilter filter(@Nullable FigureFilter filter) {
		return (filter != null) ? filter : FigureFilter.NONE;
	}

	private static List<FigureDimension> dims(@Nullable List<FigureDimension> groupBy) {
		return (groupBy != null) ? groupBy : List.of();
	}

}
