package cn.ankang.bangfu.monitoring;

import cn.ankang.bangfu.supervision.SupervisionEvents;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The task of rectifying a problem a supervision round found (整改任务): opened for those
 * where it was found (the village's cadres, else the town's officers, else the county's),
 * due on the problem's deadline, so that an overdue problem is an overdue task that shows
 * and escalates like the others; done when the evidence is submitted, opened again when
 * the review sends it back. Runs in the transaction of the change that set it off.
 */
@Component
class ProblemTasks {

	private final MeasureAndProblemTaskRepository tasks;

	ProblemTasks(MeasureAndProblemTaskRepository tasks) {
		this.tasks = tasks;
	}

	@EventListener
	void toRectify(SupervisionEvents.ToRectify event) {
		this.tasks.createForProblem(event.problemKey(), event.countyKey(), event.townKey(), event.villageKey(),
				event.deadline());
	}

	@EventListener
	void deadlineMoved(SupervisionEvents.DeadlineMoved event) {
		this.tasks.moveDueForProblem(event.problemKey(), event.deadline());
	}

	@EventListener
	void rectified(SupervisionEvents.Rectified event) {
		this.tasks.closeForProblem(event.problemKey(), event.userKey());
	}

}
