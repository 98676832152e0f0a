package cn.ankang.client.outbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which queued writes go in the next request of {@link OutboxSync}, and in what order:
 * the oldest that fit, each record's writes never overtaking one another. Photos are left
 * out: they go up on their own.
 */
final class RequestPlan {

	private RequestPlan() {
	}

	/**
	 * The writes of the next request: the oldest that fit, in the order the service is to
	 * run them, keeping the order per record. Photos never go in a request of writes.
	 */
	static List<QueuedWrite> plan(List<QueuedWrite> queue, int maxVisits, int maxOthers) {
		List<QueuedWrite> visits = new ArrayList<>();
		List<QueuedWrite> others = new ArrayList<>();
		Set<String> waiting = new HashSet<>();
		Map<String, Integer> latestKind = new HashMap<>();
		for (QueuedWrite write : queue) {
			if (write.kind() == WriteKind.PHOTO) {
				continue;
			}
			boolean visit = write.kind() == WriteKind.VISIT;
			boolean room = visit ? visits.size() < maxVisits : others.size() < maxOthers;
			boolean free = room;
			for (String record : write.records()) {
				Integer latest = latestKind.get(record);
				if (waiting.contains(record) || (latest != null && latest > write.kind().ordinal())) {
					free = false;
				}
			}
			if (!free) {
				waiting.addAll(write.records());
				continue;
			}
			(visit ? visits : others).add(write);
			for (String record : write.records()) {
				Integer latest = latestKind.get(record);
				latestKind.put(record, Math.max(write.kind().ordinal(), (latest != null) ? latest : 0));
			}
		}
		// stable: each kind keeps the order recorded
		others.sort((a, b) -> Integer.compare(a.kind().ordinal(), b.kind().ordinal()));
		List<QueuedWrite> request = new ArrayList<>(visits);
		request.addAll(others);
		return request;
	}

	/** The visits of a request, or else its first write. */
	static List<QueuedWrite> firstField(List<QueuedWrite> writes) {
		List<QueuedWrite> first = new ArrayList<>();
		for (QueuedWrite write : writes) {
			if (write.kind() == WriteKind.VISIT) {
				first.add(write);
			}
		}
		if (first.isEmpty()) {
			first.add(writes.get(0));
		}
		return first;
	}

}
