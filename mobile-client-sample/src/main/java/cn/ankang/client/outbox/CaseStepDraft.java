package cn.ankang.client.outbox;

import java.time.LocalDate;
import java.util.List;

import org.json.JSONArray;
import org.json.JSONObject;

/**
 * A step of a monitoring case as the cadre decided it ({@code recordCaseStep}), with the
 * state the case was in then: a case that moved on meanwhile answers {@code STALE_STATE},
 * and the step is held for the cadre to look at the case as it stands. Builds the
 * service's {@code RecordCaseStepInput}.
 */
public final class CaseStepDraft implements Draft {

	private final JSONObject input = new JSONObject();

	/**
	 * A step.
	 * @param caseId the case's global id
	 * @param action the {@code CaseAction}, e.g. {@code VERIFY}
	 * @param fromState the {@code CaseState} the case was in when the step was decided
	 */
	public CaseStepDraft(String caseId, String action, String fromState) {
		this.input.put("caseId", caseId).put("action", action).put("fromState", fromState);
	}

	/**
	 * The day the step was taken (today, by the service's calendar, when not given).
	 * @param day the day
	 * @return this draft
	 */
	public CaseStepDraft occurredOn(LocalDate day) {
		this.input.put("occurredOn", day.toString());
		return this;
	}

	/**
	 * Why (required to dismiss or reject).
	 * @param reason 2 to 1,000 characters
	 * @return this draft
	 */
	public CaseStepDraft reason(String reason) {
		this.input.put("reason", reason);
		return this;
	}

	/**
	 * The visits the step rests on, by their uuids; they may still wait in the outbox, as
	 * the step goes after them.
	 * @param uuids the visits' uuids
	 * @return this draft
	 */
	public CaseStepDraft visits(List<String> uuids) {
		this.input.put("visitIds", new JSONArray(uuids));
		return this;
	}

	/**
	 * Photos as evidence.
	 * @param sha256s lower-case hex hashes, at most 20
	 * @return this draft
	 */
	public CaseStepDraft photoHashes(List<String> sha256s) {
		this.input.put("photoHashes", new JSONArray(sha256s));
		return this;
	}

	@Override
	public WriteKind kind() {
		return WriteKind.CASE_STEP;
	}

	@Override
	public JSONObject toInput(String stepId) {
		return new JSONObject(this.input.toString()).put("stepId", stepId);
	}

}
