package cn.ankang.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A request to the service that did not give an answer to use. Callers branch on the two
 * kinds: {@link TransientException} (try again later, unchanged) and
 * {@link PermanentException} (sending the same again will fail the same way).
 */
public abstract class BangfuException extends Exception {

	private final List<String> codes;

	BangfuException(String message, List<String> codes, Throwable cause) {
		super(message, cause);
		this.codes = Collections.unmodifiableList(new ArrayList<>(codes));
	}

	/**
	 * The {@code extensions.code} of each error the service answered with, in order;
	 * empty when there was no answer.
	 * @return the codes
	 */
	public List<String> codes() {
		return this.codes;
	}

	/**
	 * Whether the service answered with this error code.
	 * @param code an error code such as {@code FORBIDDEN}
	 * @return whether it is among {@link #codes()}
	 */
	public boolean hasCode(String code) {
		return this.codes.contains(code);
	}

}
