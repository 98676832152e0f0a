package cn.ankang.bangfu.sync;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.errors.ApiException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The change feed of a resident cadre's phone: the villages of the cadre's postings in
 * force today, their households, assistance measures and monitoring cases, the open tasks
 * for the villages' cadres, and the cadre's own visits there.
 */
@Service
public class ChangeFeedService {

	static final int DEFAULT_FIRST = 100;

	static final int MAX_FIRST = 500;

	private final ChangeFeedRepository repository;

	private final Jurisdiction jurisdiction;

	private final Clock clock;

	ChangeFeedService(ChangeFeedRepository repository, Jurisdiction jurisdiction, Clock clock) {
		this.repository = repository;
		this.jurisdiction = jurisdiction;
		this.clock = clock;
	}

	/**
	 * The changes after the cursor: first villages that left the jurisdiction, then up to
	 * {@code first} items in position order.
	 * @throws ApiException {@code FORBIDDEN} for users without a posted cadre,
	 * {@code INVALID_CURSOR}, {@code INVALID_ARGUMENT} for a bad {@code first}
	 */
	@Transactional(readOnly = true)
	public ChangePage changes(@Nullable String after, @Nullable Integer first) {
		int limit = (first != null) ? first : DEFAULT_FIRST;
		if (limit < 1 || limit > MAX_FIRST) {
			throw ApiException
				.invalidArgument("'first' must be between 1 and %d, but was %d.".formatted(MAX_FIRST, limit));
		}
		Scope scope = this.jurisdiction.current();
		Long cadre = scope.cadreKey();
		if (cadre == null) {
			throw ApiException.forbidden(
					"The change feed serves resident cadres' phones: sign in as a first secretary or team member.");
		}
		ChangeCursor cursor = ChangeCursor.decode(after);
		SortedSet<Long> villages = new TreeSet<>(this.repository.postedVillages(cadre, scope.today()));
		List<Change> changes = new ArrayList<>();
		for (Long village : cursor.villageKeys()) {
			if (!villages.contains(village)) {
				changes.add(new Change(Change.Operation.LEFT_JURISDICTION, Change.ItemType.VILLAGE,
						Long.toString(village), village, null));
			}
		}
		SortedSet<Long> joined = new TreeSet<>(villages);
		joined.removeAll(cursor.villageKeys());
		long horizon = this.repository.horizon();
		List<Change> items = villages.isEmpty() ? List.of()
				: this.repository.changes(cadre, villages, joined, cursor, horizon, limit + 1);
		boolean hasMore = items.size() > limit;
		if (hasMore) {
			items = items.subList(0, limit);
		}
		changes.addAll(items);
		return new ChangePage(changes, next(cursor, villages, joined, items, hasMore, horizon).encode(), hasMore,
				OffsetDateTime.now(this.clock));
	}

	/**
	 * Where the phone stands after this page. Items come in position order, so every item
	 * up to the last one sent has been sent: past the position in the settled villages,
	 * past the joining position in the joining ones, and every item of the villages that
	 * joined now. On the last page the phone has everything older than the horizon, and
	 * all villages are settled: every later change comes after it.
	 */
	private static ChangeCursor next(ChangeCursor cursor, SortedSet<Long> villages, SortedSet<Long> joined,
			List<Change> items, boolean hasMore, long horizon) {
		ChangeCursor.Position last = items.isEmpty() ? ChangeCursor.Position.START
				: items.get(items.size() - 1).position();
		ChangeCursor.Position settled = ChangeCursor.Position.latest(cursor.position(), last);
		if (!hasMore) {
			return new ChangeCursor(ChangeCursor.Position.latest(settled, ChangeCursor.Position.before(horizon)),
					villages, new TreeSet<>(), ChangeCursor.Position.START, 0);
		}
		SortedSet<Long> joining = new TreeSet<>(cursor.joiningKeys());
		joining.retainAll(villages);
		// villages joining at different times share the earlier moment: a deletion sent
		// for
		// an item never held is dropped by the phone, one not sent would leave a ghost
		long joinedFrom = joining.isEmpty() ? horizon : Math.min(cursor.joinedFrom(), horizon);
		// villages that joined now have been sent up to the last item only
		ChangeCursor.Position joiningPosition = (joining.isEmpty() || !joined.isEmpty()) ? last
				: ChangeCursor.Position.latest(cursor.joiningPosition(), last);
		joining.addAll(joined);
		if (joining.isEmpty()) {
			return new ChangeCursor(settled, villages, joining, ChangeCursor.Position.START, 0);
		}
		return new ChangeCursor(settled, villages, joining, joiningPosition, joinedFrom);
	}

}
