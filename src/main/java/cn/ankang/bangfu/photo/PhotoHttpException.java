package cn.ankang.bangfu.photo;

import org.springframework.http.HttpStatus;

/**
 * A refusal of the photo endpoints, answered with its HTTP status and a coded error in
 * the shape GraphQL errors have.
 */
class PhotoHttpException extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	PhotoHttpException(HttpStatus status, String code, String message) {
		super(message);
		this.status = status;
		this.code = code;
	}

	HttpStatus status() {
		return this.status;
	}

	String code() {
		return this.code;
	}

}
