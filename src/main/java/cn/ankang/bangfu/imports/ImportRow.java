package cn.ankang.bangfu.imports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.values.IdNumber;

/**
 * One data row of a file, read column by column as the kind's columns say. A value that
 * cannot be read is reported as a problem of its cell (and answered as null); so is a
 * required value that is missing, once.
 */
public final class ImportRow {

	private static final Pattern DATE = Pattern
		.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?(?:[ T].*)?");

	private static final Pattern COMPACT_DATE = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");

	private static final Pattern SCIENTIFIC = Pattern.compile("[0-9.]+[eE][+]?[0-9]+");

	private static final Pattern SEPARATORS = Pattern.compile("[、,，;；\\s]+");

	private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

	private static final LocalDate EXCEL_1904_EPOCH = LocalDate.of(1904, 1, 1);

	private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

	private final String sheet;

	private final Spreadsheets.Line line;

	private final Map<String, Integer> indexes;

	private final Map<String, ImportColumn> columns;

	private final Findings findings;

	private final boolean date1904;

	private final Set<String> reported = new LinkedHashSet<>();

	private boolean problems;

	ImportRow(String sheet, Spreadsheets.Line line, Map<String, Integer> indexes, Map<String, ImportColumn> columns,
			Findings findings, boolean date1904) {
		this.sheet = sheet;
		this.line = line;
		this.indexes = indexes;
		this.columns = columns;
		this.findings = findings;
		this.date1904 = date1904;
	}

	/** The row's number as the spreadsheet shows it. */
	public int number() {
		return this.line.number();
	}

	/** Whether any problem was reported for this row. */
	public boolean hasProblems() {
		return this.problems;
	}

	/**
	 * Reports a problem of the row, at a column if it is about one.
	 * @param column the column's key, or null for the row as a whole
	 * @param message the message's key in {@code i18n/imports}
	 */
	public void problem(@Nullable String column, String message, String... args) {
		this.problems = true;
		this.findings.problem(this.sheet, number(), (column != null) ? header(column) : null, message, args);
	}

	/**
	 * Reports what is worth a look but does not refuse the row (a gender that its ID
	 * number's digit contradicts: the file's is taken).
	 */
	public void notice(String column, String message, String... args) {
		this.findings.notice(this.sheet, number(), header(column), message, args);
	}

	/** The column's text, stripped, or null when empty. */
	public @Nullable String text(String key) {
		Spreadsheets.Cell cell = cell(key);
		if (cell == null) {
			return null;
		}
		String text = textOf(cell);
		ImportColumn column = this.columns.get(key);
		if (column.type() == ImportColumn.Type.LINES && text != null) {
			text = text.replace("\r\n", "\n").replace('\r', '\n');
		}
		if ((column.type() == ImportColumn.Type.TEXT || column.type() == ImportColumn.Type.LINES) && text != null) {
			boolean lines = column.type() == ImportColumn.Type.LINES;
			boolean control = text.chars().anyMatch((c) -> Character.isISOControl(c) && !(lines && c == '\n'));
			if (text.length() > column.max() || control) {
				cellProblem(key, "cell.text", text, Integer.toString(column.max()));
				return null;
			}
		}
		return text;
	}

	/** An ID number with a valid check digit (a lower-case x is read as X). */
	public @Nullable String idNumber(String key) {
		Spreadsheets.Cell cell = cell(key);
		if (cell == null) {
			return null;
		}
		if (cell.type() == Spreadsheets.Cell.Type.NUMBER || SCIENTIFIC.matcher(cell.text().strip()).matches()) {
			cellProblem(key, "cell.idNumberAsNumber", display(cell));
			return null;
		}
		String text = cell.text().strip().toUpperCase(java.util.Locale.ROOT);
		if (!IdNumber.Validator.isValid(text)) {
			cellProblem(key, "cell.idNumber", text);
			return null;
		}
		return text;
	}

	/** A day, from a date cell (an Excel serial) or text in a usual form. */
	public @Nullable LocalDate date(String key) {
		Spreadsheets.Cell cell = cell(key);
		if (cell == null) {
			return null;
		}
		LocalDate date = null;
		if (cell.type() == Spreadsheets.Cell.Type.NUMBER && cell.number() != null) {
			long days = cell.number().setScale(0, RoundingMode.FLOOR).longValue();
			if (days > 0 && days < 2_958_466) {
				date = (this.date1904 ? EXCEL_1904_EPOCH : EXCEL_EPOCH).plusDays(days);
			}
		}
		else {
			date = parseDate(cell.text().strip());
		}
		if (date == null || date.isBefore(EARLIEST) || date.getYear() > 2100) {
			cellProblem(key, "cell.date", display(cell));
			return null;
		}
		return date;
	}

	/**
	 * The birth date an ID number carries (digits 7 to 14), or null when it names no day.
	 */
	public static @Nullable LocalDate idBirthDate(String idNumber) {
		LocalDate date = parseDate(idNumber.substring(6, 14));
		return (date != null && !date.isBefore(EARLIEST)) ? date : null;
	}

	static @Nullable LocalDate parseDate(String text) {
		try {
			Matcher matcher = DATE.matcher(text);
			if (matcher.matches()) {
				return LocalDate.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
						Integer.parseInt(matcher.group(3)));
			}
			if (COMPACT_DATE.matcher(text).matches()) {
				return LocalDate.parse(text, DateTimeFormatter.BASIC_ISO_DATE);
			}
		}
		catch (java.time.DateTimeException ex) {
			// a day that does not exist, such as 2023-02-30
		}
		return null;
	}

	/** An amount in yuan, as fen. */
	public @Nullable Long fen(String key) {
		BigDecimal yuan = number(key, "cell.money");
		if (yuan == null) {
			return null;
		}
		if (yuan.signum() < 0 || yuan.stripTrailingZeros().scale() > 2
				|| yuan.compareTo(BigDecimal.valueOf(1e12)) > 0) {
			cellProblem(key, "cell.money", yuan.toPlainString());
			return null;
		}
		return yuan.movePointRight(2).longValueExact();
	}

	/** A whole number, not negative. */
	public @Nullable Integer integer(String key) {
		BigDecimal number = number(key, "cell.integer");
		if (number == null) {
			return null;
		}
		if (number.signum() < 0 || number.stripTrailingZeros().scale() > 0
				|| number.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
			cellProblem(key, "cell.integer", number.toPlainString());
			return null;
		}
		return number.intValueExact();
	}

	/** A decimal number, such as a latitude. */
	public @Nullable BigDecimal decimal(String key) {
		return number(key, "cell.decimal");
	}

	/** A year between 2000 and 2100 (年 after it is allowed). */
	public @Nullable Integer year(String key) {
		Spreadsheets.Cell cell = cell(key);
		if (cell == null) {
			return null;
		}
		String text = display(cell).replace("年", "");
		try {
			int year = new BigDecimal(text).intValueExact();
			if (year >= 2000 && year <= 2100) {
				return year;
			}
		}
		catch (NumberFormatException | ArithmeticException ex) {
			// reported below
		}
		cellProblem(key, "cell.year", display(cell));
		return null;
	}

	/** The code a choice cell names. */
	public @Nullable String choice(String key) {
		Spreadsheets.Cell cell = cell(key);
		if (cell == null) {
			return null;
		}
		String text = display(cell);
		String code = this.columns.get(key).codeOf(text);
		if (code == null) {
			cellProblem(key, "cell.choice", text, String.join("、", this.columns.get(key).names()));
		}
		return code;
	}

	/** The codes a cell of several choices names, each once, in the codes' order. */
	public List<String> choices(String key) {
		Spreadsheets.Cell cell = cell(key);
		if (cell == null) {
			return List.of();
		}
		Set<String> codes = new LinkedHashSet<>();
		for (String name : SEPARATORS.split(display(cell))) {
			if (name.isEmpty()) {
				continue;
			}
			String code = this.columns.get(key).codeOf(name);
			if (code == null) {
				cellProblem(key, "cell.choice", name, String.join("、", this.columns.get(key).names()));
				return List.of();
			}
			codes.add(code);
		}
		// in the codes' own order, whatever order the cell names them in
		List<String> order = new ArrayList<>(new LinkedHashSet<>(this.columns.get(key).choices().values()));
		List<String> sorted = new ArrayList<>(codes);
		sorted.sort(java.util.Comparator.comparingInt(order::indexOf));
		return sorted;
	}

	/** An 11-digit mobile phone number. */
	public @Nullable String phone(String key) {
		Spreadsheets.Cell cell = cell(key);
		if (cell == null) {
			return null;
		}
		String text = display(cell).replace(" ", "").replace("-", "");
		if (!text.matches("1[0-9]{10}")) {
			cellProblem(key, "cell.phone", display(cell));
			return null;
		}
		return text;
	}

	/** A code of the column's number of digits. */
	public @Nullable String code(String key) {
		Spreadsheets.Cell cell = cell(key);
		if (cell == null) {
			return null;
		}
		String text = display(cell);
		int digits = this.columns.get(key).max();
		if (!text.matches("[0-9]{" + digits + "}")) {
			cellProblem(key, "cell.code", text, Integer.toString(digits));
			return null;
		}
		return text;
	}

	private @Nullable BigDecimal number(String key, String message) {
		Spreadsheets.Cell cell = cell(key);
		if (cell == null) {
			return null;
		}
		if (cell.type() == Spreadsheets.Cell.Type.NUMBER && cell.number() != null) {
			return cell.number();
		}
		String text = cell.text().strip().replace(",", "").replace("，", "").replace("元", "");
		try {
			return new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			cellProblem(key, message, display(cell));
			return null;
		}
	}

	/**
	 * The column's cell, or null when it is empty (a required one reported as missing), a
	 * formula or an error value (reported as such), or the file has no such column.
	 */
	private Spreadsheets.@Nullable Cell cell(String key) {
		ImportColumn column = this.columns.get(key);
		if (column == null) {
			throw new IllegalArgumentException("No column " + key);
		}
		Integer index = this.indexes.get(key);
		Spreadsheets.Cell cell = (index != null) ? this.line.cell(index) : Spreadsheets.Cell.EMPTY;
		switch (cell.type()) {
			case FORMULA -> {
				cellProblem(key, "cell.formula", cell.text());
				return null;
			}
			case ERROR -> {
				cellProblem(key, "cell.error", cell.text());
				return null;
			}
			default -> {
				if (cell.isBlank()) {
					if (column.required()) {
						cellProblem(key, "cell.required");
					}
					return null;
				}
				return cell;
			}
		}
	}

	private void cellProblem(String key, String message, String... args) {
		// a cell read twice (as text, then as a date) is reported once
		if (this.reported.add(key)) {
			String[] all = new String[args.length + 1];
			all[0] = header(key);
			System.arraycopy(args, 0, all, 1, args.length);
			this.problems = true;
			this.findings.problem(this.sheet, number(), header(key), message, all);
		}
	}

	private String header(String key) {
		ImportColumn column = this.columns.get(key);
		return (column != null) ? column.header() : key;
	}

	private static @Nullable String textOf(Spreadsheets.Cell cell) {
		String text = display(cell);
		return text.isEmpty() ? null : text;
	}

	/** A cell as a person reads it: a whole number without ".0", text stripped. */
	static String display(Spreadsheets.Cell cell) {
		if (cell.type() == Spreadsheets.Cell.Type.NUMBER && cell.number() != null) {
			BigDecimal number = cell.number().stripTrailingZeros();
			return (number.scale() < 0) ? number.setScale(0).toPlainString() : number.toPlainString();
		}
		return cell.text().strip();
	}

}
