package cn.ankang.bangfu.geo;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.jurisdiction.Place;
import cn.ankang.bangfu.shared.relay.ChildPages;
import cn.ankang.bangfu.shared.relay.Connection;
import cn.ankang.bangfu.shared.relay.PageRequest;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads areas. The lookups by key serve other features' batch loaders: one call per
 * request level.
 */
@Service
@Transactional(readOnly = true)
public class GeoService {

	private final GeoRepository repository;

	GeoService(GeoRepository repository) {
		this.repository = repository;
	}

	/** All counties, ordered by code, optionally only those with a designation. */
	public List<County> counties(@Nullable KeyDesignation designation) {
		return this.repository.counties(designation);
	}

	/** The county with this division code, if any. */
	public Optional<County> county(String code) {
		return this.repository.countyByCode(code);
	}

	/** The town with this division code, if any. */
	public Optional<Town> town(String code) {
		return this.repository.townByCode(code);
	}

	/** The village with this division code, if any. */
	public Optional<Village> village(String code) {
		return this.repository.villageByCode(code);
	}

	/** Where the village with this key lies, if there is one. */
	public Optional<Place> placeOfVillage(long key) {
		return this.repository.place("v.id", key);
	}

	/**
	 * An area found by its division code, as files name areas: its key, name, and where
	 * it lies (a village's place has its own key as the village, a county's no town).
	 */
	public record CodedArea(long key, String code, String name, Place place) {
	}

	/**
	 * The villages of these division codes, by code; codes of no village are left out.
	 */
	public Map<String, CodedArea> villagesByCode(Collection<String> codes) {
		return byCode(this.repository.areasByCodes("v", codes));
	}

	/** The towns of these division codes, by code. */
	public Map<String, CodedArea> townsByCode(Collection<String> codes) {
		return byCode(this.repository.areasByCodes("t", codes));
	}

	/** The counties of these division codes, by code. */
	public Map<String, CodedArea> countiesByCode(Collection<String> codes) {
		return byCode(this.repository.areasByCodes("c", codes));
	}

	private static Map<String, CodedArea> byCode(List<CodedArea> areas) {
		Map<String, CodedArea> byCode = new HashMap<>();
		areas.forEach((area) -> byCode.put(area.code(), area));
		return byCode;
	}

	/** Where the town with this key lies, if there is one. */
	public Optional<Place> placeOfTown(long key) {
		return this.repository.place("t.id", key);
	}

	/** Where the county with this key lies, if there is one. */
	public Optional<Place> placeOfCounty(long key) {
		return this.repository.place("c.id", key);
	}

	/**
	 * A page of villages, ordered by code.
	 * @param countTotal whether to count all matches, which costs a second statement
	 */
	public Connection<Village> villages(VillageFilter filter, PageRequest page, boolean countTotal) {
		List<Village> rows = this.repository.villages(filter, page);
		int total = countTotal ? this.repository.countVillages(filter) : 0;
		return Connection.of(rows, page, GeoRepository::cursor, total);
	}

	/**
	 * A page of each town's villages, by town key, in one statement (two with counts).
	 */
	public Map<Long, Connection<Village>> villagesOfTowns(Collection<Long> townKeys, ChildPages.Request request) {
		List<ChildPages.Row<Village>> rows = this.repository.villagesOfTowns(townKeys, request.page());
		Map<Long, Integer> totals = request.countTotal() ? this.repository.countVillagesOfTowns(townKeys) : Map.of();
		return ChildPages.collect(townKeys, rows, totals, request.page(), GeoRepository::cursor);
	}

	/** The cities with these keys, by key. */
	public Map<Long, City> citiesByKeys(Collection<Long> keys) {
		return keys.isEmpty() ? Map.of() : byKey(this.repository.citiesByKeys(keys), City::key);
	}

	/** The counties with these keys, by key. */
	public Map<Long, County> countiesByKeys(Collection<Long> keys) {
		return keys.isEmpty() ? Map.of() : byKey(this.repository.countiesByKeys(keys), County::key);
	}

	/** The towns with these keys, by key. */
	public Map<Long, Town> townsByKeys(Collection<Long> keys) {
		return keys.isEmpty() ? Map.of() : byKey(this.repository.townsByKeys(keys), Town::key);
	}

	/** The villages with these keys, by key. */
	public Map<Long, Village> villagesByKeys(Collection<Long> keys) {
		return keys.isEmpty() ? Map.of() : byKey(this.repository.villagesByKeys(keys), Village::key);
	}

	/** Each city's counties, ordered by code. */
	public Map<Long, List<County>> countiesOfCities(Collection<Long> cityKeys) {
		return this.repository.countiesOfCities(cityKeys).stream().collect(Collectors.groupingBy(County::cityKey));
	}

	/** Each county's towns, ordered by code. */
	public Map<Long, List<Town>> townsOfCounties(Collection<Long> countyKeys) {
		return this.repository.townsOfCounties(countyKeys).stream().collect(Collectors.groupingBy(Town::countyKey));
	}

	private static <T> Map<Long, T> byKey(List<T> items, Function<T, Long> key) {
		return items.stream().collect(Collectors.toMap(key, Function.identity()));
	}

}
