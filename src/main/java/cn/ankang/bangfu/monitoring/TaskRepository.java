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

import cn.ankang.bangfu.shared.values.Rows;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL that creates, completes and closes the workflow's tasks: those a case's steps
 * wait on, those warnings set off, and the verifications a visit completes. A task names
 * its village when it has one, and always the town and county it can be placed in, so
 * that queues and escalation ({@link TaskListRepository}) read one table.
 */
@Repository
class TaskRepository {

	private final JdbcClient jdbc;

	TaskRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
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

	/** The households' open verifications of a warning, locked: read for every visit. */
	static final String OPEN_VISIT_TASKS = """
			select household_id, id from task
			where household_id = any(:households) and kind = 'VERIFY_WARNING' and status = 'OPEN'
			order by id for update""";

	/**
	 * Of these households, each that has exactly one open verification of a warning, with
	 * that task; all their open verifications locked, in key order.
	 */
	Map<Long, Long> onlyOpenVisitTasks(Collection<Long> households) {
		Map<Long, List<Long>> open = new HashMap<>();
		this.jdbc.sql(OPEN_VISIT_TASKS).param("households", households.toArray(Long[]::new)).query((rs) -> {
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

	record Completed(long taskKey, byte @Nullable [] hash) {
	}

}
