package cn.ankang.bangfu.monitoring;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the GraphQL fields read of cases, batched by key: cases by key and by household,
 * and each case's steps, open tasks and warnings, in the user's jurisdiction.
 */
@Service
class CaseReads {

	private final CaseRepository cases;

	private final CaseStepRepository steps;

	private final TaskListRepository taskLists;

	private final WarningRepository warnings;

	private final Jurisdiction jurisdiction;

	CaseReads(CaseRepository cases, CaseStepRepository steps, TaskListRepository taskLists, WarningRepository warnings,
			Jurisdiction jurisdiction) {
		this.cases = cases;
		this.steps = steps;
		this.taskLists = taskLists;
		this.warnings = warnings;
		this.jurisdiction = jurisdiction;
	}

	@Transactional(readOnly = true)
	Map<Long, MonitoringCase> casesByKeys(Collection<Long> keys) {
		return this.cases.casesByKeys(keys, this.jurisdiction.forQueries());
	}

	/** The cases of the households, by household, for those responsible for them. */
	@Transactional(readOnly = true)
	Map<Long, List<MonitoringCase>> casesOfHouseholds(Collection<Long> households) {
		Map<Long, List<MonitoringCase>> result = new LinkedHashMap<>();
		if (households.isEmpty()) {
			return result;
		}
		for (MonitoringCase c : this.cases.casesOfHouseholds(households, this.jurisdiction.forQueries())) {
			if (c.responsible()) {
				result.computeIfAbsent(c.householdKey(), (k) -> new ArrayList<>()).add(c);
			}
		}
		return result;
	}

	@Transactional(readOnly = true)
	Map<Long, List<CaseStep>> stepsOf(Collection<Long> caseKeys) {
		return this.steps.stepsOf(caseKeys);
	}

	@Transactional(readOnly = true)
	Map<Long, List<Task>> openTasksOf(Collection<Long> caseKeys) {
		Map<Long, List<Task>> result = new LinkedHashMap<>();
		if (!caseKeys.isEmpty()) {
			this.taskLists.openTasksOfCases(caseKeys, this.jurisdiction.forQueries())
				.forEach((task) -> result.computeIfAbsent(task.caseKey(), (k) -> new ArrayList<>()).add(task));
		}
		return result;
	}

	@Transactional(readOnly = true)
	Map<Long, List<RiskWarning>> warningsOf(Collection<Long> caseKeys) {
		Map<Long, List<RiskWarning>> result = new LinkedHashMap<>();
		if (!caseKeys.isEmpty()) {
			this.warnings.warningsOfCases(caseKeys, this.jurisdiction.forQueries())
				.forEach((w) -> result.computeIfAbsent(w.caseKey(), (k) -> new ArrayList<>()).add(w));
		}
		return result;
	}

}
