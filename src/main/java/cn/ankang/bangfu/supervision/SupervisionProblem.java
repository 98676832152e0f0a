package cn.ankang.bangfu.supervision;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.relay.GlobalId;

/**
 * A problem a supervision round found (督帮发现问题), tracked until it is closed after review
 * (整改销号).
 *
 * @param key database key
 * @param roundKey the round that found it
 * @param countyKey the county where it was found
 * @param townKey the town, when found that locally
 * @param villageKey the village, when found that locally
 * @param department the municipal or county department concerned, if any
 * @param category what it is about
 * @param description what was found
 * @param responsible who must rectify it (a body or a person, as the round assigned it)
 * @param foundOn when it was found
 * @param deadline the day it must be rectified by
 * @param status where its rectification stands
 * @param evidence the evidence of the rectification, once submitted
 * @param rectifiedOn the day it was rectified, by the evidence
 * @param closedOn the day the review closed it
 * @param returnedReason why the last review sent it back, if one did
 * @param number the number the round's problem list gives it (问题编号), when it was imported
 * from one
 * @param version raised by every change
 */
public record SupervisionProblem(long key, long roundKey, long countyKey, @Nullable Long townKey,
		@Nullable Long villageKey, @Nullable String department, Category category, String description,
		String responsible, LocalDate foundOn, LocalDate deadline, Status status, @Nullable String evidence,
		@Nullable LocalDate rectifiedOn, @Nullable LocalDate closedOn, @Nullable String returnedReason,
		@Nullable String number, int version) {

	public String id() {
		return GlobalId.of("SupervisionProblem", this.key);
	}

	/**
	 * Whether it is overdue on the day: not closed, and its deadline passed.
	 */
	public boolean overdueOn(LocalDate day) {
		return this.status != Status.CLOSED && this.deadline.isBefore(day);
	}

	/** What a problem is about (问题类别). */
	public enum Category {

		EDUCATION, HEALTH, HOUSING, DRINKING_WATER, MONITORING, FUNDS_AND_PROJECTS, ASSETS, OTHER

	}

	/**
	 * Where a problem's rectification stands: found, rectified with evidence and waiting
	 * for review, sent back by the review, closed by it.
	 */
	public enum Status {

		FOUND, RECTIFIED, SENT_BACK, CLOSED;

		/** Whether evidence of a rectification may be submitted from here. */
		boolean awaitsRectification() {
			return this == FOUND || this == SENT_BACK;
		}

	}

}
