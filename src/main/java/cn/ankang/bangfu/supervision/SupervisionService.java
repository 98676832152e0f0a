package cn.ankang.bangfu.supervision;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.shared.relay.Connection;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.relay.PageRequest;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads supervision rounds, what they covered, and the problems they found within the
 * asker's jurisdiction.
 */
@Service
@Transactional(readOnly = true)
public class SupervisionService {

	private final SupervisionRepository repository;

	private final Jurisdiction jurisdiction;

	private final Clock clock;

	SupervisionService(SupervisionRepository repository, Jurisdiction jurisdiction, Clock clock) {
		this.repository = repository;
		this.jurisdiction = jurisdiction;
		this.clock = clock;
	}

	/** A page of rounds, oldest first. */
	Connection<SupervisionRound> rounds(RoundFilter filter, PageRequest page, boolean countTotal) {
		List<SupervisionRound> rows = this.repository.rounds(this.jurisdiction.forQueries(), filter, page);
		int total = countTotal ? this.repository.countRounds(this.jurisdiction.forQueries(), filter) : 0;
		return Connection.of(rows, page, (round) -> PageRequest.cursor(SupervisionRepository.ROUND_LIST, round.key()),
				total);
	}

	/**
	 * A page of the problems within the asker's jurisdiction, oldest first.
	 * @throws cn.ankang.bangfu.shared.errors.ApiException {@code INVALID_ID} when the
	 * round id is not a round's
	 */
	Connection<SupervisionProblem> problems(ProblemFilter filter, PageRequest page, boolean countTotal) {
		Long roundKey = (filter.roundId() != null) ? GlobalId.decodeNumeric(filter.roundId(), "SupervisionRound")
				: null;
		LocalDate today = today();
		List<SupervisionProblem> rows = this.repository.problems(this.jurisdiction.forQueries(), filter, roundKey,
				today, page);
		int total = countTotal ? this.repository.countProblems(this.jurisdiction.forQueries(), filter, roundKey, today)
				: 0;
		return Connection.of(rows, page,
				(problem) -> PageRequest.cursor(SupervisionRepository.PROBLEM_LIST, problem.key()), total);
	}

	Map<Long, SupervisionRound> roundsByKeys(Collection<Long> keys) {
		return this.repository.roundsByKeys(keys)
			.stream()
			.collect(Collectors.toMap(SupervisionRound::key, Function.identity()));
	}

	/** The problems of these keys that the asker may see, by key. */
	public Map<Long, SupervisionProblem> problemsByKeys(Collection<Long> keys) {
		return this.repository.problemsByKeys(this.jurisdiction.forQueries(), keys)
			.stream()
			.collect(Collectors.toMap(SupervisionProblem::key, Function.identity()));
	}

	/**
	 * What each round covered that the asker may see, by round key; every round asked for
	 * has an entry.
	 */
	Map<Long, Covered> coverageOf(Collection<Long> roundKeys) {
		Map<Long, List<SupervisionRepository.Coverage>> byRound = this.repository
			.coverageOf(this.jurisdiction.forQueries(), roundKeys)
			.stream()
			.collect(Collectors.groupingBy(SupervisionRepository.Coverage::roundKey));
		Map<Long, Covered> result = new LinkedHashMap<>();
		for (Long round : roundKeys) {
			result.put(round, Covered.of(byRound.getOrDefault(round, List.of())));
		}
		return result;
	}

	LocalDate today() {
		return LocalDate.now(this.clock);
	}

	/**
	 * What a round covered: distinct counties, towns and villages (a town covered through
	 * one of its villages is covered), zones and departments, in the order recorded.
	 */
	record Covered(List<Long> countyKeys, List<Long> townKeys, List<Long> villageKeys, List<String> zones,
			List<String> departments) {

		static Covered of(List<SupervisionRepository.Coverage> rows) {
			Set<Long> counties = new LinkedHashSet<>();
			Set<Long> towns = new LinkedHashSet<>();
			Set<Long> villages = new LinkedHashSet<>();
			List<String> zones = new ArrayList<>();
			List<String> departments = new ArrayList<>();
			for (SupervisionRepository.Coverage row : rows) {
				if (row.countyKey() != null) {
					counties.add(row.countyKey());
				}
				if (row.townKey() != null) {
					towns.add(row.townKey());
				}
				if (row.villageKey() != null) {
					villages.add(row.villageKey());
				}
				if (row.zone() != null) {
					zones.add(row.zone());
				}
				if (row.department() != null) {
					departments.add(row.department());
				}
			}
			return new Covered(List.copyOf(counties), List.copyOf(towns), List.copyOf(villages), List.copyOf(zones),
					List.copyOf(departments));
		}

	}

}
