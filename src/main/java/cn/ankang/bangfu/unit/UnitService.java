package cn.ankang.bangfu.unit;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.relay.Connection;
import cn.ankang.bangfu.shared.relay.PageRequest;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads assistance units and their pairings.
 */
@Service
@Transactional(readOnly = true)
public class UnitService {

	private final UnitRepository repository;

	UnitService(UnitRepository repository) {
		this.repository = repository;
	}

	/**
	 * A page of units, ordered by id.
	 * @param countTotal whether to count all matches, which costs a second statement
	 */
	Connection<AssistanceUnit> units(AssistanceUnitFilter filter, PageRequest page, boolean countTotal) {
		List<AssistanceUnit> rows = this.repository.units(filter, page);
		int total = countTotal ? this.repository.countUnits(filter) : 0;
		return Connection.of(rows, page, (unit) -> PageRequest.cursor(UnitRepository.UNIT_LIST, unit.key()), total);
	}

	/** The units with these keys, by key. */
	/**
	 * The keys of the units with these names, by name (a unit's name is unique): how
	 * files name the units they refer to.
	 */
	public Map<String, Long> keysByNames(Collection<String> names) {
		return this.repository.keysByNames(names);
	}

	public Map<Long, AssistanceUnit> unitsByKeys(Collection<Long> keys) {
		if (keys.isEmpty()) {
			return Map.of();
		}
		return this.repository.unitsByKeys(keys)
			.stream()
			.collect(Collectors.toMap(AssistanceUnit::key, Function.identity()));
	}

	/** The pairings with these keys, by key. */
	Map<Long, UnitPairing> pairingsByKeys(Collection<Long> keys) {
		return this.repository.pairingsByKeys(keys)
			.stream()
			.collect(Collectors.toMap(UnitPairing::key, Function.identity()));
	}

	/** Each unit's pairings, optionally only those in force on a date, oldest first. */
	Map<Long, List<UnitPairing>> pairingsOfUnits(List<Long> unitKeys, @Nullable LocalDate activeOn) {
		return this.repository.pairingsOfUnits(unitKeys, activeOn)
			.stream()
			.collect(Collectors.groupingBy(UnitPairing::unitKey));
	}

	/**
	 * Each village's pairings, optionally only those in force on a date, oldest first.
	 */
	Map<Long, List<UnitPairing>> pairingsOfVillages(List<Long> villageKeys, @Nullable LocalDate activeOn) {
		return this.repository.pairingsOfVillages(villageKeys, activeOn)
			.stream()
			.collect(Collectors.groupingBy(UnitPairing::villageKey));
	}

}
