package cn.ankang.bangfu.imports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import cn.ankang.bangfu.shared.values.Labels;

/**
 * A column of a kind of import: found in a file by its header (or one of its aliases, as
 * other systems name it), read as its type, and described in the template.
 *
 * @param key the name programs use for it
 * @param header its header in the template, in Chinese
 * @param aliases other headers that name it
 * @param required whether every row must fill it
 * @param type how its cells are read
 * @param choices for a choice, each name or code a cell may hold, to the code it means
 * @param names for a choice, the names the template's dropdown offers, in order
 * @param max for text, the most characters; for a code, its digits
 * @param note what the template's notes say of it
 * @param example the template's example value
 */
public record ImportColumn(String key, String header, List<String> aliases, boolean required, Type type,
		Map<String, String> choices, List<String> names, int max, String note, String example) {

	/** How a column's cells are read. */
	public enum Type {

		/** Text of 1 to {@code max} characters, without control characters. */
		TEXT,
		/**
		 * Text of 1 to {@code max} characters that may run over several lines (a cell
		 * typed with Alt+Enter), without other control characters.
		 */
		LINES,
		/** An 18-character ID number with its check digit (GB 11643), kept as text. */
		ID_NUMBER,
		/**
		 * A day: a date cell, or text such as 2023-05-01, 2023/5/1, 2023年5月1日, 20230501.
		 */
		DATE,
		/** Yuan, at most to the fen, not negative. */
		MONEY,
		/** A whole number, not negative. */
		INTEGER,
		/** A decimal number, such as a latitude. */
		DECIMAL,
		/** A year between 2000 and 2100. */
		YEAR,
		/** One of the choices. */
		CHOICE,
		/** Any of the choices, separated by 、 , ， ; ； or spaces. */
		CHOICES,
		/** An 11-digit mobile phone number. */
		PHONE,
		/** A code of exactly {@code max} digits (an administrative division's). */
		CODE

	}

	/** Text of 1 to {@code max} characters. */
	public static ImportColumn text(String key, String header, boolean required, int max) {
		return new ImportColumn(key, header, List.of(), required, Type.TEXT, Map.of(), List.of(), max, "", "");
	}

	/** Text of 1 to {@code max} characters, over several lines if need be. */
	public static ImportColumn lines(String key, String header, boolean required, int max) {
		return new ImportColumn(key, header, List.of(), required, Type.LINES, Map.of(), List.of(), max, "", "");
	}

	public static ImportColumn of(String key, String header, boolean required, Type type) {
		return new ImportColumn(key, header, List.of(), required, type, Map.of(), List.of(), 0, "", "");
	}

	/** A code of {@code digits} digits. */
	public static ImportColumn code(String key, String header, boolean required, int digits) {
		return new ImportColumn(key, header, List.of(), required, Type.CODE, Map.of(), List.of(), digits, "", "");
	}

	/**
	 * One of the codes of a label group ({@link Labels}): a cell holds its Chinese name
	 * or the code itself.
	 */
	public static ImportColumn choice(String key, String header, boolean required, String labelGroup) {
		return choices(key, header, required, Type.CHOICE, Labels.of(labelGroup));
	}

	/** Any of the codes of a label group, several in one cell. */
	public static ImportColumn choices(String key, String header, boolean required, String labelGroup) {
		return choices(key, header, required, Type.CHOICES, Labels.of(labelGroup));
	}

	private static ImportColumn choices(String key, String header, boolean required, Type type,
			Map<String, String> labels) {
		Map<String, String> choices = new LinkedHashMap<>();
		labels.forEach((code, name) -> {
			choices.put(name, code);
			choices.put(code.toLowerCase(Locale.ROOT), code);
		});
		return new ImportColumn(key, header, List.of(), required, type, Collections.unmodifiableMap(choices),
				List.copyOf(labels.values()), 0, "", "");
	}

	/** The column also found under these headers. */
	public ImportColumn alias(String... headers) {
		List<String> all = new ArrayList<>(this.aliases);
		all.addAll(List.of(headers));
		return new ImportColumn(this.key, this.header, List.copyOf(all), this.required, this.type, this.choices,
				this.names, this.max, this.note, this.example);
	}

	/** A choice also read from these names, as other systems write them. */
	public ImportColumn accept(String code, String... names) {
		Map<String, String> choices = new LinkedHashMap<>(this.choices);
		for (String name : names) {
			choices.put(name, code);
		}
		return new ImportColumn(this.key, this.header, this.aliases, this.required, this.type,
				Collections.unmodifiableMap(choices), this.names, this.max, this.note, this.example);
	}

	public ImportColumn note(String note) {
		return new ImportColumn(this.key, this.header, this.aliases, this.required, this.type, this.choices, this.names,
				this.max, note, this.example);
	}

	public ImportColumn example(String example) {
		return new ImportColumn(this.key, this.header, this.aliases, this.required, this.type, this.choices, this.names,
				this.max, this.note, example);
	}

	/** The code a cell's text names, or null. */
	String codeOf(String text) {
		String code = this.choices.get(text);
		return (code != null) ? code : this.choices.get(text.toLowerCase(Locale.ROOT));
	}

}
