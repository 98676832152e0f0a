package cn.ankang.client.outbox;

import org.json.JSONObject;

/**
 * A correction of a visit ({@code amendVisit}): the whole visit as it should read now,
 * stored by the service as the visit's next version under a uuid of its own, made when
 * the correction is recorded. The visit corrected may still wait in the outbox: the
 * correction goes after it.
 */
public final class VisitCorrectionDraft implements Draft {

	private final String baseVersionId;

	private final VisitDraft corrected;

	/**
	 * A correction.
	 * @param baseVersionId the global id of the version corrected (see
	 * {@link WriteKind#visitId(String)} for a visit recorded on this phone)
	 * @param corrected the visit as it should read
	 */
	public VisitCorrectionDraft(String baseVersionId, VisitDraft corrected) {
		this.baseVersionId = baseVersionId;
		this.corrected = corrected;
	}

	/**
	 * A correction of a visit recorded on this phone, sent or not.
	 * @param visit the visit (or correction) as it was queued
	 * @param corrected the visit as it should read
	 * @return the correction
	 */
	public static VisitCorrectionDraft of(QueuedWrite visit, VisitDraft corrected) {
		return new VisitCorrectionDraft(WriteKind.visitId(visit.id()), corrected);
	}

	@Override
	public WriteKind kind() {
		return WriteKind.VISIT_CORRECTION;
	}

	/**
	 * The service's {@code AmendVisitInput}.
	 * @param uuid the new version's uuid
	 * @return a new JSON object
	 */
	@Override
	public JSONObject toInput(String uuid) {
		return new JSONObject().put("baseVersionId", this.baseVersionId).put("visit", this.corrected.toInput(uuid));
	}

}
