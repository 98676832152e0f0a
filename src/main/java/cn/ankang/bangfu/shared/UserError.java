package cn.ankang.bangfu.shared;

import java.util.List;

/**
 * An outcome of a mutation that the client branches on, returned in the payload's
 * {@code userErrors}.
 *
 * @param code what went wrong, for programs
 * @param message what went wrong, for people
 * @param field the path of the input field at fault, empty when no one field is
 */
public record UserError(String code, String message, List<String> field) {

	/** An error about one field of the mutation's input. */
	public static UserError of(String code, String message, String... field) {
		return new UserError(code, message, List.of(field));
	}

}
