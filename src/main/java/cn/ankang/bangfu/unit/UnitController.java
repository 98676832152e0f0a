package cn.ankang.bangfu.unit;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingFieldSelectionSet;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.geo.County;
import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.geo.Village;
import cn.ankang.bangfu.history.History;
import cn.ankang.bangfu.history.Outcome;
import cn.ankang.bangfu.history.RecordChange;
import cn.ankang.bangfu.security.RoleGrant;
import cn.ankang.bangfu.shared.values.ActiveOn;
import cn.ankang.bangfu.shared.relay.Batching;
import cn.ankang.bangfu.shared.relay.Connection;
import cn.ankang.bangfu.shared.relay.PageRequest;
import cn.ankang.bangfu.shared.errors.UserError;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/**
 * The GraphQL fields of assistance units and pairings.
 */
@Controller
class UnitController {

	private final UnitService units;

	private final GeoService geo;

	private final UnitRecords records;

	private final History history;

	UnitController(UnitService units, GeoService geo, UnitRecords records, History history,
			BatchLoaderRegistry registry) {
		this.units = units;
		this.geo = geo;
		this.records = records;
		this.history = history;
		Batching.<ActiveOn, List<UnitPairing>>register(registry, "unitPairings",
				(keys, activeOn) -> units.pairingsOfUnits(keys, activeOn.date()), (activeOn) -> List.of());
		Batching.<ActiveOn, List<UnitPairing>>register(registry, "villagePairings",
				(keys, activeOn) -> units.pairingsOfVillages(keys, activeOn.date()), (activeOn) -> List.of());
	}

	@MutationMapping
	UnitPayload createAssistanceUnit(@Argument UnitRecords.CreateInput input, GraphQLContext context) {
		return UnitPayload.of(this.records.create(input), context);
	}

	@MutationMapping
	UnitPayload updateAssistanceUnit(@Argument UnitRecords.UpdateInput input, GraphQLContext context) {
		return UnitPayload.of(this.records.update(input), context);
	}

	@MutationMapping
	PairingPayload pairUnitWithVillage(@Argument UnitRecords.PairInput input, GraphQLContext context) {
		return PairingPayload.of(this.records.pair(input), context);
	}

	@MutationMapping
	PairingPayload endUnitPairing(@Argument UnitRecords.EndPairingInput input, GraphQLContext context) {
		return PairingPayload.of(this.records.endPairing(input), context);
	}

	@BatchMapping(typeName = "AssistanceUnit")
	Map<AssistanceUnit, List<RecordChange>> history(List<AssistanceUnit> units) {
		return this.history.ofEach(RecordChange.Subject.ASSISTANCE_UNIT, units, AssistanceUnit::key);
	}

	@QueryMapping
	Connection<AssistanceUnit> assistanceUnits(@Argument @Nullable Integer first, @Argument @Nullable String after,
			@Argument @Nullable AssistanceUnitFilter filter, DataFetchingFieldSelectionSet selection) {
		return this.units.units((filter != null) ? filter : AssistanceUnitFilter.NONE, PageRequest.of(first, after),
				selection.contains("totalCount"));
	}

	@BatchMapping(typeName = "AssistanceUnit")
	Map<AssistanceUnit, @Nullable County> county(List<AssistanceUnit> units) {
		Map<Long, County> counties = this.geo
			.countiesByKeys(units.stream().map(AssistanceUnit::countyKey).filter(java.util.Objects::nonNull).toList());
		return Batching.mapEach(units, (unit) -> (unit.countyKey() != null) ? counties.get(unit.countyKey()) : null);
	}

	@SchemaMapping(typeName = "AssistanceUnit")
	CompletableFuture<List<UnitPairing>> pairings(AssistanceUnit unit, @Argument @Nullable LocalDate activeOn,
			DataLoader<Batching.Key<ActiveOn>, List<UnitPairing>> unitPairings) {
		return unitPairings.load(new Batching.Key<>(unit.key(), new ActiveOn(activeOn)));
	}

	@SchemaMapping(typeName = "Village")
	CompletableFuture<List<UnitPairing>> pairings(Village village, @Argument @Nullable LocalDate activeOn,
			DataLoader<Batching.Key<ActiveOn>, List<UnitPairing>> villagePairings) {
		return villagePairings.load(new Batching.Key<>(village.key(), new ActiveOn(activeOn)));
	}

	@BatchMapping(typeName = "RoleGrant", field = "unit")
	Map<RoleGrant, @Nullable AssistanceUnit> grantUnit(List<RoleGrant> grants) {
		Map<Long, AssistanceUnit> byKey = this.units
			.unitsByKeys(grants.stream().map(RoleGrant::unitKey).filter(java.util.Objects::nonNull).toList());
		return Batching.mapEach(grants, (grant) -> (grant.unitKey() != null) ? byKey.get(grant.unitKey()) : null);
	}

	@BatchMapping(typeName = "UnitPairing")
	Map<UnitPairing, AssistanceUnit> unit(List<UnitPairing> pairings) {
		Map<Long, AssistanceUnit> byKey = this.units.unitsByKeys(pairings.stream().map(UnitPairing::unitKey).toList());
		return Batching.mapEach(pairings, (pairing) -> byKey.get(pairing.unitKey()));
	}

	record UnitPayload(@Nullable AssistanceUnit unit, List<UserError> userErrors) {

		static UnitPayload of(Outcome<AssistanceUnit> outcome, GraphQLContext context) {
			outcome.audit(context, AssistanceUnit::id);
			return new UnitPayload(outcome.value(), outcome.userErrors());
		}

	}

	record PairingPayload(@Nullable UnitPairing pairing, List<UserError> userErrors) {

		static PairingPayload of(Outcome<UnitPairing> outcome, GraphQLContext context) {
			outcome.audit(context, UnitPairing::id);
			return new PairingPayload(outcome.value(), outcome.userErrors());
		}

	}

	@BatchMapping(typeName = "UnitPairing")
	Map<UnitPairing, Village> village(List<UnitPairing> pairings) {
		Map<Long, Village> byKey = this.geo.villagesByKeys(pairings.stream().map(UnitPairing::villageKey).toList());
		return Batching.mapEach(pairings, (pairing) -> byKey.get(pairing.villageKey()));
	}

}
