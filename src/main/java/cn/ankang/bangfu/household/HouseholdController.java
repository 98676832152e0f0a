package cn.ankang.bangfu.household;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingFieldSelectionSet;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.cadre.CadreService;
import cn.ankang.bangfu.cadre.ResidentCadre;
import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.geo.Village;
import cn.ankang.bangfu.history.History;
import cn.ankang.bangfu.history.Outcome;
import cn.ankang.bangfu.history.RecordChange;
import cn.ankang.bangfu.security.audit.AuditTrail;
import cn.ankang.bangfu.shared.relay.Batching;
import cn.ankang.bangfu.shared.relay.ChildPages;
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
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/**
 * The GraphQL fields of monitored households.
 */
@Controller
class HouseholdController {

	private final HouseholdService households;

	private final GeoService geo;

	private final CadreService cadres;

	private final HouseholdUpdater updater;

	private final MemberRecords members;

	private final IncomeRecords incomes;

	private final MeasureRecords measures;

	private final History history;

	HouseholdController(HouseholdService households, GeoService geo, CadreService cadres, HouseholdUpdater updater,
			MemberRecords members, IncomeRecords incomes, MeasureRecords measures, History history,
			BatchLoaderRegistry registry) {
		this.members = members;
		this.incomes = incomes;
		this.measures = measures;
		this.history = history;
		this.updater = updater;
		this.households = households;
		this.geo = geo;
		this.cadres = cadres;
		Batching.<HouseholdService.VillageHouseholds, Connection<Household>>register(registry, "villageHouseholds",
				households::householdsOfVillages, (arguments) -> arguments.request().empty());
	}

	@MutationMapping
	HouseholdUpdater.Payload updateHousehold(@Argument HouseholdUpdater.Input input, GraphQLContext context) {
		HouseholdUpdater.Payload payload = this.updater.update(input);
		if (payload.userErrors().isEmpty() && payload.household() != null) {
			AuditTrail.of(context).target(payload.household().id());
		}
		return payload;
	}

	@MutationMapping
	MemberPayload addHouseholdMember(@Argument MemberRecords.AddMemberInput input, GraphQLContext context) {
		return MemberPayload.of(this.members.addMember(input), context);
	}

	@MutationMapping
	MemberPayload correctHouseholdMember(@Argument MemberRecords.CorrectMemberInput input, GraphQLContext context) {
		return MemberPayload.of(this.members.correctMember(input), context);
	}

	@MutationMapping
	MemberPayload recordMemberLeaving(@Argument MemberRecords.MemberLeavesInput input, GraphQLContext context) {
		return MemberPayload.of(this.members.memberLeaves(input), context);
	}

	@MutationMapping
	HouseholdPayload recordHouseholdIncome(@Argument IncomeRecords.IncomeInput input, GraphQLContext context) {
		Outcome<Household> outcome = this.incomes.recordIncome(input).audit(context, Household::id);
		return new HouseholdPayload(outcome.value(), outcome.userErrors());
	}

	@MutationMapping
	MeasurePayload startAssistanceMeasure(@Argument MeasureRecords.StartMeasureInput input, GraphQLContext context) {
		return MeasurePayload.of(this.measures.startMeasure(input), context);
	}

	@MutationMapping
	MeasurePayload recordMeasureResult(@Argument MeasureRecords.ResultInput input, GraphQLContext context) {
		return MeasurePayload.of(this.measures.recordResult(input), context);
	}

	@MutationMapping
	MeasurePayload endAssistanceMeasure(@Argument MeasureRecords.EndMeasureInput input, GraphQLContext context) {
		return MeasurePayload.of(this.measures.endMeasure(input), context);
	}

	record MemberPayload(@Nullable HouseholdMember member, @Nullable Household household, List<UserError> userErrors) {

		static MemberPayload of(Outcome<MemberRecords.MemberChange> outcome, GraphQLContext context) {
			outcome.audit(context, (change) -> change.household().id());
			MemberRecords.MemberChange change = outcome.value();
			return new MemberPayload((change != null) ? change.member() : null,
					(change != null) ? change.household() : null, outcome.userErrors());
		}

	}

	record HouseholdPayload(@Nullable Household household, List<UserError> userErrors) {
	}

	record MeasurePayload(@Nullable AssistanceMeasure measure, @Nullable Household household,
			List<UserError> userErrors) {

		static MeasurePayload of(Outcome<MeasureRecords.MeasureChange> outcome, GraphQLContext context) {
			outcome.audit(context, (change) -> change.measure().id());
			MeasureRecords.MeasureChange change = outcome.value();
			return new MeasurePayload((change != null) ? change.measure() : null,
					(change != null) ? change.household() : null, outcome.userErrors());
		}

	}

	@BatchMapping(typeName = "Household")
	Map<Household, List<HouseholdMember>> formerMembers(List<Household> households) {
		Map<Long, List<HouseholdMember>> byHousehold = this.households.membersOf(keys(households), false);
		return Batching.mapEach(households,
				(household) -> byHousehold.getOrDefault(household.key(), List.of())
					.stream()
					.map((member) -> member.seenBy(household.personalDataVisible()))
					.toList());
	}

	/**
	 * The households' histories, for those responsible for them: they hold members' names
	 * and ID numbers, so each one served is a read of personal data on record.
	 */
	@BatchMapping(typeName = "Household")
	Map<Household, List<RecordChange>> history(List<Household> households, GraphQLContext context) {
		List<Long> responsible = households.stream()
			.filter(Household::personalDataVisible)
			.map(Household::key)
			.toList();
		Map<Long, List<RecordChange>> byHousehold = this.history.of(RecordChange.Subject.HOUSEHOLD, responsible);
		AuditTrail trail = AuditTrail.of(context);
		return Batching.mapEach(households, (household) -> {
			List<RecordChange> changes = byHousehold.getOrDefault(household.key(), List.of());
			if (!changes.isEmpty()) {
				trail.personalRead(household.id());
			}
			return changes;
		});
	}

	@QueryMapping
	Connection<Household> households(@Argument @Nullable Integer first, @Argument @Nullable String after,
			@Argument @Nullable HouseholdFilter filter, DataFetchingFieldSelectionSet selection) {
		return this.households.households((filter != null) ? filter : HouseholdFilter.NONE,
				PageRequest.of(first, after), selection.contains("totalCount"));
	}

	@BatchMapping(typeName = "Household")
	Map<Household, Village> village(List<Household> households) {
		Map<Long, Village> byKey = this.geo.villagesByKeys(households.stream().map(Household::villageKey).toList());
		return Batching.mapEach(households, (household) -> byKey.get(household.villageKey()));
	}

	@BatchMapping(typeName = "Household")
	Map<Household, @Nullable ResidentCadre> responsibleCadre(List<Household> households) {
		Map<Long, ResidentCadre> byKey = this.cadres
			.cadresByKeys(households.stream().map(Household::responsibleCadreKey).filter(Objects::nonNull).toList());
		return Batching.mapEach(households, (household) -> (household.responsibleCadreKey() != null)
				? byKey.get(household.responsibleCadreKey()) : null);
	}

	@BatchMapping(typeName = "Household")
	Map<Household, List<HouseholdMember>> members(List<Household> households) {
		Map<Long, List<HouseholdMember>> byHousehold = this.households.membersOf(keys(households), true);
		return Batching.mapEach(households,
				(household) -> byHousehold.getOrDefault(household.key(), List.of())
					.stream()
					.map((member) -> member.seenBy(household.personalDataVisible()))
					.toList());
	}

	@BatchMapping(typeName = "Household")
	Map<Household, List<AnnualIncome>> incomes(List<Household> households) {
		Map<Long, List<AnnualIncome>> byHousehold = this.households.incomesOf(keys(households));
		return Batching.mapEach(households, (household) -> byHousehold.getOrDefault(household.key(), List.of()));
	}

	@BatchMapping(typeName = "Household")
	Map<Household, List<AssistanceMeasure>> measures(List<Household> households) {
		Map<Long, List<AssistanceMeasure>> byHousehold = this.households.measuresOf(keys(households));
		return Batching.mapEach(households, (household) -> byHousehold.getOrDefault(household.key(), List.of()));
	}

	@SchemaMapping(typeName = "Village")
	CompletableFuture<Connection<Household>> households(Village village, @Argument @Nullable Integer first,
			@Argument @Nullable String after, @Argument Household.@Nullable Status status,
			DataFetchingEnvironment field,
			DataLoader<Batching.Key<HouseholdService.VillageHouseholds>, Connection<Household>> villageHouseholds) {
		return villageHouseholds.load(new Batching.Key<>(village.key(),
				new HouseholdService.VillageHouseholds(ChildPages.Request.of(first, after, field), status)));
	}

	private static List<Long> keys(List<Household> households) {
		return households.stream().map(Household::key).toList();
	}

	/**
	 * Lets {@code node(id)} find households and measures.
	 */
	@BatchMapping(typeName = "AssistanceMeasure")
	Map<AssistanceMeasure, @Nullable Household> household(List<AssistanceMeasure> measures) {
		Map<Long, Household> byKey = this.households
			.householdsByKeys(measures.stream().map(AssistanceMeasure::householdKey).distinct().toList());
		return Batching.mapEach(measures, (measure) -> byKey.get(measure.householdKey()));
	}

	@Configuration(proxyBeanMethods = false)
	static class Nodes {

		@Bean
		NodeLoader householdNodes(HouseholdService households) {
			return NodeLoader.numeric(Household.TYPE, households::householdsByKeys);
		}

		@Bean
		NodeLoader assistanceMeasureNodes(HouseholdService households) {
			return NodeLoader.numeric("AssistanceMeasure", households::measuresByKeys);
		}

	}

}
