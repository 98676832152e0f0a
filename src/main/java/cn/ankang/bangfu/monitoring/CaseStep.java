package cn.ankang.bangfu.monitoring;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One recorded step of a case; never changed or removed.
 *
 * @param id the step's id, made by whoever sent it
 * @param caseKey the case
 * @param action what was done
 * @param fromState the state the case left; null for the first step
 * @param toState the state it entered
 * @param occurredOn the day the step was taken
 * @param recordedAt when the service recorded it
 * @param actorName who took it
 * @param actorRole in which capacity
 * @param reason why, or a note
 * @param visitIds the visits it rests on
 * @param photoHashes the photos it rests on
 * @param documents the documents it names
 * @param noticeFrom the public notice's first day, for a review
 * @param noticeTo the public notice's last day, for a review
 */
record CaseStep(UUID id, long caseKey, CaseAction action, @Nullable CaseState fromState, CaseState toState,
		LocalDate occurredOn, OffsetDateTime recordedAt, String actorName, String actorRole, @Nullable String reason,
		List<UUID> visitIds, List<String> photoHashes, List<String> documents, @Nullable LocalDate noticeFrom,
		@Nullable LocalDate noticeTo) {
}
