package cn.ankang.bangfu.village;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.GraphQLContext;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.geo.Village;
import cn.ankang.bangfu.history.History;
import cn.ankang.bangfu.history.Outcome;
import cn.ankang.bangfu.history.RecordChange;
import cn.ankang.bangfu.shared.relay.Batching;
import cn.ankang.bangfu.shared.relay.NodeLoader;
import cn.ankang.bangfu.shared.errors.UserError;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/**
 * The GraphQL fields of villages' own records ({@code schema/village.graphqls}).
 */
@Controller
class VillageRecordController {

	private final VillageRecordService villages;

	private final VillageRecords records;

	private final GeoService geo;

	private final History history;

	private final Clock clock;

	VillageRecordController(VillageRecordService villages, VillageRecords records, GeoService geo, History history,
			Clock clock, BatchLoaderRegistry registry) {
		this.villages = villages;
		this.records = records;
		this.geo = geo;
		this.history = history;
		this.clock = clock;
		Batching.<Integer, @Nullable VillageCollectiveIncome>register(registry, "villageIncomeOfYear",
				villages::incomesIn, (year) -> null);
	}

	@MutationMapping
	CollectiveIncomePayload recordVillageCollectiveIncome(@Argument VillageRecords.RecordIncomeInput input,
			GraphQLContext context) {
		Outcome<VillageCollectiveIncome> outcome = this.records.recordIncome(input)
			.audit(context, VillageCollectiveIncome::id);
		return new CollectiveIncomePayload(outcome.value(), outcome.userErrors());
	}

	@MutationMapping
	LegalAdviserPayload postLegalAdviser(@Argument VillageRecords.PostAdviserInput input, GraphQLContext context) {
		Outcome<LegalAdviserPosting> outcome = this.records.postAdviser(input).audit(context, LegalAdviserPosting::id);
		return new LegalAdviserPayload(outcome.value(), outcome.userErrors());
	}

	@MutationMapping
	LegalAdviserPayload endLegalAdviserPosting(@Argument VillageRecords.EndAdviserInput input, GraphQLContext context) {
		Outcome<LegalAdviserPosting> outcome = this.records.endAdviser(input).audit(context, LegalAdviserPosting::id);
		return new LegalAdviserPayload(outcome.value(), outcome.userErrors());
	}

	@MutationMapping
	VillagePlanPayload recordVillagePlan(@Argument VillageRecords.RecordPlanInput input, GraphQLContext context) {
		Outcome<VillagePlan> outcome = this.records.recordPlan(input).audit(context, VillagePlan::id);
		return new VillagePlanPayload(outcome.value(), outcome.userErrors());
	}

	record CollectiveIncomePayload(@Nullable VillageCollectiveIncome collectiveIncome, List<UserError> userErrors) {
	}

	record LegalAdviserPayload(@Nullable LegalAdviserPosting posting, List<UserError> userErrors) {
	}

	record VillagePlanPayload(@Nullable VillagePlan plan, List<UserError> userErrors) {
	}

	// The fields of villages

	@SchemaMapping(typeName = "Village")
	CompletableFuture<@Nullable VillageCollectiveIncome> collectiveIncome(Village village, @Argument int year,
			DataLoader<Batching.Key<Integer>, @Nullable VillageCollectiveIncome> villageIncomeOfYear) {
		return villageIncomeOfYear.load(new Batching.Key<>(village.key(), year));
	}

	@BatchMapping(typeName = "Village")
	Map<Village, List<VillageCollectiveIncome>> collectiveIncomes(List<Village> villages) {
		Map<Long, List<VillageCollectiveIncome>> byVillage = this.villages.incomesOfVillages(keys(villages));
		return Batching.mapEach(villages, (village) -> byVillage.getOrDefault(village.key(), List.of()));
	}

	@BatchMapping(typeName = "Village")
	Map<Village, @Nullable LegalAdviserPosting> legalAdviser(List<Village> villages) {
		LocalDate today = LocalDate.now(this.clock);
		Map<Long, List<LegalAdviserPosting>> byVillage = this.villages.advisersOfVillages(keys(villages));
		return Batching.mapEach(villages,
				(village) -> byVillage.getOrDefault(village.key(), List.of())
					.stream()
					.filter((posting) -> posting.inForceOn(today))
					.findFirst()
					.orElse(null));
	}

	@BatchMapping(typeName = "Village")
	Map<Village, List<LegalAdviserPosting>> legalAdviserPostings(List<Village> villages) {
		Map<Long, List<LegalAdviserPosting>> byVillage = this.villages.advisersOfVillages(keys(villages));
		return Batching.mapEach(villages, (village) -> byVillage.getOrDefault(village.key(), List.of()));
	}

	@BatchMapping(typeName = "Village")
	Map<Village, @Nullable VillagePlan> plan(List<Village> villages) {
		Map<Long, List<VillagePlan>> byVillage = this.villages.plansOfVillages(keys(villages));
		return Batching.mapEach(villages, (village) -> {
			List<VillagePlan> plans = byVillage.getOrDefault(village.key(), List.of());
			return plans.isEmpty() ? null : plans.get(0);
		});
	}

	@BatchMapping(typeName = "Village")
	Map<Village, List<VillagePlan>> plans(List<Village> villages) {
		Map<Long, List<VillagePlan>> byVillage = this.villages.plansOfVillages(keys(villages));
		return Batching.mapEach(villages, (village) -> byVillage.getOrDefault(village.key(), List.of()));
	}

	@BatchMapping(typeName = "Village")
	Map<Village, @Nullable RelocationCommunity> relocation(List<Village> villages) {
		Map<Long, RelocationCommunity> byVillage = this.villages.relocationsOfVillages(keys(villages));
		return Batching.mapEach(villages, (village) -> byVillage.get(village.key()));
	}

	@BatchMapping(typeName = "Village")
	Map<Village, List<RecordChange>> history(List<Village> villages) {
		return this.history.ofEach(RecordChange.Subject.VILLAGE, villages, Village::key);
	}

	// The village each record belongs to

	@BatchMapping(typeName = "VillageCollectiveIncome")
	Map<VillageCollectiveIncome, Village> village(List<VillageCollectiveIncome> incomes) {
		Map<Long, Village> byKey = this.geo
			.villagesByKeys(incomes.stream().map(VillageCollectiveIncome::villageKey).toList());
		return Batching.mapEach(incomes, (income) -> byKey.get(income.villageKey()));
	}

	@BatchMapping(typeName = "LegalAdviserPosting", field = "village")
	Map<LegalAdviserPosting, Village> adviserVillage(List<LegalAdviserPosting> postings) {
		Map<Long, Village> byKey = this.geo
			.villagesByKeys(postings.stream().map(LegalAdviserPosting::villageKey).toList());
		return Batching.mapEach(postings, (posting) -> byKey.get(posting.villageKey()));
	}

	@BatchMapping(typeName = "VillagePlan", field = "village")
	Map<VillagePlan, Village> planVillage(List<VillagePlan> plans) {
		Map<Long, Village> byKey = this.geo.villagesByKeys(plans.stream().map(VillagePlan::villageKey).toList());
		return Batching.mapEach(plans, (plan) -> byKey.get(plan.villageKey()));
	}

	private static List<Long> keys(List<Village> villages) {
		return villages.stream().map(Village::key).toList();
	}

	/**
	 * Lets {@code node(id)} find villages' records.
	 */
	@Configuration(proxyBeanMethods = false)
	static class Nodes {

		@Bean
		NodeLoader villageCollectiveIncomeNodes(VillageRecordService villages) {
			return NodeLoader.numeric("VillageCollectiveIncome", villages::incomesByKeys);
		}

		@Bean
		NodeLoader legalAdviserPostingNodes(VillageRecordService villages) {
			return NodeLoader.numeric("LegalAdviserPosting", villages::advisersByKeys);
		}

		@Bean
		NodeLoader villagePlanNodes(VillageRecordService villages) {
			return NodeLoader.numeric("VillagePlan", villages::plansByKeys);
		}

	}

}
