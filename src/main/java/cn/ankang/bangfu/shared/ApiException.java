package cn.ankang.bangfu.shared;

/**
 * A failure the client caused or must know about, with a code and a message meant for
 * people. Thrown by services; turned into a GraphQL error in one place,
 * {@link GraphQlErrorPolicy}.
 */
public class ApiException extends RuntimeException {

	private final ErrorCode code;

	public ApiException(ErrorCode code, String message) {
		super(message);
		this.code = code;
	}

	public ErrorCode code() {
		return this.code;
	}

	public static ApiException invalidArgument(String message) {
		return new ApiException(ErrorCode.INVALID_ARGUMENT, message);
	}

}
