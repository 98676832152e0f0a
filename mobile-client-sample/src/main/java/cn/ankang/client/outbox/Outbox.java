package cn.ankang.client.outbox;

import java.io.IOException;
import java.util.List;

import org.json.JSONArray;

/**
 * Every field write waiting to be sent (visits, corrections, household updates, case
 * steps, task completions, photos), in one queue kept so that a process killed at any
 * moment loses none: each change is durable when its method returns. A write gets its id
 * in {@link #record(Draft)}, before it is ever sent, and leaves the queue only once the
 * service has answered for it. On Android this is a Room table (see the README).
 */
public interface Outbox {

	/**
	 * Gives a write its id and queues it with its whole input, durably: once this returns
	 * the cadre may be told it is saved.
	 * @param draft the write
	 * @return the queued write
	 * @throws IOException when the storage refuses; nothing is queued then
	 */
	QueuedWrite record(Draft draft) throws IOException;

	/**
	 * The oldest queued writes, of every kind.
	 * @param max how many at most
	 * @return up to {@code max} writes, oldest first
	 * @throws IOException when the storage cannot be read
	 */
	List<QueuedWrite> next(int max) throws IOException;

	/**
	 * How many writes wait.
	 * @return the number
	 * @throws IOException when the storage cannot be read
	 */
	int size() throws IOException;

	/**
	 * Takes a write the service stored ({@code ACCEPTED} or {@code DUPLICATE}) out of the
	 * queue; a write no longer queued is ignored.
	 * @param id the write's id
	 * @throws IOException when the storage refuses
	 */
	void delivered(String id) throws IOException;

	/**
	 * Moves a write the service answered with a conflict ({@code CONFLICT},
	 * {@code STALE_STATE}, {@code STALE_VERSION}, {@code INVALID_TRANSITION}) to the
	 * writes that need attention.
	 * @param id the write's id
	 * @param errors the service's errors
	 * @throws IOException when the storage refuses
	 */
	void conflict(String id, JSONArray errors) throws IOException;

	/**
	 * Moves a write the service refused ({@code REJECTED}, field errors) to the rejected
	 * writes.
	 * @param id the write's id
	 * @param errors the service's errors
	 * @throws IOException when the storage refuses
	 */
	void reject(String id, JSONArray errors) throws IOException;

	/**
	 * The writes held for a conflict, oldest first.
	 * @return the writes
	 * @throws IOException when the storage cannot be read
	 */
	List<HeldWrite> conflicts() throws IOException;

	/**
	 * The writes held as rejected, oldest first.
	 * @return the writes
	 * @throws IOException when the storage cannot be read
	 */
	List<HeldWrite> rejections() throws IOException;

}
