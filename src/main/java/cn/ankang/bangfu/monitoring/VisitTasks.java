package cn.ankang.bangfu.monitoring;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.ankang.bangfu.shared.values.Digests;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.values.Labels;
import cn.ankang.bangfu.visit.VisitEvents;

import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A visit completes the warning's verification it was made for (核实任务), so the cadre does
 * not record the same visit twice: the task the visit names, or, when it names none, the
 * household's only open one. Once: the visit is stored once, and a resend sets nothing
 * off. In a savepoint of the visit's transaction: a task already done, or one of another
 * household, is left as it is, and nothing here ever costs the visit.
 */
@Component
class VisitTasks {

	private static final Logger log = LoggerFactory.getLogger(VisitTasks.class);

	private final TaskRepository tasks;

	private final TransactionTemplate savepoint;

	VisitTasks(TaskRepository tasks, PlatformTransactionManager transactions) {
		this.tasks = tasks;
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	@EventListener
	void logged(VisitEvents.LoggedTogether logged) {
		List<VisitEvents.Logged> visits = logged.visits()
			.stream()
			.filter((visit) -> visit.householdKey() != null)
			.toList();
		// the only open task of each household a visit names none for, read for the
		// whole queue at once: most households have none, and their visits cost nothing
		// more
		Set<Long> unnamed = visits.stream()
			.filter((visit) -> visit.taskId() == null)
			.map(VisitEvents.Logged::householdKey)
			.collect(Collectors.toSet());
		Map<Long, Long> only = new HashMap<>();
		if (!unnamed.isEmpty()) {
			try {
				only.putAll(this.savepoint.execute((status) -> this.tasks.onlyOpenVisitTasks(unnamed)));
			}
			catch (DataAccessException ex) {
				log.warn("The visits could not look for their tasks; the visits are kept: {}", ex.getMessage());
			}
		}
		for (VisitEvents.Logged visit : visits) {
			Long household = visit.householdKey();
			Long candidate = (visit.taskId() == null) ? only.remove(household) : null;
			if (visit.taskId() == null && candidate == null) {
				continue;
			}
			try {
				this.savepoint.executeWithoutResult((status) -> {
					// still open: another visit of the queue may have named and done it
					Optional<Long> task = (visit.taskId() != null)
							? GlobalId.numericKeyOf(visit.taskId(), Task.TYPE)
								.flatMap((key) -> this.tasks.openVisitTask(key, household))
							: this.tasks.openVisitTask(candidate, household);
					task.ifPresent((key) -> this.tasks.complete(key, visit.visitKey(), visit.userKey(),
							Labels.of("taskCompletion", "VISIT"), List.of(visit.visitKey()),
							Digests.sha256("VISIT|" + visit.visitKey())));
				});
			}
			catch (DataAccessException ex) {
				log.warn("A visit could not complete its task; the visit is kept: {}", ex.getMessage());
			}
		}
	}

}
