package cn.ankang.bangfu.supervision;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingFieldSelectionSet;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.geo.City;
import cn.ankang.bangfu.geo.County;
import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.geo.Town;
import cn.ankang.bangfu.geo.Village;
import cn.ankang.bangfu.history.History;
import cn.ankang.bangfu.history.Outcome;
import cn.ankang.bangfu.history.RecordChange;
import cn.ankang.bangfu.shared.relay.Batching;
import cn.ankang.bangfu.shared.relay.Connection;
import cn.ankang.bangfu.shared.relay.NodeLoader;
import cn.ankang.bangfu.shared.relay.PageRequest;
import cn.ankang.bangfu.shared.errors.UserError;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * The GraphQL fields of supervision rounds and their problems.
 */
@Controller
class SupervisionController {

	private final SupervisionService supervision;

	private final SupervisionRecords records;

	private final GeoService geo;

	private final History history;

	SupervisionController(SupervisionService supervision, SupervisionRecords records, GeoService geo, History history) {
		this.supervision = supervision;
		this.records = records;
		this.geo = geo;
		this.history = history;
	}

	@QueryMapping
	Connection<SupervisionRound> supervisionRounds(@Argument @Nullable Integer first, @Argument @Nullable String after,
			@Argument @Nullable RoundFilter filter, DataFetchingFieldSelectionSet selection) {
		return this.supervision.rounds((filter != null) ? filter : RoundFilter.NONE, PageRequest.of(first, after),
				selection.contains("totalCount"));
	}

	@QueryMapping
	Connection<SupervisionProblem> supervisionProblems(@Argument @Nullable Integer first,
			@Argument @Nullable String after, @Argument @Nullable ProblemFilter filter,
			DataFetchingFieldSelectionSet selection) {
		return this.supervision.problems((filter != null) ? filter : ProblemFilter.NONE, PageRequest.of(first, after),
				selection.contains("totalCount"));
	}

	@MutationMapping
	RoundPayload createSupervisionRound(@Argument SupervisionRecords.CreateRoundInput input, GraphQLContext context) {
		Outcome<SupervisionRound> outcome = this.records.createRound(input).audit(context, SupervisionRound::id);
		return new RoundPayload(outcome.value(), outcome.userErrors());
	}

	@MutationMapping
	ProblemPayload recordSupervisionProblem(@Argument SupervisionRecords.RecordProblemInput input,
			GraphQLContext context) {
		return ProblemPayload.of(this.records.recordProblem(input), context);
	}

	@MutationMapping
	ProblemPayload submitProblemRectification(@Argument SupervisionRecords.RectifyInput input, GraphQLContext context) {
		return ProblemPayload.of(this.records.submitRectification(input), context);
	}

	@MutationMapping
	ProblemPayload reviewProblemRectification(@Argument SupervisionRecords.ReviewInput input, GraphQLContext context) {
		return ProblemPayload.of(this.records.review(input), context);
	}

	record RoundPayload(@Nullable SupervisionRound round, List<UserError> userErrors) {
	}

	record ProblemPayload(@Nullable SupervisionProblem problem, List<UserError> userErrors) {

		static ProblemPayload of(Outcome<SupervisionProblem> outcome, GraphQLContext context) {
			outcome.audit(context, SupervisionProblem::id);
			return new ProblemPayload(outcome.value(), outcome.userErrors());
		}

	}

	// Rounds
	// ------------------------------------------------------------------------------------------------

	@BatchMapping(typeName = "SupervisionRound")
	Map<SupervisionRound, City> city(List<SupervisionRound> rounds) {
		Map<Long, City> byKey = this.geo.citiesByKeys(rounds.stream().map(SupervisionRound::cityKey).toList());
		return Batching.mapEach(rounds, (round) -> byKey.get(round.cityKey()));
	}

	@BatchMapping(typeName = "SupervisionRound")
	Map<SupervisionRound, List<County>> counties(List<SupervisionRound> rounds) {
		return covered(rounds, SupervisionService.Covered::countyKeys, this.geo::countiesByKeys);
	}

	@BatchMapping(typeName = "SupervisionRound")
	Map<SupervisionRound, List<Town>> towns(List<SupervisionRound> rounds) {
		return covered(rounds, SupervisionService.Covered::townKeys, this.geo::townsByKeys);
	}

	@BatchMapping(typeName = "SupervisionRound")
	Map<SupervisionRound, List<Village>> villages(List<SupervisionRound> rounds) {
		return covered(rounds, SupervisionService.Covered::villageKeys, this.geo::villagesByKeys);
	}

	@BatchMapping(typeName = "SupervisionRound")
	Map<SupervisionRound, List<String>> zones(List<SupervisionRound> rounds) {
		Map<Long, SupervisionService.Covered> covered = this.supervision.coverageOf(keys(rounds));
		return Batching.mapEach(rounds, (round) -> covered.get(round.key()).zones());
	}

	@BatchMapping(typeName = "SupervisionRound")
	Map<SupervisionRound, List<String>> departments(List<SupervisionRound> rounds) {
		Map<Long, SupervisionService.Covered> covered = this.supervision.coverageOf(keys(rounds));
		return Batching.mapEach(rounds, (round) -> covered.get(round.key()).departments());
	}

	@BatchMapping(typeName = "SupervisionRound")
	Map<SupervisionRound, List<RecordChange>> history(List<SupervisionRound> rounds) {
		return this.history.ofEach(RecordChange.Subject.SUPERVISION_ROUND, rounds, SupervisionRound::key);
	}

	private <A> Map<SupervisionRound, List<A>> covered(List<SupervisionRound> rounds,
			Function<SupervisionService.Covered, List<Long>> part, Function<Collection<Long>, Map<Long, A>> load) {
		Map<Long, SupervisionService.Covered> covered = this.supervision.coverageOf(keys(rounds));
		List<Long> all = covered.values().stream().flatMap((c) -> part.apply(c).stream()).distinct().toList();
		Map<Long, A> byKey = all.isEmpty() ? Map.of() : load.apply(all);
		return Batching.mapEach(rounds,
				(round) -> part.apply(covered.get(round.key()))
					.stream()
					.map(byKey::get)
					.filter(Objects::nonNull)
					.toList());
	}

	private static List<Long> keys(List<SupervisionRound> rounds) {
		return rounds.stream().map(SupervisionRound::key).toList();
	}

	// Problems
	// ----------------------------------------------------------------------------------------------

	@BatchMapping(typeName = "SupervisionProblem")
	Map<SupervisionProblem, SupervisionRound> round(List<SupervisionProblem> problems) {
		Map<Long, SupervisionRound> byKey = this.supervision
			.roundsByKeys(problems.stream().map(SupervisionProblem::roundKey).distinct().toList());
		return Batching.mapEach(problems, (problem) -> byKey.get(problem.roundKey()));
	}

	@BatchMapping(typeName = "SupervisionProblem")
	Map<SupervisionProblem, County> county(List<SupervisionProblem> problems) {
		Map<Long, County> byKey = this.geo
			.countiesByKeys(problems.stream().map(SupervisionProblem::countyKey).distinct().toList());
		return Batching.mapEach(problems, (problem) -> byKey.get(problem.countyKey()));
	}

	@BatchMapping(typeName = "SupervisionProblem")
	Map<SupervisionProblem, @Nullable Town> town(List<SupervisionProblem> problems) {
		List<Long> keys = problems.stream().map(SupervisionProblem::townKey).filter(Objects::nonNull).toList();
		Map<Long, Town> byKey = keys.isEmpty() ? Map.of() : this.geo.townsByKeys(keys);
		return Batching.mapEach(problems,
				(problem) -> (problem.townKey() != null) ? byKey.get(problem.townKey()) : null);
	}

	@BatchMapping(typeName = "SupervisionProblem")
	Map<SupervisionProblem, @Nullable Village> village(List<SupervisionProblem> problems) {
		List<Long> keys = problems.stream().map(SupervisionProblem::villageKey).filter(Objects::nonNull).toList();
		Map<Long, Village> byKey = keys.isEmpty() ? Map.of() : this.geo.villagesByKeys(keys);
		return Batching.mapEach(problems,
				(problem) -> (problem.villageKey() != null) ? byKey.get(problem.villageKey()) : null);
	}

	@SchemaMapping(typeName = "SupervisionProblem")
	boolean overdue(SupervisionProblem problem) {
		LocalDate today = this.supervision.today();
		return problem.overdueOn(today);
	}

	@BatchMapping(typeName = "SupervisionProblem", field = "history")
	Map<SupervisionProblem, List<RecordChange>> problemHistory(List<SupervisionProblem> problems) {
		return this.history.ofEach(RecordChange.Subject.SUPERVISION_PROBLEM, problems, SupervisionProblem::key);
	}

	/**
	 * Lets {@code node(id)} find rounds and the problems the asker may see.
	 */
	@Configuration(proxyBeanMethods = false)
	static class Nodes {

		@Bean
		NodeLoader supervisionRoundNodes(SupervisionService supervision) {
			return NodeLoader.numeric("SupervisionRound", supervision::roundsByKeys);
		}

		@Bean
		NodeLoader supervisionProblemNodes(SupervisionService supervision) {
			return NodeLoader.numeric("SupervisionProblem", supervision::problemsByKeys);
		}

	}

}
