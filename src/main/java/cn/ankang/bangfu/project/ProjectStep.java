package cn.ankang.bangfu.project;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * A recorded step of a project from one status to the next.
 *
 * @param projectKey the project's key
 * @param fromStatus the status it left; null for entering the pipeline
 * @param toStatus the status it entered
 * @param occurredOn the day of the step
 * @param documentNumber the step's document (批复, 验收, 移交), if any
 * @param note what the recorder added
 * @param recordedAt when the service recorded it
 * @param actorName who recorded it
 * @param actorRole in which capacity
 */
public record ProjectStep(long projectKey, Project.@Nullable Status fromStatus, Project.Status toStatus,
		LocalDate occurredOn, @Nullable String documentNumber, @Nullable String note, OffsetDateTime recordedAt,
		String actorName, String actorRole) {
}
