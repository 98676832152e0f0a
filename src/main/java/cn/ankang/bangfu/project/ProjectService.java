package cn.ankang.bangfu.project;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.relay.ChildPages;
import cn.ankang.bangfu.shared.relay.Connection;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.relay.PageRequest;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads projects, their fund allocations and totals.
 */
@Service
@Transactional(readOnly = true)
class ProjectService {

	private final ProjectRepository repository;

	ProjectService(ProjectRepository repository) {
		this.repository = repository;
	}

	/**
	 * A page of projects, ordered by id.
	 * @throws cn.ankang.bangfu.shared.errors.ApiException {@code INVALID_ID} when the
	 * unit id is not a unit's
	 */
	Connection<Project> projects(ProjectFilter filter, PageRequest page, boolean countTotal) {
		Long unitKey = (filter.implementingUnitId() != null)
				? GlobalId.decodeNumeric(filter.implementingUnitId(), "AssistanceUnit") : null;
		List<Project> rows = this.repository.projects(filter, unitKey, page);
		int total = countTotal ? this.repository.countProjects(filter, unitKey) : 0;
		return Connection.of(rows, page, ProjectService::cursor, total);
	}

	Map<Long, Project> projectsByKeys(Collection<Long> keys) {
		return this.repository.projectsByKeys(keys)
			.stream()
			.collect(Collectors.toMap(Project::key, Function.identity()));
	}

	/** A page of each village's projects, in one statement (two with counts). */
	Map<Long, Connection<Project>> projectsOfVillages(List<Long> villageKeys, ChildPages.Request request) {
		return projectsOf("village_id", villageKeys, request);
	}

	/** A page of each unit's projects, in one statement (two with counts). */
	Map<Long, Connection<Project>> projectsOfUnits(List<Long> unitKeys, ChildPages.Request request) {
		return projectsOf("implementing_unit_id", unitKeys, request);
	}

	private Map<Long, Connection<Project>> projectsOf(String parentColumn, List<Long> parentKeys,
			ChildPages.Request request) {
		List<ChildPages.Row<Project>> rows = this.repository.projectsOf(parentColumn, parentKeys, request.page());
		Map<Long, Integer> totals = request.countTotal() ? this.repository.countProjectsOf(parentColumn, parentKeys)
				: Map.of();
		return ChildPages.collect(parentKeys, rows, totals, request.page(), ProjectService::cursor);
	}

	/** Each project's allocations, in the order of the sources. */
	Map<Long, List<FundAllocation>> allocationsOf(Collection<Long> projectKeys) {
		return this.repository.allocationsOf(projectKeys)
			.stream()
			.collect(Collectors.groupingBy(FundAllocation::projectKey));
	}

	/** Each county's totals; counties without projects get zeros. */
	Map<Long, ProjectTotals> totalsOfCounties(List<Long> countyKeys, TotalsArguments arguments) {
		return this.repository.totalsOfCounties(countyKeys, arguments.year(), arguments.fundSource());
	}

	private static String cursor(Project project) {
		return PageRequest.cursor(ProjectRepository.PROJECT_LIST, project.key());
	}

	/**
	 * The arguments of {@code projectTotals}.
	 *
	 * @param year only projects of this year
	 * @param fundSource only money of this source
	 */
	record TotalsArguments(@Nullable Integer year, FundAllocation.@Nullable Source fundSource) {
	}

	/** Each project's steps, oldest first. */
	Map<Long, List<ProjectStep>> stepsOf(Collection<Long> projectKeys) {
		return this.repository.stepsOf(projectKeys).stream().collect(Collectors.groupingBy(ProjectStep::projectKey));
	}

	/** Each project's spending, oldest first. */
	Map<Long, List<ProjectSpending>> spendingOf(Collection<Long> projectKeys) {
		return this.repository.spendingOf(projectKeys)
			.stream()
			.collect(Collectors.groupingBy(ProjectSpending::projectKey));
	}

	/** Each project's assets, in the order recorded. */
	Map<Long, List<ProjectAsset>> assetsOf(Collection<Long> projectKeys) {
		return this.repository.assetsOf(projectKeys).stream().collect(Collectors.groupingBy(ProjectAsset::projectKey));
	}

	/**
	 * Each project's linked households that the user may see (row-level security keeps
	 * the others out), as household keys.
	 */
	Map<Long, List<Long>> beneficiariesOf(Collection<Long> projectKeys) {
		return this.repository.beneficiariesOf(projectKeys)
			.stream()
			.collect(Collectors.groupingBy((link) -> link[0],
					Collectors.mapping((link) -> link[1], Collectors.toList())));
	}

	Map<Long, ProjectSpending> spendingByKeys(Collection<Long> keys) {
		return this.repository.spendingByKeys(keys)
			.stream()
			.collect(Collectors.toMap(ProjectSpending::key, Function.identity()));
	}

	Map<Long, ProjectAsset> assetsByKeys(Collection<Long> keys) {
		return this.repository.assetsByKeys(keys)
			.stream()
			.collect(Collectors.toMap(ProjectAsset::key, Function.identity()));
	}

}
