package cn.ankang.bangfu.monitoring;

import org.jspecify.annotations.Nullable;

/**
 * Narrows a list of tasks; all given conditions must hold.
 *
 * @param countyCode only tasks in this county
 * @param townCode only tasks in this town
 * @param villageCode only tasks in this village
 * @param assigneeRole only tasks for this role
 * @param status only tasks in this status; open when not given
 * @param overdueOnly only open tasks past their due date
 */
record TaskFilter(@Nullable String countyCode, @Nullable String townCode, @Nullable String villageCode,
		Task.@Nullable Assignee assigneeRole, Task.@Nullable Status status, @Nullable Boolean overdueOnly) {

	static final TaskFilter NONE = new TaskFilter(null, null, null, null, null, null);

}
