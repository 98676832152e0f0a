package cn.ankang.bangfu.figure;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.figure.UnvisitedLists.PostedCadre;
import cn.ankang.bangfu.figure.UnvisitedLists.UnvisitedHousehold;
import cn.ankang.bangfu.figure.UnvisitedLists.UnvisitedVillage;
import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.geo.Village;
import cn.ankang.bangfu.household.Household;
import cn.ankang.bangfu.household.HouseholdService;
import cn.ankang.bangfu.shared.relay.Batching;
import cn.ankang.bangfu.shared.relay.PageRequest;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * The lists of who has not been visited ({@code unvisitedHouseholds},
 * {@code unvisitedVillages} in {@code schema/figure.graphqls}). The households come
 * through {@link HouseholdService}, so the household's own fields mask and audit its
 * personal data as everywhere else.
 */
@Controller
class UnvisitedController {

	private final UnvisitedLists lists;

	private final HouseholdService households;

	private final GeoService geo;

	UnvisitedController(UnvisitedLists lists, HouseholdService households, GeoService geo) {
		this.lists = lists;
		this.households = households;
		this.geo = geo;
	}

	@QueryMapping
	UnvisitedLists.Page<UnvisitedHousehold> unvisitedHouseholds(@Argument @Nullable Integer days,
			@Argument @Nullable FigureFilter filter, @Argument @Nullable Integer first,
			@Argument @Nullable String after) {
		return this.lists.households(days, (filter != null) ? filter : FigureFilter.NONE, PageRequest.of(first, after));
	}

	@QueryMapping
	UnvisitedLists.Page<UnvisitedVillage> unvisitedVillages(@Argument @Nullable Integer days,
			@Argument @Nullable FigureFilter filter, @Argument @Nullable Integer first,
			@Argument @Nullable String after) {
		return this.lists.villages(days, (filter != null) ? filter : FigureFilter.NONE, PageRequest.of(first, after));
	}

	/**
	 * The households of a page, in one read. Null for one that left the asker's
	 * jurisdiction between the list's read and this one.
	 */
	@BatchMapping(typeName = "UnvisitedHousehold")
	Map<UnvisitedHousehold, @Nullable Household> household(List<UnvisitedHousehold> rows) {
		Map<Long, Household> byKey = this.households
			.householdsByKeys(rows.stream().map(UnvisitedHousehold::householdKey).toList());
		return Batching.mapEach(rows, (row) -> byKey.get(row.householdKey()));
	}

	@BatchMapping(typeName = "UnvisitedHousehold", field = "cadres")
	Map<UnvisitedHousehold, List<PostedCadre>> householdCadres(List<UnvisitedHousehold> rows) {
		Map<Long, List<PostedCadre>> byVillage = this.lists
			.cadresInPost(rows.stream().map(UnvisitedHousehold::villageKey).distinct().toList());
		return Batching.mapEach(rows, (row) -> byVillage.getOrDefault(row.villageKey(), List.of()));
	}

	@BatchMapping(typeName = "UnvisitedVillage")
	Map<UnvisitedVillage, Village> village(List<UnvisitedVillage> rows) {
		Map<Long, Village> byKey = this.geo.villagesByKeys(rows.stream().map(UnvisitedVillage::villageKey).toList());
		return Batching.mapEach(rows, (row) -> byKey.get(row.villageKey()));
	}

	@BatchMapping(typeName = "UnvisitedVillage", field = "cadres")
	Map<UnvisitedVillage, List<PostedCadre>> villageCadres(List<UnvisitedVillage> rows) {
		Map<Long, List<PostedCadre>> byVillage = this.lists
			.cadresInPost(rows.stream().map(UnvisitedVillage::villageKey).toList());
		return Batching.mapEach(rows, (row) -> byVillage.getOrDefault(row.villageKey(), List.of()));
	}

	@BatchMapping(typeName = "UnvisitedVillage")
	Map<UnvisitedVillage, @Nullable PostedCadre> firstSecretary(List<UnvisitedVillage> rows) {
		Map<Long, List<PostedCadre>> byVillage = this.lists
			.cadresInPost(rows.stream().map(UnvisitedVillage::villageKey).toList());
		return Batching.mapEach(rows,
				(row) -> byVillage.getOrDefault(row.villageKey(), List.of())
					.stream()
					.filter((cadre) -> cadre.role().equals("FIRST_SECRETARY"))
					.findFirst()
					.orElse(null));
	}

}
