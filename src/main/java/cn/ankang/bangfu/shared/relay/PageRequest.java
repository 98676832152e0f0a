package cn.ankang.bangfu.shared.relay;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.time.DateTimeException;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.errors.ErrorCode;

/**
 * One page of a connection as asked by a client: how many items, and after which cursor.
 * Cursors are opaque to clients; inside they name the list they belong to and the sort
 * key of the item they point after, which is what keyset pagination needs.
 *
 * @param first how many items to return, 0 to {@value #MAX_FIRST}
 * @param after the cursor to continue after, or null for the first page
 */
public record PageRequest(int first, @Nullable String after) {

	/** Items per page when the client does not say. */
	public static final int DEFAULT_FIRST = 20;

	/** The most items one page may hold. */
	public static final int MAX_FIRST = 100;

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private static final String SEPARATOR = "\u001f";

	public PageRequest {
		if (first < 0 || first > MAX_FIRST) {
			throw ApiException
				.invalidArgument("'first' must be between 0 and %d, but was %d. Page through longer lists with 'after'."
					.formatted(MAX_FIRST, first));
		}
	}

	/**
	 * The page asked for by a field's {@code first} and {@code after} arguments.
	 * @throws ApiException {@code INVALID_ARGUMENT} when {@code first} is out of range
	 */
	public static PageRequest of(@Nullable Integer first, @Nullable String after) {
		return new PageRequest((first != null) ? first : DEFAULT_FIRST, after);
	}

	/**
	 * The number of rows to fetch: one more than asked, to learn whether a next page
	 * exists.
	 */
	public int fetchSize() {
		return this.first + 1;
	}

	/**
	 * The sort key inside the {@code after} cursor, or null on the first page.
	 * @param list the name of the list the cursor must belong to
	 * @param parts how many parts the sort key has
	 * @throws ApiException {@code INVALID_CURSOR} when the cursor is not one of this
	 * list's
	 */
	public @Nullable List<String> afterKey(String list, int parts) {
		if (this.after == null) {
			return null;
		}
		String text;
		try {
			text = new String(DECODER.decode(this.after), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw invalidCursor();
		}
		List<String> values = List.of(text.split(SEPARATOR, -1));
		if (values.size() != parts + 1 || !values.get(0).equals(list)) {
			throw invalidCursor();
		}
		return values.subList(1, values.size());
	}

	/**
	 * The {@code after} cursor's sort key read into a value, or null on the first page. A
	 * cursor whose parts do not read (a date that is not one, a number that is not one)
	 * is as invalid as one of another list.
	 * @param list the name of the list the cursor must belong to
	 * @param parts how many parts the sort key has
	 * @param reader reads the parts; its {@link DateTimeException} or
	 * {@link IllegalArgumentException} means a bad cursor
	 * @throws ApiException {@code INVALID_CURSOR} when the cursor is not one of this
	 * list's
	 */
	public <T> @Nullable T after(String list, int parts, Function<List<String>, T> reader) {
		List<String> key = afterKey(list, parts);
		if (key == null) {
			return null;
		}
		try {
			return reader.apply(key);
		}
		catch (DateTimeException | IllegalArgumentException ex) {
			throw invalidCursor();
		}
	}

	/**
	 * The {@code after} cursor's single numeric key, or null on the first page.
	 * @throws ApiException {@code INVALID_CURSOR} when the cursor is not one of this
	 * list's
	 */
	public @Nullable Long afterId(String list) {
		List<String> key = afterKey(list, 1);
		if (key == null) {
			return null;
		}
		try {
			return Long.parseLong(key.get(0));
		}
		catch (NumberFormatException ex) {
			throw invalidCursor();
		}
	}

	/** The cursor that points after an item of {@code list} with the given sort key. */
	public static String cursor(String list, Object... key) {
		StringBuilder text = new StringBuilder(list);
		for (Object part : key) {
			text.append(SEPARATOR).append(part);
		}
		return ENCODER.encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The error for an {@code after} cursor that does not belong to the list it was given
	 * to.
	 */
	public ApiException invalidCursor() {
		return new ApiException(ErrorCode.INVALID_CURSOR,
				"'after' is not a cursor of this list: '%s'. Use a cursor this list returned."
					.formatted(GlobalId.abbreviate(String.valueOf(this.after))));
	}

}
