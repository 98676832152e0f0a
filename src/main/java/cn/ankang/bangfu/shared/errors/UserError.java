package cn.ankang.bangfu.shared.errors;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An outcome of a mutation that the client branches on, returned in the payload's
 * {@code userErrors}.
 *
 * @param code what went wrong, for programs
 * @param message what went wrong, for people, in English
 * @param field the path of the input field at fault, empty when no one field is
 * @param chinese the message in Chinese where whoever raised the error wrote it
 * (validation of inputs); otherwise {@link Messages} finds it by code and field
 */
public record UserError(String code, String message, List<String> field, @Nullable String chinese) {

	public UserError(String code, String message, List<String> field) {
		this(code, message, field, null);
	}

	/** An error about one field of the mutation's input. */
	public static UserError of(String code, String message, String... field) {
		return new UserError(code, message, List.of(field));
	}

}
