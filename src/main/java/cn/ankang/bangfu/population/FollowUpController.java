package cn.ankang.bangfu.population;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingFieldSelectionSet;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.geo.Village;
import cn.ankang.bangfu.history.Outcome;
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
import org.springframework.stereotype.Controller;

/**
 * The GraphQL fields of {@code schema/population.graphqls} on training, public-welfare
 * jobs and relocation follow-up (the figures are in {@code figure/}).
 */
@Controller
class FollowUpController {

	private final FollowUpService followUp;

	private final FollowUpRecords records;

	private final PopulationService population;

	private final GeoService geo;

	FollowUpController(FollowUpService followUp, FollowUpRecords records, PopulationService population,
			GeoService geo) {
		this.followUp = followUp;
		this.records = records;
		this.population = population;
		this.geo = geo;
	}

	@QueryMapping
	Connection<PublicWelfareJob> publicWelfareJobs(@Argument @Nullable Integer first, @Argument @Nullable String after,
			@Argument FollowUpService.@Nullable PublicWelfareJobFilter filter,
			DataFetchingFieldSelectionSet selection) {
		return this.followUp.jobs((filter != null) ? filter : FollowUpService.PublicWelfareJobFilter.NONE,
				PageRequest.of(first, after), selection.contains("totalCount"));
	}

	@MutationMapping
	PopulationController.ExitedHouseholdPayload recordExitedHouseholdTraining(
			@Argument FollowUpRecords.RecordTrainingInput input, GraphQLContext context) {
		Outcome<ExitedHousehold> outcome = this.records.recordTraining(input).audit(context, ExitedHousehold::id);
		return new PopulationController.ExitedHouseholdPayload(outcome.value(), outcome.userErrors());
	}

	@MutationMapping
	PopulationController.ExitedHouseholdPayload setRelocationCommunity(
			@Argument FollowUpRecords.SetRelocationCommunityInput input, GraphQLContext context) {
		Outcome<ExitedHousehold> outcome = this.records.setRelocationCommunity(input)
			.audit(context, ExitedHousehold::id);
		return new PopulationController.ExitedHouseholdPayload(outcome.value(), outcome.userErrors());
	}

	@MutationMapping
	PopulationController.ExitedHouseholdPayload recordRelocationSupport(
			@Argument FollowUpRecords.RecordSupportInput input, GraphQLContext context) {
		Outcome<ExitedHousehold> outcome = this.records.recordSupport(input).audit(context, ExitedHousehold::id);
		return new PopulationController.ExitedHouseholdPayload(outcome.value(), outcome.userErrors());
	}

	@MutationMapping
	PublicWelfareJobPayload postPublicWelfareJob(@Argument FollowUpRecords.PostJobInput input, GraphQLContext context) {
		Outcome<PublicWelfareJob> outcome = this.records.postJob(input).audit(context, PublicWelfareJob::id);
		return new PublicWelfareJobPayload(outcome.value(), outcome.userErrors());
	}

	@MutationMapping
	PublicWelfareJobPayload endPublicWelfareJob(@Argument FollowUpRecords.EndJobInput input, GraphQLContext context) {
		Outcome<PublicWelfareJob> outcome = this.records.endJob(input).audit(context, PublicWelfareJob::id);
		return new PublicWelfareJobPayload(outcome.value(), outcome.userErrors());
	}

	record PublicWelfareJobPayload(@Nullable PublicWelfareJob job, List<UserError> userErrors) {
	}

	@BatchMapping(typeName = "ExitedHousehold")
	Map<ExitedHousehold, @Nullable Village> relocationCommunity(List<ExitedHousehold> households) {
		List<Long> keys = households.stream()
			.map(ExitedHousehold::relocationCommunityKey)
			.filter(Objects::nonNull)
			.distinct()
			.toList();
		Map<Long, Village> byKey = keys.isEmpty() ? Map.of() : this.geo.villagesByKeys(keys);
		return Batching.mapEach(households, (household) -> (household.relocationCommunityKey() != null)
				? byKey.get(household.relocationCommunityKey()) : null);
	}

	@BatchMapping(typeName = "ExitedHousehold")
	Map<ExitedHousehold, List<Training>> training(List<ExitedHousehold> households) {
		Map<Long, List<Training>> byKey = this.followUp
			.trainingOf(households.stream().map(ExitedHousehold::key).toList());
		return Batching.mapEach(households, (household) -> byKey.getOrDefault(household.key(), List.of()));
	}

	@BatchMapping(typeName = "ExitedHousehold")
	Map<ExitedHousehold, List<RelocationSupport>> relocationSupport(List<ExitedHousehold> households) {
		Map<Long, List<RelocationSupport>> byKey = this.followUp
			.supportOf(households.stream().map(ExitedHousehold::key).toList());
		return Batching.mapEach(households, (household) -> byKey.getOrDefault(household.key(), List.of()));
	}

	@BatchMapping(typeName = "ExitedHousehold")
	Map<ExitedHousehold, List<PublicWelfareJob>> publicWelfareJobs(List<ExitedHousehold> households) {
		Map<Long, List<PublicWelfareJob>> byKey = this.followUp
			.jobsOf(households.stream().map(ExitedHousehold::key).toList());
		return Batching.mapEach(households, (household) -> byKey.getOrDefault(household.key(), List.of()));
	}

	@BatchMapping(typeName = "PublicWelfareJob")
	Map<PublicWelfareJob, @Nullable ExitedHousehold> household(List<PublicWelfareJob> jobs) {
		Map<Long, ExitedHousehold> byKey = this.population
			.householdsByKeys(jobs.stream().map(PublicWelfareJob::householdKey).distinct().toList());
		return Batching.mapEach(jobs, (job) -> byKey.get(job.householdKey()));
	}

	@BatchMapping(typeName = "PublicWelfareJob")
	Map<PublicWelfareJob, Village> village(List<PublicWelfareJob> jobs) {
		Map<Long, Village> byKey = this.geo
			.villagesByKeys(jobs.stream().map(PublicWelfareJob::villageKey).distinct().toList());
		return Batching.mapEach(jobs, (job) -> byKey.get(job.villageKey()));
	}

	/**
	 * Lets {@code node(id)} find public-welfare jobs.
	 */
	@Configuration(proxyBeanMethods = false)
	static class Nodes {

		@Bean
		NodeLoader publicWelfareJobNodes(FollowUpService followUp) {
			return NodeLoader.numeric(PublicWelfareJob.TYPE, followUp::jobsByKeys);
		}

	}

}
