package cn.ankang.bangfu.monitoring;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.errors.UserError;
import cn.ankang.bangfu.shared.relay.GlobalId;

/**
 * What the workflow's mutations (case steps, task completions, warning resolutions) share
 * in reading their inputs beyond Bean Validation: ids decoded to keys, lists that name
 * each thing once, reasons of a given length, and the most visits one names.
 */
final class WorkflowInputs {

	/** The most visits a case step or task completion names as its proof. */
	static final int MAX_VISITS = 20;

	private WorkflowInputs() {
	}

	static @Nullable Long numericId(String id, String type) {
		try {
			return GlobalId.decodeNumeric(id, type);
		}
		catch (ApiException ex) {
			return null;
		}
	}

	/** The UUIDs of a list its constraints ({@code @Uuid}) have checked. */
	static List<UUID> uuids(@Nullable List<String> texts) {
		return (texts != null) ? texts.stream().map(UUID::fromString).toList() : List.of();
	}

	/** Refuses a list that names something twice (Bean Validation has no such rule). */
	static void eachOnce(@Nullable List<String> texts, List<UserError> errors, String field) {
		if (texts != null
				&& texts.stream().map((text) -> text.toLowerCase(java.util.Locale.ROOT)).distinct().count() != texts
					.size()) {
			errors.add(UserError.of("INVALID_INPUT", "Name each one once.", "input", field));
		}
	}

	static void text(@Nullable String text, int min, int max, List<UserError> errors, String field) {
		int length = (text != null) ? text.strip().length() : 0;
		if (length < min || length > max || (text != null && text.indexOf('\0') >= 0)) {
			errors.add(UserError.of("INVALID_INPUT",
					((min > 0) ? "Say why in %d to %d characters." : "At most %2$d characters, no NUL.").formatted(min,
							max),
					"input", field));
		}
	}

	static @Nullable String blankToNull(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

}
