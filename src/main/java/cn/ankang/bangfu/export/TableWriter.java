package cn.ankang.bangfu.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.view.ViewColumn;
import cn.ankang.bangfu.view.ViewColumnType;

/**
 * Writes a table row by row to a stream, never holding it whole: CSV or .xlsx, each cell
 * as its column's type says (numbers as numbers, money in yuan, shares as percentages,
 * dates as dates, times in Beijing time, codes and ID numbers as text).
 */
interface TableWriter extends AutoCloseable {

	/** The columns, once, before any row: the head row. */
	void header(List<ViewColumn> columns) throws IOException;

	/**
	 * A row, one value per column, as {@link Cells#typed} reads them (a view's table
	 * cells, or Java values).
	 */
	void row(List<? extends @Nullable Object> values) throws IOException;

	/** Finishes the file; a file not finished is not whole (an .xlsx does not open). */
	@Override
	void close() throws IOException;

	/** The formats a table downloads in. */
	enum Format {

		CSV("text/csv; charset=UTF-8", "csv"),
		XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

		private final String contentType;

		private final String extension;

		Format(String contentType, String extension) {
			this.contentType = contentType;
			this.extension = extension;
		}

		String contentType() {
			return this.contentType;
		}

		String extension() {
			return this.extension;
		}

		TableWriter open(OutputStream out, String sheet, ZoneId zone) throws IOException {
			return (this == CSV) ? new Csv(out, zone) : new Xlsx(out, sheet, zone);
		}

	}

	/**
	 * CSV as Excel reads it: UTF-8 with a byte-order mark, CRLF, quotes where needed;
	 * numbers plain, dates ISO ({@code 2023-12-31}), times in Beijing time
	 * ({@code 2023-12-31 08:30:00}), yes/no as 是/否.
	 */
	final class Csv implements TableWriter {

		private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

		// what Excel would read as a number: digits, a sign, a point, an exponent
		private static final Pattern NUMERIC = Pattern.compile("[+-]?[0-9][0-9.,]*([eE][+-]?[0-9]+)?");

		private final CSVPrinter printer;

		private final ZoneId zone;

		private List<ViewColumn> columns = List.of();

		Csv(OutputStream out, ZoneId zone) throws IOException {
			OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
			// without the mark, Excel on Chinese Windows reads the file as GBK and
			// garbles it
			writer.write('\uFEFF');
			this.printer = new CSVPrinter(writer, CSVFormat.EXCEL);
			this.zone = zone;
		}

		@Override
		public void header(List<ViewColumn> columns) throws IOException {
			this.columns = List.copyOf(columns);
			List<String> names = new ArrayList<>(columns.size());
			for (ViewColumn column : columns) {
				names.add(neutral(column.name()));
			}
			this.printer.printRecord(names);
		}

		@Override
		public void row(List<? extends @Nullable Object> values) throws IOException {
			List<@Nullable Object> cells = new ArrayList<>(values.size());
			for (int i = 0; i < values.size(); i++) {
				ViewColumnType type = (i < this.columns.size()) ? this.columns.get(i).type() : ViewColumnType.TEXT;
				cells.add(cell(type, Cells.typed(type, values.get(i), this.zone)));
			}
			this.printer.printRecord(cells);
		}

		private static @Nullable Object cell(ViewColumnType type, @Nullable Object value) {
			if (value == null) {
				return null;
			}
			if (value instanceof BigDecimal decimal) {
				return decimal.toPlainString();
			}
			if (value instanceof Number) {
				return value;
			}
			if (value instanceof LocalDateTime time) {
				return TIME.format(time);
			}
			if (value instanceof LocalDate date) {
				return date.toString();
			}
			String text = value.toString();
			if (type == ViewColumnType.IDENTIFIER && NUMERIC.matcher(text).matches()) {
				return identifier(text);
			}
			return neutral(text);
		}

		/**
		 * An identifier of digits (an ID number, a phone number, a code) as the formula
		 * {@code ="6109…"}, which Excel, WPS and LibreOffice show as exactly that text:
		 * written plain, Excel reads it as a number and shows 18 digits as 6.1E+17 and
		 * rounds them past the 15th, and an apostrophe or a leading tab stay visible in
		 * the cell. The formula holds nothing but the digits checked here, so it cannot
		 * carry one of the injected formulas {@link #neutral} stops.
		 */
		static String identifier(String digits) {
			return "=\"" + digits + "\"";
		}

		/**
		 * Text Excel would take for a formula (=, +, -, @, or a tab or carriage return
		 * first) starts with an apostrophe instead: a name or a note typed as
		 * {@code =HYPERLINK(…)} stays text in the officer's spreadsheet (CSV injection).
		 * Numbers are written as numbers and keep their sign.
		 */
		static String neutral(String text) {
			return (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) ? "'" + text : text;
		}

		@Override
		public void close() throws IOException {
			this.printer.close(true);
		}

	}

	/**
	 * An .xlsx workbook of one sheet, written row by row and flushed as it goes: a bold,
	 * frozen head row with filters, columns as wide as their heads and values need, and
	 * typed cells with number formats.
	 */
	final class Xlsx implements TableWriter {

		private static final int FLUSH_EVERY = 1_000;

		private final Workbook workbook;

		private final Worksheet sheet;

		private final ZoneId zone;

		private List<ViewColumn> columns = List.of();

		private int next;

		Xlsx(OutputStream out, String name, ZoneId zone) {
			this.workbook = new Workbook(out, "Bangfu", "1.0");
			this.sheet = this.workbook.newWorksheet(sheetName(name));
			this.zone = zone;
		}

		/** A sheet's name: at most 31 characters, none of {@code : \ / ? * [ ]}. */
		static String sheetName(String name) {
			String clean = name.replaceAll("[:\\\\/?*\\[\\]]", "_").strip();
			return clean.isEmpty() ? "Sheet1" : clean.substring(0, Math.min(31, clean.length()));
		}

		@Override
		public void header(List<ViewColumn> columns) throws IOException {
			this.columns = List.copyOf(columns);
			for (int column = 0; column < columns.size(); column++) {
				ViewColumn head = columns.get(column);
				this.sheet.value(this.next, column, head.name());
				this.sheet.style(this.next, column).bold().fillColor("DDEBF7").set();
				this.sheet.width(column, width(head));
			}
			// before the first flush: the pane and the widths come before the rows in
			// the sheet's XML
			this.sheet.freezePane(0, 1);
			this.next++;
		}

		/**
		 * Wide enough for the head (a Chinese character takes two) and for the values.
		 */
		static double width(ViewColumn column) {
			int head = 0;
			for (char c : column.name().toCharArray()) {
				head += (c > 0x2E80) ? 2 : 1;
			}
			int values = switch (column.type()) {
				case IDENTIFIER -> 22;
				case MONEY -> 16;
				case DATE_TIME -> 17;
				case DATE -> 12;
				case INTEGER, DECIMAL -> 12;
				case RATIO, BOOLEAN -> 8;
				case ENUM -> 14;
				case TEXT -> 16;
			};
			return Math.min(60, Math.max(head + 3, values));
		}

		@Override
		public void row(List<? extends @Nullable Object> values) throws IOException {
			for (int column = 0; column < values.size(); column++) {
				ViewColumnType type = (column < this.columns.size()) ? this.columns.get(column).type()
						: ViewColumnType.TEXT;
				Object value = Cells.typed(type, values.get(column), this.zone);
				if (value == null) {
					continue;
				}
				String format = null;
				if (value instanceof Number number) {
					this.sheet.value(this.next, column, number);
					format = switch (type) {
						case MONEY -> "#,##0.00";
						case RATIO -> "0.0%";
						case INTEGER -> "#,##0";
						default -> null;
					};
				}
				else if (value instanceof LocalDateTime time) {
					this.sheet.value(this.next, column, time);
					format = "yyyy-mm-dd hh:mm";
				}
				else if (value instanceof LocalDate date) {
					this.sheet.value(this.next, column, date);
					format = "yyyy-mm-dd";
				}
				else {
					// inline, not in the shared-strings table, which would hold every
					// distinct string (a million visit ids) in memory until the end
					this.sheet.inlineString(this.next, column, value.toString());
				}
				if (format != null) {
					this.sheet.style(this.next, column).format(format).set();
				}
			}
			this.next++;
			if (this.next % FLUSH_EVERY == 0) {
				this.sheet.flush();
			}
		}

		@Override
		public void close() throws IOException {
			if (!this.columns.isEmpty()) {
				this.sheet.setAutoFilter(0, 0, Math.max(0, this.next - 1), this.columns.size() - 1);
			}
			this.workbook.finish();
		}

	}

}
