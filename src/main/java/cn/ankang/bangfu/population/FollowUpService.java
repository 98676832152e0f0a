package cn.ankang.bangfu.population;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.relay.Connection;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.relay.PageRequest;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads registered households' training, public-welfare jobs and relocation support, as
 * the signed-in user may see them.
 */
@Service
@Transactional(readOnly = true)
class FollowUpService {

	private final FollowUpRepository repository;

	private final Jurisdiction jurisdiction;

	FollowUpService(FollowUpRepository repository, Jurisdiction jurisdiction) {
		this.repository = repository;
		this.jurisdiction = jurisdiction;
	}

	/**
	 * A page of public-welfare jobs, ordered by id.
	 * @throws ApiException {@code INVALID_ID} for a household id that is not one
	 */
	Connection<PublicWelfareJob> jobs(PublicWelfareJobFilter filter, PageRequest page, boolean countTotal) {
		JobFilterValues values = new JobFilterValues(filter, (filter.householdId() != null)
				? GlobalId.decodeNumeric(filter.householdId(), ExitedHousehold.TYPE) : null);
		Scope scope = this.jurisdiction.forQueries();
		List<PublicWelfareJob> rows = this.repository.jobs(values, page, scope);
		int total = countTotal ? this.repository.countJobs(values, scope) : 0;
		return Connection.of(rows, page, (job) -> PageRequest.cursor(FollowUpRepository.JOB_LIST, job.key()), total);
	}

	Map<Long, PublicWelfareJob> jobsByKeys(Collection<Long> keys) {
		return keys.isEmpty() ? Map.of()
				: this.repository.jobsByKeys(keys, this.jurisdiction.forQueries())
					.stream()
					.collect(Collectors.toMap(PublicWelfareJob::key, (job) -> job));
	}

	/** The jobs of each household, as the households were read (in scope). */
	Map<Long, List<PublicWelfareJob>> jobsOf(Collection<Long> householdKeys) {
		return this.repository.jobsOf(householdKeys)
			.stream()
			.collect(Collectors.groupingBy(PublicWelfareJob::householdKey));
	}

	/** The training of each household, as the households were read (in scope). */
	Map<Long, List<Training>> trainingOf(Collection<Long> householdKeys) {
		return this.repository.trainingOf(householdKeys)
			.stream()
			.collect(Collectors.groupingBy(Training::householdKey));
	}

	/**
	 * The relocation support of each household, as the households were read (in scope).
	 */
	Map<Long, List<RelocationSupport>> supportOf(Collection<Long> householdKeys) {
		return this.repository.supportOf(householdKeys)
			.stream()
			.collect(Collectors.groupingBy(RelocationSupport::householdKey));
	}

	/**
	 * The conditions of {@code publicWelfareJobs}.
	 *
	 * @param countyCode only this county
	 * @param townCode only this town
	 * @param villageCode only this village
	 * @param householdId only this registered household's
	 * @param kind only jobs of this kind
	 * @param heldOn only jobs held on this day
	 */
	record PublicWelfareJobFilter(@Nullable String countyCode, @Nullable String townCode, @Nullable String villageCode,
			@Nullable String householdId, PublicWelfareJob.@Nullable Kind kind, @Nullable LocalDate heldOn) {

		static final PublicWelfareJobFilter NONE = new PublicWelfareJobFilter(null, null, null, null, null, null);

	}

}
