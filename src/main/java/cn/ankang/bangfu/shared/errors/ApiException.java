package cn.ankang.bangfu.shared.errors;

import java.util.Map;

/**
 * A failure the client caused or must know about, with a code and a message meant for
 * people. Thrown by services; turned into a GraphQL error in one place,
 * {@link GraphQlErrorPolicy}.
 */
public class ApiException extends RuntimeException {

	/** The extension that names the argument at fault, when one is. */
	public static final String ARGUMENT = "argument";

	private final ErrorCode code;

	private final Map<String, Object> details;

	public ApiException(ErrorCode code, String message) {
		this(code, message, Map.of());
	}

	/**
	 * An exception whose GraphQL error carries {@code details} in its extensions beside
	 * the code, e.g. {@code retryAfterSeconds}.
	 */
	public ApiException(ErrorCode code, String message, Map<String, Object> details) {
		super(message);
		this.code = code;
		this.details = Map.copyOf(details);
	}

	public ErrorCode code() {
		return this.code;
	}

	/** What the error's extensions carry beside the code. */
	public Map<String, Object> details() {
		return this.details;
	}

	public static ApiException unauthenticated() {
		return new ApiException(ErrorCode.UNAUTHENTICATED,
				"Sign in first: send 'Authorization: Bearer <access token>' from the login mutation.");
	}

	/**
	 * The database, or something the request needs that lives there, could not be
	 * reached: nothing was done, and the same request may be sent again shortly.
	 */
	public static ApiException unavailable(String message) {
		return new ApiException(ErrorCode.SERVICE_UNAVAILABLE, message,
				Map.of("retryAfterSeconds", HttpErrors.RETRY_AFTER_SECONDS));
	}

	public static ApiException forbidden(String message) {
		return new ApiException(ErrorCode.FORBIDDEN, message);
	}

	public static ApiException invalidArgument(String message) {
		return new ApiException(ErrorCode.INVALID_ARGUMENT, message);
	}

	/**
	 * An {@code INVALID_ARGUMENT} that names the argument at fault in its extensions
	 * ({@code argument}), so that its message can be worded for that argument
	 * ({@code error.INVALID_ARGUMENT.<argument>} in {@code i18n/errors_zh.properties}).
	 */
	public static ApiException invalidArgument(String argument, String message) {
		return new ApiException(ErrorCode.INVALID_ARGUMENT, message, Map.of(ARGUMENT, argument));
	}

}
