package cn.ankang.client;

import java.util.List;

/**
 * The service refused the request for what it is (a 4xx status or a GraphQL error with a
 * code such as {@code FORBIDDEN} or {@code GRAPHQL_VALIDATION_FAILED}): sending it again
 * unchanged fails again, so callers stop and keep their data for a person to look at.
 */
public class PermanentException extends BangfuException {

	private final int status;

	/**
	 * A refusal.
	 * @param message the service's message, for people
	 * @param status the HTTP status
	 * @param codes the error codes of the answer
	 */
	public PermanentException(String message, int status, List<String> codes) {
		super(message, codes, null);
		this.status = status;
	}

	/**
	 * The HTTP status of the answer.
	 * @return the status
	 */
	public int status() {
		return this.status;
	}

}
