package cn.ankang.bangfu.imports;

import java.util.List;

/**
 * A file refused as a whole (not a workbook, too large, a zip bomb, a hidden sheet, a
 * header without a required column): the import stops, and its message says why.
 */
final class ImportRefusal extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String key;

	private final List<String> args;

	/**
	 * @param key the message's key in {@code i18n/imports}
	 * @param args its arguments
	 */
	ImportRefusal(String key, String... args) {
		super(key, null, false, false);
		this.key = key;
		this.args = List.of(args);
	}

	String key() {
		return this.key;
	}

	List<String> args() {
		return this.args;
	}

}
