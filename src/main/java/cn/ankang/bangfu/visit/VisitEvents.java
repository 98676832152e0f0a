package cn.ankang.bangfu.visit;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What a visit does beyond being stored, for the features it acts on, published in the
 * transaction that stored it (listeners run in it too, each in a savepoint of its own:
 * what a visit sets off never costs the visit).
 */
public final class VisitEvents {

	private VisitEvents() {
	}

	/**
	 * A visit stored for the first time (not a resend, not a correction).
	 *
	 * @param visitKey the visit's id
	 * @param householdKey the household visited, for household visits
	 * @param villageKey its village
	 * @param taskId the task the cadre said it fulfils (a global id as sent), if any
	 * @param userKey who logged it
	 */
	public record Logged(UUID visitKey, @Nullable Long householdKey, long villageKey, @Nullable String taskId,
			long userKey) {
	}

}
