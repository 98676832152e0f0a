package cn.ankang.bangfu.figure;

import java.util.List;

import graphql.GraphQLContext;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.history.Outcome;
import cn.ankang.bangfu.shared.relay.PageRequest;
import cn.ankang.bangfu.shared.errors.UserError;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * The annual report's headlines and checks, and the figures its published text gave
 * ({@code schema/report.graphqls}).
 */
@Controller
class ReportController {

	private final ReportService reports;

	private final PublishedFigures published;

	private final ReportSources sources;

	ReportController(ReportService reports, PublishedFigures published, ReportSources sources) {
		this.reports = reports;
		this.published = published;
		this.sources = sources;
	}

	@QueryMapping
	ReportSources.Page reportSource(@Argument int year, @Argument ReportFigure figure,
			@Argument @Nullable Integer first, @Argument @Nullable String after) {
		return this.sources.source(year, figure, PageRequest.of(first, after));
	}

	@SchemaMapping(typeName = "ReportHeadline")
	boolean hasSource(ReportService.Headline headline) {
		return headline.value() != null && ReportSources.listed(headline.figure());
	}

	@SchemaMapping(typeName = "AnnualReport")
	List<ReportService.Headline> headlines(AnnualReport report, GraphQLContext context) {
		return comparison(report, context).headlines();
	}

	@SchemaMapping(typeName = "AnnualReport")
	List<ReportService.Check> checks(AnnualReport report, GraphQLContext context) {
		return comparison(report, context).checks();
	}

	// headlines and checks come from one comparison: its queries run once for a report
	// asked for both in one request
	private ReportService.Comparison comparison(AnnualReport report, GraphQLContext context) {
		return context.computeIfAbsent(new ComparisonOf(report), (key) -> this.reports.compare(report));
	}

	// a report's comparison, keyed by the report object itself (two reports of one year,
	// aliased, are two)
	private record ComparisonOf(AnnualReport report) {

		@Override
		public boolean equals(Object other) {
			return other instanceof ComparisonOf that && that.report == this.report;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this.report);
		}

	}

	@MutationMapping
	PublishedFigurePayload recordPublishedFigure(@Argument PublishedFigures.RecordInput input, GraphQLContext context) {
		Outcome<PublishedFigures.Recorded> outcome = this.published.record(input)
			.audit(context, (recorded) -> "PublishedFigure:" + recorded.key());
		return new PublishedFigurePayload(outcome.value(), outcome.userErrors());
	}

	record PublishedFigurePayload(PublishedFigures.@Nullable Recorded recorded, List<UserError> userErrors) {
	}

}
