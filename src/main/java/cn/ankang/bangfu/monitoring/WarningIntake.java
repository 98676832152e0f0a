package cn.ankang.bangfu.monitoring;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.security.jurisdiction.Scope;

import org.springframework.stereotype.Service;

/**
 * Where departments' warnings, once matched to households, enter the case workflow: the
 * cases they open, the verification tasks they set, and the cases they join.
 */
@Service
class WarningIntake {

	private final CaseRepository cases;

	private final CaseHouseholdRepository households;

	private final TaskRepository tasks;

	private final WarningRepository warnings;

	private final Jurisdiction jurisdiction;

	private final MonitoringProperties properties;

	private final Clock clock;

	WarningIntake(CaseRepository cases, CaseHouseholdRepository households, TaskRepository tasks,
			WarningRepository warnings, Jurisdiction jurisdiction, MonitoringProperties properties, Clock clock) {
		this.cases = cases;
		this.households = households;
		this.tasks = tasks;
		this.warnings = warnings;
		this.jurisdiction = jurisdiction;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * What new warnings about households set off, for a whole batch in a few statements:
	 * a case opened for a household with none open (its risk eliminated, or never
	 * monitored here), with its verification task; a verification task when the household
	 * is monitored already (unless one is open); nothing more when its case still waits
	 * for verification, review or confirmation. The warnings join the case either way.
	 * @param incoming one entry per household
	 */
	Received receive(List<Incoming> incoming, CurrentUser user, Role role) {
		if (incoming.isEmpty()) {
			return new Received(0, Map.of());
		}
		Scope scope = this.jurisdiction.current();
		LocalDate today = today();
		List<Long> households = incoming.stream().map((in) -> in.area().household()).toList();
		this.households.lockHouseholds(households);
		Map<Long, MonitoringCase> open = this.cases.openCasesOf(households, scope);
		List<CaseRepository.Opening> openings = new ArrayList<>();
		for (Incoming in : incoming) {
			if (!open.containsKey(in.area().household())) {
				openings.add(new CaseRepository.Opening(in.area().household(), in.area().village(),
						String.join(",",
								in.kinds().stream().map((kind) -> kind.risk().name()).distinct().sorted().toList()),
						"部门预警：" + in.source()));
			}
		}
		Map<Long, Long> opened = this.cases.openOnWarnings(openings, today, user.userKey(), role.name());
		java.util.Set<Long> verifying = this.tasks.withOpen(households, Task.Kind.VERIFY_WARNING);
		Map<Long, Long> caseOfWarning = new LinkedHashMap<>();
		List<TaskRepository.NewTask> newTasks = new ArrayList<>();
		for (Incoming in : incoming) {
			long household = in.area().household();
			Long caseKey = opened.get(household);
			Task.Kind kind = Task.Kind.VERIFY_AT_HOME;
			if (caseKey == null) {
				MonitoringCase c = open.get(household);
				caseKey = c.key();
				kind = (c.state().isIncluded() && !verifying.contains(household)) ? Task.Kind.VERIFY_WARNING : null;
			}
			for (Long warning : in.warningKeys()) {
				caseOfWarning.put(warning, caseKey);
			}
			if (kind != null) {
				newTasks.add(new TaskRepository.NewTask(kind, Task.Assignee.CADRE, caseKey, in.warningKeys().get(0),
						household, in.area().village(), null, null, today.plusDays(this.properties.daysFor(kind))));
			}
		}
		this.warnings.attachAll(caseOfWarning);
		return new Received(opened.size(), this.tasks.createAll(newTasks));
	}

	/**
	 * New warnings about one household.
	 *
	 * @param area where the household is
	 * @param warningKeys the warnings
	 * @param kinds what they are about
	 * @param source the department of the first
	 */
	record Incoming(CaseHouseholdRepository.Area area, List<Long> warningKeys, List<RiskWarning.Kind> kinds,
			String source) {
	}

	/**
	 * What warnings set off.
	 *
	 * @param casesOpened how many cases were opened
	 * @param tasks the tasks created, by household
	 */
	record Received(int casesOpened, Map<Long, Long> tasks) {
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

}
