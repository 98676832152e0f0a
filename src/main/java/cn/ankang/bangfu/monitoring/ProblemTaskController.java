package cn.ankang.bangfu.monitoring;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.relay.Batching;
import cn.ankang.bangfu.supervision.SupervisionProblem;
import cn.ankang.bangfu.supervision.SupervisionService;

import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.stereotype.Controller;

/**
 * The supervision problem a rectification task is about.
 */
@Controller
class ProblemTaskController {

	private final SupervisionService supervision;

	ProblemTaskController(SupervisionService supervision) {
		this.supervision = supervision;
	}

	@BatchMapping(typeName = "Task")
	Map<Task, @Nullable SupervisionProblem> supervisionProblem(List<Task> tasks) {
		List<Long> keys = tasks.stream().map(Task::problemKey).filter(Objects::nonNull).distinct().toList();
		Map<Long, SupervisionProblem> byKey = keys.isEmpty() ? Map.of() : this.supervision.problemsByKeys(keys);
		return Batching.mapEach(tasks, (task) -> (task.problemKey() != null) ? byKey.get(task.problemKey()) : null);
	}

}
