package cn.ankang.bangfu.monitoring;

import java.time.Clock;
import java.time.LocalDate;

import cn.ankang.bangfu.household.MeasureEvents;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The task of recording a measure's result (记录帮扶成效): opened for the village's cadres when
 * a measure ends without one, done when the result is recorded. Runs in the transaction
 * of the change that set it off, so the task and the change are kept together or not at
 * all.
 */
@Component
class MeasureResultTasks {

	private final MeasureAndProblemTaskRepository tasks;

	private final MonitoringProperties properties;

	private final Clock clock;

	MeasureResultTasks(MeasureAndProblemTaskRepository tasks, MonitoringProperties properties, Clock clock) {
		this.tasks = tasks;
		this.properties = properties;
		this.clock = clock;
	}

	@EventListener
	void ended(MeasureEvents.EndedWithoutResult event) {
		this.tasks.createForMeasure(event.measureKey(), event.householdKey(), event.villageKey(),
				LocalDate.now(this.clock).plusDays(this.properties.daysFor(Task.Kind.RECORD_MEASURE_RESULT)));
	}

	@EventListener
	void recorded(MeasureEvents.ResultRecorded event) {
		this.tasks.closeForMeasure(event.measureKey(), event.userKey());
	}

}
