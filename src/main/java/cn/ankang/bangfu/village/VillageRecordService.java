package cn.ankang.bangfu.village;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads villages' own records, in batches of villages: one statement per field and
 * request level. What the user may not see the database leaves out (row-level security).
 */
@Service
@Transactional(readOnly = true)
class VillageRecordService {

	private final VillageRecordRepository repository;

	VillageRecordService(VillageRecordRepository repository) {
		this.repository = repository;
	}

	/** Each village's incomes, newest year first. */
	Map<Long, List<VillageCollectiveIncome>> incomesOfVillages(Collection<Long> villageKeys) {
		return this.repository.incomesOfVillages(villageKeys)
			.stream()
			.collect(Collectors.groupingBy(VillageCollectiveIncome::villageKey));
	}

	/** Each village's income of the year, where recorded. */
	Map<Long, VillageCollectiveIncome> incomesIn(List<Long> villageKeys, Integer year) {
		return this.repository.incomesOfVillagesIn(villageKeys, year)
			.stream()
			.collect(Collectors.toMap(VillageCollectiveIncome::villageKey, Function.identity()));
	}

	/** Each village's adviser postings, oldest first. */
	Map<Long, List<LegalAdviserPosting>> advisersOfVillages(Collection<Long> villageKeys) {
		return this.repository.advisersOfVillages(villageKeys)
			.stream()
			.collect(Collectors.groupingBy(LegalAdviserPosting::villageKey));
	}

	/** Each village's plans, newest first. */
	Map<Long, List<VillagePlan>> plansOfVillages(Collection<Long> villageKeys) {
		return this.repository.plansOfVillages(villageKeys)
			.stream()
			.collect(Collectors.groupingBy(VillagePlan::villageKey));
	}

	/** The relocation communities among the villages, by key. */
	Map<Long, RelocationCommunity> relocationsOfVillages(Collection<Long> villageKeys) {
		return this.repository.relocationsOfVillages(villageKeys)
			.stream()
			.collect(Collectors.toMap(RelocationCommunity::villageKey, Function.identity()));
	}

	Map<Long, VillageCollectiveIncome> incomesByKeys(Collection<Long> keys) {
		return this.repository.incomesByKeys(keys)
			.stream()
			.collect(Collectors.toMap(VillageCollectiveIncome::key, Function.identity()));
	}

	Map<Long, LegalAdviserPosting> advisersByKeys(Collection<Long> keys) {
		return this.repository.advisersByKeys(keys)
			.stream()
			.collect(Collectors.toMap(LegalAdviserPosting::key, Function.identity()));
	}

	Map<Long, VillagePlan> plansByKeys(Collection<Long> keys) {
		return this.repository.plansByKeys(keys)
			.stream()
			.collect(Collectors.toMap(VillagePlan::key, Function.identity()));
	}

}
