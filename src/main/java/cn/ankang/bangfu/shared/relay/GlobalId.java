package cn.ankang.bangfu.shared.relay;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.errors.ErrorCode;

/**
 * A global object id as Relay wants it: the GraphQL type name and the object's key within
 * that type, encoded so that clients treat it as opaque
 * ({@code base64url("Village:123")}).
 *
 * @param type the GraphQL type name, e.g. {@code Village}
 * @param key the key within the type: a number or a UUID
 */
public record GlobalId(String type, String key) {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	/** The encoded id of an object of {@code type} with the numeric key {@code key}. */
	public static String of(String type, long key) {
		return of(type, Long.toString(key));
	}

	/** The encoded id of an object of {@code type} with {@code key}. */
	public static String of(String type, String key) {
		return ENCODER.encodeToString((type + ":" + key).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Decodes an id handed out by {@link #of}.
	 * @throws ApiException {@code INVALID_ID} when the text is not such an id
	 */
	public static GlobalId decode(String id) {
		String text;
		try {
			text = new String(DECODER.decode(id), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(id);
		}
		int colon = text.indexOf(':');
		if (colon <= 0 || colon == text.length() - 1) {
			throw invalid(id);
		}
		return new GlobalId(text.substring(0, colon), text.substring(colon + 1));
	}

	/**
	 * Decodes an id that must name an object of {@code expectedType} with a numeric key.
	 * @throws ApiException {@code INVALID_ID} when it is not such an id
	 */
	public static long decodeNumeric(String id, String expectedType) {
		GlobalId decoded = decode(id);
		if (!decoded.type().equals(expectedType)) {
			throw new ApiException(ErrorCode.INVALID_ID,
					"Id '%s' is not the id of a %s.".formatted(abbreviate(id), expectedType));
		}
		return decoded.numericKey();
	}

	/**
	 * The numeric key of an id that names an object of {@code type}, or empty when the id
	 * is not one: for inputs, where an id that names nothing is a user error like an id
	 * of nothing the user may see.
	 */
	public static java.util.Optional<Long> numericKeyOf(String id, String type) {
		try {
			return java.util.Optional.of(decodeNumeric(id, type));
		}
		catch (ApiException ex) {
			return java.util.Optional.empty();
		}
	}

	/**
	 * The key as a number.
	 * @throws ApiException {@code INVALID_ID} when the key is not a positive number
	 */
	public long numericKey() {
		try {
			long value = Long.parseLong(this.key);
			if (value > 0) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// falls through to the coded error
		}
		throw invalid(of(this.type, this.key));
	}

	private static ApiException invalid(String id) {
		return new ApiException(ErrorCode.INVALID_ID, "'%s' is not a valid id.".formatted(abbreviate(id)));
	}

	static String abbreviate(String text) {
		return (text.length() <= 60) ? text : text.substring(0, 57) + "...";
	}

}
