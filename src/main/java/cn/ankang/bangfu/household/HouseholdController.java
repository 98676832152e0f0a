package cn.ankang.bangfu.household;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingFieldSelectionSet;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.cadre.CadreService;
import cn.ankang.bangfu.cadre.ResidentCadre;
import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.geo.Village;
import cn.ankang.bangfu.security.AuditTrail;
import cn.ankang.bangfu.shared.Batching;
import cn.ankang.bangfu.shared.ChildPages;
import cn.ankang.bangfu.shared.Connection;
import cn.ankang.bangfu.shared.GlobalId;
import cn.ankang.bangfu.shared.Masking;
import cn.ankang.bangfu.shared.NodeLoader;
import cn.ankang.bangfu.shared.PageRequest;

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

	HouseholdController(HouseholdService households, GeoService geo, CadreService cadres, HouseholdUpdater updater,
			BatchLoaderRegistry registry) {
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
		Map<Long, List<HouseholdMember>> byHousehold = this.households.membersOf(keys(households));
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

	@SchemaMapping(typeName = "Household")
	String headIdNumber(Household household, GraphQLContext context) {
		return personal(household, household.headIdNumber(), Masking::idNumber, context);
	}

	@SchemaMapping(typeName = "Household")
	@Nullable String headPhone(Household household, GraphQLContext context) {
		return personal(household, household.headPhone(), Masking::phone, context);
	}

	@SchemaMapping(typeName = "Household")
	List<RiskType> riskTypes(Household household) {
		if (household.personalDataVisible()) {
			return household.riskTypes();
		}
		return household.riskTypes()
			.stream()
			.map((risk) -> risk.isHealthRelated() ? RiskType.HEALTH_WITHHELD : risk)
			.distinct()
			.toList();
	}

	@SchemaMapping(typeName = "HouseholdMember")
	@Nullable String idNumber(HouseholdMember member, GraphQLContext context) {
		if (member.idNumber() == null || member.personalDataVisible()) {
			if (member.idNumber() != null) {
				AuditTrail.of(context).personalRead(GlobalId.of(Household.TYPE, member.householdKey()));
			}
			return member.idNumber();
		}
		return Masking.idNumber(member.idNumber());
	}

	@SchemaMapping(typeName = "Village")
	CompletableFuture<Connection<Household>> households(Village village, @Argument @Nullable Integer first,
			@Argument @Nullable String after, @Argument Household.@Nullable Status status,
			DataFetchingFieldSelectionSet selection,
			DataLoader<Batching.Key<HouseholdService.VillageHouseholds>, Connection<Household>> villageHouseholds) {
		return villageHouseholds.load(new Batching.Key<>(village.key(),
				new HouseholdService.VillageHouseholds(ChildPages.Request.of(first, after, selection), status)));
	}

	/**
	 * The value unmasked for those responsible for the household, and the read audited;
	 * masked for others.
	 */
	private static @Nullable String personal(Household household, @Nullable String value,
			java.util.function.Function<@Nullable String, @Nullable String> mask, GraphQLContext context) {
		if (!household.personalDataVisible()) {
			return mask.apply(value);
		}
		if (value != null) {
			AuditTrail.of(context).personalRead(household.id());
		}
		return value;
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
