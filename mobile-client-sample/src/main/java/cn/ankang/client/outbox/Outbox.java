package cn.ankang.client.outbox;

import java.io.IOException;
import java.util.List;

import org.json.JSONArray;

/**
 * The visits waiting to be sent, kept so that a process killed at any moment loses none:
 * each change is durable when its method returns. A visit gets its uuid in
 * {@link #record(VisitDraft)}, before it is ever sent, and leaves the queue only once the
 * service has answered for it. On Android this is a Room table (see the README).
 */
public interface Outbox {

	/**
	 * Gives a visit its uuid and queues it, durably: once this returns the cadre may be
	 * told it is saved.
	 * @param draft the visit
	 * @return the queued visit
	 * @throws IOException when the storage refuses; nothing is queued then
	 */
	QueuedVisit record(VisitDraft draft) throws IOException;

	/**
	 * The oldest queued visits.
	 * @param max how many at most
	 * @return up to {@code max} visits, oldest first
	 * @throws IOException when the storage cannot be read
	 */
	List<QueuedVisit> next(int max) throws IOException;

	/**
	 * How many visits wait.
	 * @return the number
	 * @throws IOException when the storage cannot be read
	 */
	int size() throws IOException;

	/**
	 * Takes a visit the service stored ({@code ACCEPTED} or {@code DUPLICATE}) out of the
	 * queue; a visit no longer queued is ignored.
	 * @param uuid the visit's uuid
	 * @throws IOException when the storage refuses
	 */
	void delivered(String uuid) throws IOException;

	/**
	 * Moves a visit the service answered {@code CONFLICT} to the visits that need
	 * attention.
	 * @param uuid the visit's uuid
	 * @param errors the service's errors
	 * @throws IOException when the storage refuses
	 */
	void conflict(String uuid, JSONArray errors) throws IOException;

	/**
	 * Moves a visit the service answered {@code REJECTED} to the rejected visits.
	 * @param uuid the visit's uuid
	 * @param errors the service's field errors
	 * @throws IOException when the storage refuses
	 */
	void reject(String uuid, JSONArray errors) throws IOException;

	/**
	 * The visits held for a {@code CONFLICT}.
	 * @return the visits
	 * @throws IOException when the storage cannot be read
	 */
	List<HeldVisit> conflicts() throws IOException;

	/**
	 * The visits held as {@code REJECTED}.
	 * @return the visits
	 * @throws IOException when the storage cannot be read
	 */
	List<HeldVisit> rejections() throws IOException;

}
