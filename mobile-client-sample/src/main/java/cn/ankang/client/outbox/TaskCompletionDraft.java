package cn.ankang.client.outbox;

import java.util.List;

import org.json.JSONArray;
import org.json.JSONObject;

/**
 * A task the cadre did ({@code completeTask}): what was found, and the visits made for
 * it. A visit that names its task ({@link VisitDraft#task(String)}) completes it by
 * itself; this is for a task no visit completes. Builds the service's
 * {@code CompleteTaskInput}.
 */
public final class TaskCompletionDraft implements Draft {

	private final JSONObject input = new JSONObject();

	/**
	 * A completion.
	 * @param taskId the task's global id
	 * @param note what was found, 2 to 1,000 characters
	 */
	public TaskCompletionDraft(String taskId, String note) {
		this.input.put("taskId", taskId).put("note", note);
	}

	/**
	 * The visits made for it, by their uuids; they may still wait in the outbox, as the
	 * completion goes after them.
	 * @param uuids the visits' uuids
	 * @return this draft
	 */
	public TaskCompletionDraft visits(List<String> uuids) {
		this.input.put("visitIds", new JSONArray(uuids));
		return this;
	}

	@Override
	public WriteKind kind() {
		return WriteKind.TASK_COMPLETION;
	}

	@Override
	public JSONObject toInput(String completionId) {
		return new JSONObject(this.input.toString()).put("completionId", completionId);
	}

}
