package cn.ankang.bangfu.cadre;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.shared.relay.Connection;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.relay.PageRequest;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads resident cadres and their postings. "Current" means in force today in the
 * programme's time zone.
 */
@Service
@Transactional(readOnly = true)
public class CadreService {

	private final CadreRepository repository;

	private final Clock clock;

	private final Jurisdiction jurisdiction;

	CadreService(CadreRepository repository, Clock clock, Jurisdiction jurisdiction) {
		this.repository = repository;
		this.clock = clock;
		this.jurisdiction = jurisdiction;
	}

	/**
	 * Of these cadres, the keys of those whose phone the signed-in user may see unmasked.
	 */
	java.util.Set<Long> withVisiblePhones(Collection<Long> cadreKeys) {
		return new java.util.HashSet<>(this.repository.withVisiblePhones(cadreKeys, this.jurisdiction.current()));
	}

	/**
	 * A page of cadres, ordered by id.
	 * @throws cn.ankang.bangfu.shared.errors.ApiException {@code INVALID_ID} when the
	 * unit id is not a unit's
	 */
	Connection<ResidentCadre> cadres(ResidentCadreFilter filter, PageRequest page, boolean countTotal) {
		Long unitKey = (filter.dispatchingUnitId() != null)
				? GlobalId.decodeNumeric(filter.dispatchingUnitId(), "AssistanceUnit") : null;
		List<ResidentCadre> rows = this.repository.cadres(filter, unitKey, page);
		int total = countTotal ? this.repository.countCadres(filter, unitKey) : 0;
		return Connection.of(rows, page, (cadre) -> PageRequest.cursor(CadreRepository.CADRE_LIST, cadre.key()), total);
	}

	/** The cadres with these keys, by key. */
	public Map<Long, ResidentCadre> cadresByKeys(Collection<Long> keys) {
		if (keys.isEmpty()) {
			return Map.of();
		}
		return this.repository.cadresByKeys(keys)
			.stream()
			.collect(Collectors.toMap(ResidentCadre::key, Function.identity()));
	}

	/** The postings with these keys, by key. */
	Map<Long, Posting> postingsByKeys(Collection<Long> keys) {
		return this.repository.postingsByKeys(keys)
			.stream()
			.collect(Collectors.toMap(Posting::key, Function.identity()));
	}

	/** Each cadre's postings, oldest first, optionally only those in force on a date. */
	Map<Long, List<Posting>> postingsOfCadres(Collection<Long> cadreKeys, @Nullable LocalDate activeOn) {
		return this.repository.postingsOfCadres(cadreKeys, activeOn)
			.stream()
			.collect(Collectors.groupingBy(Posting::cadreKey));
	}

	/** Each cadre's posting in force today, for cadres that have one. */
	Map<Long, Posting> currentPostings(Collection<Long> cadreKeys) {
		return this.repository.postingsOfCadres(cadreKeys, today())
			.stream()
			.collect(Collectors.toMap(Posting::cadreKey, Function.identity(), (a, b) -> b));
	}

	/** Each village's cadres in post today, first secretaries first. */
	Map<Long, List<ResidentCadre>> currentCadresOfVillages(Collection<Long> villageKeys) {
		List<Posting> postings = this.repository.postingsInVillages(villageKeys, today());
		if (postings.isEmpty()) {
			return Map.of();
		}
		Map<Long, ResidentCadre> cadres = cadresByKeys(postings.stream().map(Posting::cadreKey).distinct().toList());
		Map<Long, List<ResidentCadre>> result = new LinkedHashMap<>();
		for (Posting posting : postings) {
			result.computeIfAbsent(posting.villageKey(), (key) -> new java.util.ArrayList<>())
				.add(cadres.get(posting.cadreKey()));
		}
		return result;
	}

	/** Each unit's cadres, ordered by id, optionally only those in post on a date. */
	Map<Long, List<ResidentCadre>> cadresOfUnits(Collection<Long> unitKeys, @Nullable LocalDate activeOn) {
		return this.repository.cadresOfUnits(unitKeys, activeOn)
			.stream()
			.collect(Collectors.groupingBy(ResidentCadre::dispatchingUnitKey));
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

}
