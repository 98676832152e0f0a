package cn.ankang.bangfu.supervision;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * What happens to a supervision problem's rectification, published in the transaction of
 * the change, for the features that follow it (the task of rectifying it).
 */
public final class SupervisionEvents {

	private SupervisionEvents() {
	}

	/**
	 * A problem waits for its rectification by its deadline: it was recorded, or its
	 * rectification was sent back.
	 *
	 * @param problemKey the problem
	 * @param countyKey the county where it was found
	 * @param townKey the town, when found that locally
	 * @param villageKey the village, when found that locally
	 * @param deadline the day it must be rectified by
	 */
	public record ToRectify(long problemKey, long countyKey, @Nullable Long townKey, @Nullable Long villageKey,
			LocalDate deadline) {
	}

	/**
	 * The evidence of a problem's rectification was submitted.
	 *
	 * @param problemKey the problem
	 * @param userKey who submitted it
	 */
	public record Rectified(long problemKey, long userKey) {
	}

	/**
	 * A problem's deadline was corrected (by an import of the round's list): an open task
	 * of rectifying it falls due on the new one.
	 *
	 * @param problemKey the problem
	 * @param deadline the day it must now be rectified by
	 */
	public record DeadlineMoved(long problemKey, LocalDate deadline) {
	}

}
