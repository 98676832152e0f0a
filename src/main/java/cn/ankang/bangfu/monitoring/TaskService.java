package cn.ankang.bangfu.monitoring;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.security.RoleGrant;
import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.relay.Connection;
import cn.ankang.bangfu.shared.values.ClientId;
import cn.ankang.bangfu.shared.values.Digests;
import cn.ankang.bangfu.shared.values.Inputs;
import cn.ankang.bangfu.shared.values.Resends;
import cn.ankang.bangfu.shared.values.Text;
import cn.ankang.bangfu.shared.values.Uuid;
import cn.ankang.bangfu.shared.relay.PageRequest;
import cn.ankang.bangfu.shared.errors.UserError;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tasks: each user's queue with what is overdue one level below, the areas' queues, and
 * the completion of tasks that no case step completes.
 */
@Service
class TaskService {

	private final TaskRepository tasks;

	private final TaskListRepository taskLists;

	private final CaseStepRepository caseSteps;

	private final Jurisdiction jurisdiction;

	private final Resends resends;

	private final Inputs inputs;

	TaskService(TaskRepository tasks, TaskListRepository taskLists, CaseStepRepository caseSteps,
			Jurisdiction jurisdiction, Resends resends, Inputs inputs) {
		this.tasks = tasks;
		this.taskLists = taskLists;
		this.caseSteps = caseSteps;
		this.jurisdiction = jurisdiction;
		this.resends = resends;
		this.inputs = inputs;
	}

	@Transactional(readOnly = true)
	Map<Long, Task> tasksByKeys(Collection<Long> keys) {
		return this.taskLists.tasksByKeys(keys, this.jurisdiction.forQueries());
	}

	/**
	 * The signed-in user's open tasks, oldest due first: a cadre's villages' tasks, an
	 * officer's town's or county's, and the overdue ones of the level below.
	 */
	@Transactional(readOnly = true)
	Connection<Task> myTasks(PageRequest page, boolean count) {
		CurrentUser user = Auth.require();
		Scope scope = this.jurisdiction.current();
		List<String> own = new ArrayList<>();
		List<String> below = new ArrayList<>();
		Map<String, Object> params = new HashMap<>();
		if (scope.cadreKey() != null) {
			own.add("(t.assignee_role = 'CADRE' and t.village_id = any(:villages))");
			params.put("villages", this.taskLists.postedVillages(scope.cadreKey(), scope.today()).toArray(Long[]::new));
		}
		Long[] towns = keys(user, Role.TOWN_OFFICER, RoleGrant::townKey);
		if (towns.length > 0) {
			own.add("(t.assignee_role = 'TOWN_OFFICER' and t.town_id = any(:towns))");
			below.add("(t.assignee_role = 'CADRE' and t.town_id = any(:towns))");
			params.put("towns", towns);
		}
		Long[] counties = keys(user, Role.COUNTY_OFFICER, RoleGrant::countyKey);
		if (counties.length > 0) {
			own.add("(t.assignee_role = 'COUNTY_OFFICER' and t.county_id = any(:counties))");
			below.add("(t.assignee_role = 'TOWN_OFFICER' and t.county_id = any(:counties))");
			params.put("counties", counties);
		}
		if (user.has(Role.ADMIN)) {
			own.add("t.assignee_role = 'ADMIN'");
		}
		String ownSql = own.isEmpty() ? "false" : String.join(" or ", own);
		String belowSql = below.isEmpty() ? "false" : String.join(" or ", below);
		List<Task> rows = this.taskLists.queue(ownSql, belowSql, params, scope.today(), page);
		int total = count ? this.taskLists.countQueue(ownSql, belowSql, params, scope.today()) : -1;
		return Connection.of(rows, page, TaskService::cursor, total);
	}

	/** The tasks of areas in the user's jurisdiction, oldest due first. */
	@Transactional(readOnly = true)
	Connection<Task> tasks(TaskFilter filter, PageRequest page, boolean count) {
		Auth.require();
		Scope scope = this.jurisdiction.forQueries();
		List<Task> rows = this.taskLists.tasks(filter, page, scope);
		int total = count ? this.taskLists.countTasks(filter, scope) : -1;
		return Connection.of(rows, page,
				(task) -> PageRequest.cursor(TaskListRepository.TASKS, task.dueOn(), task.key()), total);
	}

	private static String cursor(Task task) {
		return PageRequest.cursor(TaskListRepository.MY_TASKS, task.dueOn(), task.key());
	}

	/**
	 * Completes a warning's verification with what the cadre found, or finds it completed
	 * by an earlier send.
	 * @throws ApiException {@code FORBIDDEN} for users other than the cadres posted in
	 * the task's village
	 */
	@Transactional
	CompletePayload complete(CompleteInput input) {
		CurrentUser user = Auth.require();
		List<UserError> errors = new ArrayList<>(this.inputs.check(input));
		Long key = WorkflowInputs.numericId(input.taskId(), Task.TYPE);
		if (key == null) {
			errors.add(UserError.of("INVALID_INPUT", "'taskId' is not a task's id.", "input", "taskId"));
		}
		WorkflowInputs.eachOnce(input.visitIds(), errors, "visitIds");
		if (!errors.isEmpty()) {
			return new CompletePayload(null, errors);
		}
		UUID completionId = UUID.fromString(input.completionId());
		List<UUID> visits = WorkflowInputs.uuids(input.visitIds());
		Scope scope = this.jurisdiction.current();
		byte[] hash = Digests.sha256("COMPLETE|%s|%s|%s".formatted(input.taskId(), input.note().strip(), visits));
		this.resends.waitForOthers(completionId);
		Optional<TaskRepository.Completed> done = this.tasks.completed(completionId);
		if (done.isPresent()) {
			Task task = this.taskLists.tasksByKeys(List.of(done.get().taskKey()), scope).get(done.get().taskKey());
			return (Resends.judge(true, done.get().hash(), hash) == Resends.Sending.RESEND)
					? new CompletePayload(task, List.of())
					: new CompletePayload(task, List.of(Resends.conflict("completion id", "input", "completionId")));
		}
		Task task = this.taskLists.lock(key, scope).orElse(null);
		if (task == null) {
			return new CompletePayload(null,
					List.of(UserError.of("NOT_FOUND", "There is no such task.", "input", "taskId")));
		}
		if (task.kind() != Task.Kind.VERIFY_WARNING) {
			return new CompletePayload(task, List.of(UserError.of("INVALID_TRANSITION",
					"A %s task is completed by its case step or warning resolution, not here.".formatted(task.kind()),
					"input", "taskId")));
		}
		if (task.status() != Task.Status.OPEN) {
			return new CompletePayload(task, List.of(UserError.of("INVALID_TRANSITION",
					"The task is %s already.".formatted(task.status()), "input", "taskId")));
		}
		boolean posted = task.villageKey() != null
				&& this.taskLists.postedIn(task.villageKey(), user.cadreKey(), scope.today());
		if (Actors.capacity(user, Task.Assignee.CADRE, posted, null, null).isEmpty()) {
			throw ApiException.forbidden("This task is for the resident cadres posted in its village.");
		}
		List<UUID> missing = this.caseSteps.visitsNotOf(visits, task.householdKey());
		if (!missing.isEmpty()) {
			return new CompletePayload(task, List.of(UserError.of("INVALID_INPUT",
					"Each visit named must be one made to the task's household: %s is not.".formatted(missing.get(0)),
					"input", "visitIds")));
		}
		this.tasks.complete(task.key(), completionId, user.userKey(), input.note().strip(), visits, hash);
		return new CompletePayload(this.taskLists.tasksByKeys(List.of(task.key()), scope).get(task.key()), List.of());
	}

	private static Long[] keys(CurrentUser user, Role role, java.util.function.Function<RoleGrant, Long> key) {
		return user.grants().stream().filter((grant) -> grant.role() == role).map(key).toArray(Long[]::new);
	}

	record CompleteInput(@ClientId String completionId, String taskId,
			@Text(min = 2, max = 1000, lines = true) String note,
			@Size(max = WorkflowInputs.MAX_VISITS) @Nullable List<@Uuid String> visitIds) {
	}

	record CompletePayload(@Nullable Task task, List<UserError> userErrors) {
	}

}
