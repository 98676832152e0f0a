package cn.ankang.bangfu.leader;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads leaders and their liaisons.
 */
@Service
@Transactional(readOnly = true)
class LeaderService {

	private final LeaderRepository repository;

	LeaderService(LeaderRepository repository) {
		this.repository = repository;
	}

	/**
	 * Liaisons ordered by county code, optionally of one county and in force on a date.
	 */
	List<LeaderLiaison> liaisons(@Nullable String countyCode, @Nullable LocalDate activeOn) {
		return this.repository.liaisons(countyCode, activeOn);
	}

	Map<Long, LeaderLiaison> liaisonsByKeys(Collection<Long> keys) {
		return this.repository.liaisonsByKeys(keys)
			.stream()
			.collect(Collectors.toMap(LeaderLiaison::key, Function.identity()));
	}

	Map<Long, Leader> leadersByKeys(Collection<Long> keys) {
		return this.repository.leadersByKeys(keys).stream().collect(Collectors.toMap(Leader::key, Function.identity()));
	}

	Map<Long, List<LeaderLiaison>> liaisonsOfLeaders(Collection<Long> leaderKeys) {
		return this.repository.liaisonsOfLeaders(leaderKeys)
			.stream()
			.collect(Collectors.groupingBy(LeaderLiaison::leaderKey));
	}

	Map<Long, List<LeaderLiaison>> liaisonsOfCounties(Collection<Long> countyKeys) {
		return this.repository.liaisonsOfCounties(countyKeys)
			.stream()
			.collect(Collectors.groupingBy(LeaderLiaison::countyKey));
	}

}
