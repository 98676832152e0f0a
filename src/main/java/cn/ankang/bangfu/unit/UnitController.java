package cn.ankang.bangfu.unit;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.geo.County;
import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.geo.Village;
import cn.ankang.bangfu.security.RoleGrant;
import cn.ankang.bangfu.shared.ActiveOn;
import cn.ankang.bangfu.shared.Batching;
import cn.ankang.bangfu.shared.Connection;
import cn.ankang.bangfu.shared.PageRequest;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
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

	UnitController(UnitService units, GeoService geo, BatchLoaderRegistry registry) {
		this.units = units;
		this.geo = geo;
		Batching.<ActiveOn, List<UnitPairing>>register(registry, "unitPairings",
				(keys, activeOn) -> units.pairingsOfUnits(keys, activeOn.date()), (activeOn) -> List.of());
		Batching.<ActiveOn, List<UnitPairing>>register(registry, "villagePairings",
				(keys, activeOn) -> units.pairingsOfVillages(keys, activeOn.date()), (activeOn) -> List.of());
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

	@BatchMapping(typeName = "UnitPairing")
	Map<UnitPairing, Village> village(List<UnitPairing> pairings) {
		Map<Long, Village> byKey = this.geo.villagesByKeys(pairings.stream().map(UnitPairing::villageKey).toList());
		return Batching.mapEach(pairings, (pairing) -> byKey.get(pairing.villageKey()));
	}

}
