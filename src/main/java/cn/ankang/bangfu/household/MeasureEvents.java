package cn.ankang.bangfu.household;

/**
 * What happens to assistance measures that other features act on, published in the
 * transaction that made it happen (listeners run in it too, so that a task is created or
 * closed with the change, or neither is).
 */
public final class MeasureEvents {

	private MeasureEvents() {
	}

	/**
	 * A measure ended without its result recorded: someone must record it.
	 *
	 * @param measureKey the measure
	 * @param householdKey its household
	 * @param villageKey the household's village
	 */
	public record EndedWithoutResult(long measureKey, long householdKey, long villageKey) {
	}

	/**
	 * A measure's result was recorded.
	 *
	 * @param measureKey the measure
	 * @param userKey who recorded it
	 */
	public record ResultRecorded(long measureKey, long userKey) {
	}

}
