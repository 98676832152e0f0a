package cn.ankang.bangfu.geo;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.RoleGrant;
import cn.ankang.bangfu.shared.relay.Batching;
import cn.ankang.bangfu.shared.relay.ChildPages;
import cn.ankang.bangfu.shared.relay.Connection;
import cn.ankang.bangfu.shared.relay.PageRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Controller;

/**
 * The GraphQL fields of areas.
 */
@Controller
class GeoController {

	private final GeoService geo;

	GeoController(GeoService geo, BatchLoaderRegistry registry) {
		this.geo = geo;
		Batching.register(registry, "townVillages", geo::villagesOfTowns, ChildPages.Request::empty);
	}

	@QueryMapping
	List<County> counties(@Argument @Nullable KeyDesignation keyDesignation) {
		return this.geo.counties(keyDesignation);
	}

	@QueryMapping
	@Nullable County county(@Argument String code) {
		return this.geo.county(code).orElse(null);
	}

	@QueryMapping
	@Nullable Town town(@Argument String code) {
		return this.geo.town(code).orElse(null);
	}

	@QueryMapping
	@Nullable Village village(@Argument String code) {
		return this.geo.village(code).orElse(null);
	}

	@QueryMapping
	Connection<Village> villages(@Argument @Nullable Integer first, @Argument @Nullable String after,
			@Argument @Nullable VillageFilter filter, DataFetchingFieldSelectionSet selection) {
		return this.geo.villages((filter != null) ? filter : VillageFilter.NONE, PageRequest.of(first, after),
				selection.contains("totalCount"));
	}

	@BatchMapping(typeName = "City")
	Map<City, List<County>> counties(List<City> cities) {
		Map<Long, List<County>> byCity = this.geo.countiesOfCities(cities.stream().map(City::key).toList());
		return Batching.mapEach(cities, (city) -> byCity.getOrDefault(city.key(), List.of()));
	}

	@BatchMapping(typeName = "County")
	Map<County, City> city(List<County> counties) {
		Map<Long, City> cities = this.geo.citiesByKeys(counties.stream().map(County::cityKey).toList());
		return Batching.mapEach(counties, (county) -> cities.get(county.cityKey()));
	}

	@BatchMapping(typeName = "County")
	Map<County, List<Town>> towns(List<County> counties) {
		Map<Long, List<Town>> byCounty = this.geo.townsOfCounties(counties.stream().map(County::key).toList());
		return Batching.mapEach(counties, (county) -> byCounty.getOrDefault(county.key(), List.of()));
	}

	@BatchMapping(typeName = "Town")
	Map<Town, County> county(List<Town> towns) {
		Map<Long, County> counties = this.geo.countiesByKeys(towns.stream().map(Town::countyKey).toList());
		return Batching.mapEach(towns, (town) -> counties.get(town.countyKey()));
	}

	@BatchMapping(typeName = "RoleGrant", field = "city")
	Map<RoleGrant, @Nullable City> grantCity(List<RoleGrant> grants) {
		Map<Long, City> byKey = this.geo
			.citiesByKeys(grants.stream().map(RoleGrant::cityKey).filter(Objects::nonNull).toList());
		return Batching.mapEach(grants, (grant) -> (grant.cityKey() != null) ? byKey.get(grant.cityKey()) : null);
	}

	@BatchMapping(typeName = "RoleGrant", field = "county")
	Map<RoleGrant, @Nullable County> grantCounty(List<RoleGrant> grants) {
		Map<Long, County> byKey = this.geo
			.countiesByKeys(grants.stream().map(RoleGrant::countyKey).filter(Objects::nonNull).toList());
		return Batching.mapEach(grants, (grant) -> (grant.countyKey() != null) ? byKey.get(grant.countyKey()) : null);
	}

	@BatchMapping(typeName = "RoleGrant", field = "town")
	Map<RoleGrant, @Nullable Town> grantTown(List<RoleGrant> grants) {
		Map<Long, Town> byKey = this.geo
			.townsByKeys(grants.stream().map(RoleGrant::townKey).filter(Objects::nonNull).toList());
		return Batching.mapEach(grants, (grant) -> (grant.townKey() != null) ? byKey.get(grant.townKey()) : null);
	}

	@BatchMapping(typeName = "Village")
	Map<Village, Town> town(List<Village> villages) {
		Map<Long, Town> towns = this.geo.townsByKeys(villages.stream().map(Village::townKey).toList());
		return Batching.mapEach(villages, (village) -> towns.get(village.townKey()));
	}

	/** A town's villages, a page per town ({@link ChildPages#field}). */
	@Bean
	static RuntimeWiringConfigurer villagesOfTowns() {
		return (wiring) -> wiring.type("Town",
				(type) -> type.dataFetcher("villages", ChildPages.field("townVillages", Town::key)));
	}

}
