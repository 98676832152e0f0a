package cn.ankang.bangfu.monitoring;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.relay.PageRequest;
import cn.ankang.bangfu.shared.values.Rows;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of tasks. A task names its village when it has one, and always the town and
 * county it can be placed in, so that queues and escalation read one table.
 */
@Repository
class TaskRepository {

	static final String MY_TASKS = "myTasks";

	static final String TASKS = "tasks";

	private static final RowMapper<Task> TASK = (rs, n) -> new Task(rs.getLong("id"),
			Rows.enumOf(rs, "kind", Task.Kind.class), Rows.enumOf(rs, "assignee_role", Task.Assignee.class),
			Rows.enumOf(rs, "status", Task.Status.class), Rows.longOrNull(rs, "case_id"),
			Rows.longOrNull(rs, "warning_id"), Rows.longOrNull(rs, "household_id"), Rows.longOrNull(rs, "village_id"),
			Rows.date(rs, "due_on"), rs.getString("redo_reason"), Rows.timestamp(rs, "created_at"),
			(rs.getObject("closed_at") != null) ? Rows.timestamp(rs, "closed_at") : null, rs.getBoolean("overdue"),
			rs.getBoolean("escalated"), Rows.longOrNull(rs, "measure_id"),
			Rows.longOrNull(rs, "supervision_problem_id"));

	private final JdbcClient jdbc;

	TaskRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private static String inScope(Scope scope) {
		return scope.placePredicate("t.village_id", "t.town_id", "t.county_id");
	}

	/**
	 * Creates a task; the town and county come from the village when there is one.
	 * @return the new task's key
	 */
	long create(Task.Kind kind, Task.Assignee assignee, @Nullable Long caseKey, @Nullable Long warningKey,
			@Nullable Long householdKey, @Nullable Long villageKey, @Nullable Long townKey, @Nullable Long countyKey,
			LocalDate dueOn, @Nullable String redoReason) {
		return this.jdbc
			.sql("""
					insert into task (kind, assignee_role, case_id, warning_id, household_id, village_id, town_id, county_id,
					                  due_on, redo_reason)
					select :kind, :assignee, :case, :warning, :household, :village,
					       coalesce(v.town_id, cast(:town as bigint)),
					       coalesce(t.county_id, (select county_id from town where id = cast(:town as bigint)), cast(:county as bigint)),
					       :due, :reason
					from (select 1) one
					left join village v on v.id = cast(:village as bigint)
					left join town t on t.id = v.town_id
					returning id""")
			.param("kind", kind.name())
			.param("assignee", assignee.name())
			.param("case", caseKey)
			.param("warning", warningKey)
			.param("household", householdKey)
			.param("village", villageKey)
			.param("town", townKey)
			.param("county", countyKey)
			.param("due", dueOn)
			.param("reason", redoReason)
			.query(Long.class)
			.single();
	}

	/**
	 * Creates tasks in one statement; the town and county come from the village when
	 * there is one.
	 * @return the new tasks' keys, by household (for tasks about one)
	 */
	Map<Long, Long> createAll(List<NewTask> tasks) {
		Map<Long, Long> result = new LinkedHashMap<>();
		if (tasks.isEmpty()) {
			return result;
		}
		this.jdbc
			.sql("""
					insert into task (kind, assignee_role, case_id, warning_id, household_id, village_id, town_id, county_id,
					                  due_on, redo_reason)
					select x.kind, x.assignee, x.case_id, x.warning_id, x.household_id, x.village_id,
					       coalesce(v.town_id, x.town_id), coalesce(t.county_id, tw.county_id, x.county_id), x.due_on, null
					from unnest(cast(:kinds as text[]), cast(:assignees as text[]), cast(:cases as text[])::bigint[],
					            cast(:warnings as text[])::bigint[], cast(:households as text[])::bigint[],
					            cast(:villages as text[])::bigint[], cast(:towns as text[])::bigint[],
					            cast(:counties as text[])::bigint[], cast(:dues as text[])::date[])
					     as x(kind, assignee, case_id, warning_id, household_id, village_id, town_id, county_id, due_on)
					left join village v on v.id = x.village_id
					left join town t on t.id = v.town_id
					left join town tw on tw.id = x.town_id
					returning id, household_id""")
			.param("kinds", tasks.stream().map((t) -> t.kind().name()).toArray(String[]::new))
			.param("assignees", tasks.stream().map((t) -> t.assignee().name()).toArray(String[]::new))
			.param("cases", texts(tasks, NewTask::caseKey))
			.param("warnings", texts(tasks, NewTask::warningKey))
			.param("households", texts(tasks, NewTask::householdKey))
			.param("villages", texts(tasks, NewTask::villageKey))
			.param("towns", texts(tasks, NewTask::townKey))
			.param("counties", texts(tasks, NewTask::countyKey))
			.param("dues", tasks.stream().map((t) -> t.dueOn().toString()).toArray(String[]::new))
			.query((rs, n) -> new Long[] { Rows.longOrNull(rs, "household_id"), rs.getLong("id") })
			.list()
			.forEach((row) -> {
				if (row[0] != null) {
					result.put(row[0], row[1]);
				}
			});
		return result;
	}

	/** Nullable keys as text, the one array type whose elements may be null here. */
	private static String[] texts(List<NewTask> tasks, java.util.function.Function<NewTask, @Nullable Long> key) {
		return tasks.stream().map(key).map((k) -> (k != null) ? k.toString() : null).toArray(String[]::new);
	}

	/** The households, among these, with an open task of the kind. */
	java.util.Set<Long> withOpen(Collection<Long> households, Task.Kind kind) {
		return new java.util.HashSet<>(this.jdbc.sql("""
				select distinct household_id from task
				where household_id = any(:households) and kind = :kind and status = 'OPEN'""")
			.param("households", households.toArray(Long[]::new))
			.param("kind", kind.name())
			.query(Long.class)
			.list());
	}

	/**
	 * A task to create.
	 *
	 * @param kind what is to be done
	 * @param assignee who acts
	 * @param caseKey the case it is about
	 * @param warningKey the warning it is about
	 * @param householdKey the household it is about
	 * @param villageKey the village it is in
	 * @param townKey the town, when it has no village
	 * @param countyKey the county, when it has no town
	 * @param dueOn when it is due
	 */
	record NewTask(Task.Kind kind, Task.Assignee assignee, @Nullable Long caseKey, @Nullable Long warningKey,
			@Nullable Long householdKey, @Nullable Long villageKey, @Nullable Long townKey, @Nullable Long countyKey,
			LocalDate dueOn) {
	}

	/**
	 * Closes the case's open tasks: the step tasks as done by the step, every other one
	 * too (cancelled) when the case ended.
	 */
	void closeForStep(long caseKey, @Nullable Long userKey, boolean caseEnded) {
		this.jdbc.sql("""
				update task
				set status = case when kind in ('VERIFY_AT_HOME', 'PUBLIC_REVIEW', 'COUNTY_CONFIRMATION') then 'DONE'
				                  else 'CANCELLED' end,
				    closed_at = now(), closed_by = :user
				where case_id = :case and status = 'OPEN'
				  and (:ended or kind in ('VERIFY_AT_HOME', 'PUBLIC_REVIEW', 'COUNTY_CONFIRMATION'))""")
			.param("case", caseKey)
			.param("user", userKey)
			.param("ended", caseEnded)
			.update();
	}

	private static final String COLUMNS = "t.*, (t.status = 'OPEN' and t.due_on < :today) as overdue";

	Map<Long, Task> tasksByKeys(Collection<Long> keys, Scope scope) {
		Map<Long, Task> result = new LinkedHashMap<>();
		if (keys.isEmpty()) {
			return result;
		}
		this.jdbc
			.sql("select %s, false as escalated from task t where t.id = any(:keys) and %s".formatted(COLUMNS,
					inScope(scope)))
			.params(scope.parameters())
			.param("today", scope.today())
			.param("keys", keys.toArray(Long[]::new))
			.query(TASK)
			.list()
			.forEach((task) -> result.put(task.key(), task));
		return result;
	}

	List<Task> openTasksOfCases(Collection<Long> caseKeys, Scope scope) {
		return this.jdbc
			.sql("""
					select %s, false as escalated from task t
					where t.case_id = any(:keys) and t.status = 'OPEN' and %s order by t.due_on, t.id"""
				.formatted(COLUMNS, inScope(scope)))
			.params(scope.parameters())
			.param("today", scope.today())
			.param("keys", caseKeys.toArray(Long[]::new))
			.query(TASK)
			.list();
	}

	/**
	 * Open tasks of a user's queue: their own ({@code own}, a predicate) and the overdue
	 * ones one level below ({@code below}), oldest due first.
	 */
	List<Task> queue(String own, String below, Map<String, ?> params, LocalDate today, PageRequest page) {
		DueKey after = page.after(MY_TASKS, 2, DueKey::of);
		return this.jdbc
			.sql("""
					select %1$s, not (%2$s) as escalated from task t
					where t.status = 'OPEN' and ((%2$s) or (t.due_on < :today and %3$s))
					  and (cast(:afterDue as date) is null or (t.due_on, t.id) > (cast(:afterDue as date), cast(:afterId as bigint)))
					order by t.due_on, t.id
					limit :limit"""
				.formatted(COLUMNS, own, below))
			.params(params)
			.param("today", today)
			.param("afterDue", (after != null) ? after.due() : null)
			.param("afterId", (after != null) ? after.id() : null)
			.param("limit", page.fetchSize())
			.query(TASK)
			.list();
	}

	int countQueue(String own, String below, Map<String, ?> params, LocalDate today) {
		return this.jdbc.sql("""
				select count(*) from task t
				where t.status = 'OPEN' and ((%s) or (t.due_on < :today and %s))""".formatted(own, below))
			.params(params)
			.param("today", today)
			.query(Integer.class)
			.single();
	}

	private static final String FILTER = """
			from task t
			where %s
			  and t.status = :status
			  and (cast(:assignee as text) is null or t.assignee_role = :assignee)
			  and (not :overdueOnly or (t.status = 'OPEN' and t.due_on < :today))
			  and (cast(:countyCode as text) is null or t.county_id = (select id from county where code = :countyCode))
			  and (cast(:townCode as text) is null or t.town_id = (select id from town where code = :townCode))
			  and (cast(:villageCode as text) is null or t.village_id = (select id from village where code = :villageCode))
			""";

	List<Task> tasks(TaskFilter filter, PageRequest page, Scope scope) {
		DueKey after = page.after(TASKS, 2, DueKey::of);
		return this.jdbc
			.sql("select " + COLUMNS + ", false as escalated " + FILTER.formatted(inScope(scope))
					+ """
							  and (cast(:afterDue as date) is null or (t.due_on, t.id) > (cast(:afterDue as date), cast(:afterId as bigint)))
							order by t.due_on, t.id
							limit :limit""")
			.params(filterParams(filter, scope))
			.param("afterDue", (after != null) ? after.due() : null)
			.param("afterId", (after != null) ? after.id() : null)
			.param("limit", page.fetchSize())
			.query(TASK)
			.list();
	}

	int countTasks(TaskFilter filter, Scope scope) {
		return this.jdbc.sql("select count(*) " + FILTER.formatted(inScope(scope)))
			.params(filterParams(filter, scope))
			.query(Integer.class)
			.single();
	}

	private static Map<String, @Nullable Object> filterParams(TaskFilter filter, Scope scope) {
		Map<String, @Nullable Object> params = new java.util.HashMap<>(scope.parameters());
		params.put("today", scope.today());
		params.put("status", ((filter.status() != null) ? filter.status() : Task.Status.OPEN).name());
		params.put("assignee", (filter.assigneeRole() != null) ? filter.assigneeRole().name() : null);
		params.put("overdueOnly", Boolean.TRUE.equals(filter.overdueOnly()));
		params.put("countyCode", filter.countyCode());
		params.put("townCode", filter.townCode());
		params.put("villageCode", filter.villageCode());
		return params;
	}

	/** Locks the task against concurrent completion, and reads it. */
	Optional<Task> lock(long key, Scope scope) {
		return this.jdbc
			.sql("select %s, false as escalated from task t where t.id = :key and %s for update of t".formatted(COLUMNS,
					inScope(scope)))
			.params(scope.parameters())
			.param("today", scope.today())
			.param("key", key)
			.query(TASK)
			.optional();
	}

	/** The villages of the cadre's postings in force on the day. */
	List<Long> postedVillages(long cadre, LocalDate today) {
		return this.jdbc.sql("""
				select distinct village_id from posting
				where cadre_id = :cadre and started_on <= :today and (ended_on is null or ended_on >= :today)""")
			.param("cadre", cadre)
			.param("today", today)
			.query(Long.class)
			.list();
	}

	/** Whether the user's cadre is posted in the village on the day. */
	boolean postedIn(long village, @Nullable Long cadre, LocalDate today) {
		return this.jdbc.sql("""
				select exists (select 1 from posting p
				               where p.cadre_id = cast(:cadre as bigint) and p.village_id = :village
				                 and p.started_on <= :today and (p.ended_on is null or p.ended_on >= :today))""")
			.param("village", village)
			.param("cadre", cadre)
			.param("today", today)
			.query(Boolean.class)
			.single();
	}

	/**
	 * The task, if it is an open verification of a warning (the task a visit does) of
	 * this household, locked.
	 */
	Optional<Long> openVisitTask(long task, long household) {
		return this.jdbc.sql("""
				select id from task
				where id = :task and household_id = :household and kind = 'VERIFY_WARNING' and status = 'OPEN'
				for update""").param("task", task).param("household", household).query(Long.class).optional();
	}

	/**
	 * Of these households, each that has exactly one open verification of a warning, with
	 * that task; all their open verifications locked, in key order.
	 */
	Map<Long, Long> onlyOpenVisitTasks(Collection<Long> households) {
		Map<Long, List<Long>> open = new HashMap<>();
		this.jdbc.sql("""
				select household_id, id from task
				where household_id = any(:households) and kind = 'VERIFY_WARNING' and status = 'OPEN'
				order by id for update""").param("households", households.toArray(Long[]::new)).query((rs) -> {
			open.computeIfAbsent(rs.getLong(1), (household) -> new ArrayList<>()).add(rs.getLong(2));
		});
		Map<Long, Long> only = new HashMap<>();
		open.forEach((household, tasks) -> {
			if (tasks.size() == 1) {
				only.put(household, tasks.get(0));
			}
		});
		return only;
	}

	void complete(long key, UUID completionId, long userKey, String note, List<UUID> visits, byte[] hash) {
		this.jdbc.sql("""
				update task
				set status = 'DONE', closed_at = now(), closed_by = :user, completion_id = :completion,
				    completion = :note, completion_visit_ids = cast(:visits as uuid[]), completion_hash = :hash
				where id = :key""")
			.param("key", key)
			.param("completion", completionId)
			.param("user", userKey)
			.param("note", note)
			.param("visits", visits.stream().map(UUID::toString).toArray(String[]::new))
			.param("hash", hash)
			.update();
	}

	/** The task a completion id was used for, with the completion's digest. */
	Optional<Completed> completed(UUID completionId) {
		return this.jdbc.sql("select id, completion_hash from task where completion_id = :id")
			.param("id", completionId)
			.query((rs, n) -> new Completed(rs.getLong("id"), rs.getBytes("completion_hash")))
			.optional();
	}

	/** Closes the open tasks about a warning. */
	void closeForWarning(long warningKey, long userKey) {
		this.jdbc.sql("""
				update task set status = 'DONE', closed_at = now(), closed_by = :user
				where warning_id = :warning and kind = 'MATCH_WARNING' and status = 'OPEN'""")
			.param("warning", warningKey)
			.param("user", userKey)
			.update();
	}

	/** A task for the village's cadres to record a measure's result. */
	void createForMeasure(long measure, long household, long village, LocalDate dueOn) {
		this.jdbc.sql("""
				insert into task (kind, assignee_role, measure_id, household_id, village_id, town_id, county_id, due_on)
				select 'RECORD_MEASURE_RESULT', 'CADRE', :measure, :household, v.id, v.town_id, t.county_id, :due
				from village v join town t on t.id = v.town_id
				where v.id = :village
				  and not exists (select 1 from task where measure_id = :measure and status = 'OPEN')""")
			.param("measure", measure)
			.param("household", household)
			.param("village", village)
			.param("due", dueOn)
			.update();
	}

	/** Closes the task that waited for the measure's result, if one did. */
	void closeForMeasure(long measure, long userKey) {
		this.jdbc.sql("""
				update task set status = 'DONE', closed_at = now(), closed_by = :user
				where measure_id = :measure and status = 'OPEN'""")
			.param("measure", measure)
			.param("user", userKey)
			.update();
	}

	/**
	 * A task to rectify a supervision problem, for those where it was found: the
	 * village's cadres, else the town's officers, else the county's; none while one is
	 * open.
	 */
	void createForProblem(long problem, long county, @Nullable Long town, @Nullable Long village, LocalDate dueOn) {
		this.jdbc.sql("""
				insert into task (kind, assignee_role, supervision_problem_id, village_id, town_id, county_id, due_on)
				select 'RECTIFY_PROBLEM',
				       case when cast(:village as bigint) is not null then 'CADRE'
				            when cast(:town as bigint) is not null then 'TOWN_OFFICER' else 'COUNTY_OFFICER' end,
				       :problem, :village, :town, :county, :due
				where not exists (select 1 from task where supervision_problem_id = :problem and status = 'OPEN')""")
			.param("problem", problem)
			.param("village", village)
			.param("town", town)
			.param("county", county)
			.param("due", dueOn)
			.update();
	}

	/** Moves the open task of rectifying the problem, if there is one, to the day. */
	void moveDueForProblem(long problem, LocalDate dueOn) {
		this.jdbc.sql("""
				update task set due_on = :due
				where supervision_problem_id = :problem and status = 'OPEN' and due_on <> :due""")
			.param("problem", problem)
			.param("due", dueOn)
			.update();
	}

	/** Closes the task that waited for the problem's rectification, if one did. */
	void closeForProblem(long problem, long userKey) {
		this.jdbc.sql("""
				update task set status = 'DONE', closed_at = now(), closed_by = :user
				where supervision_problem_id = :problem and status = 'OPEN'""")
			.param("problem", problem)
			.param("user", userKey)
			.update();
	}

	record Completed(long taskKey, byte @Nullable [] hash) {
	}

	/** Where a page of tasks, oldest due first, starts after. */
	private record DueKey(LocalDate due, long id) {

		static DueKey of(List<String> parts) {
			return new DueKey(LocalDate.parse(parts.get(0)), Long.parseLong(parts.get(1)));
		}

	}

}
