package cn.ankang.bangfu.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.jspecify.annotations.Nullable;

/**
 * Writes a table row by row to a stream, never holding it whole: CSV or .xlsx.
 */
interface TableWriter extends AutoCloseable {

	void row(List<? extends @Nullable Object> values) throws IOException;

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

		TableWriter open(OutputStream out, String sheet) throws IOException {
			return (this == CSV) ? new Csv(out) : new Xlsx(out, sheet);
		}

	}

	/** CSV as Excel reads it: UTF-8 with a byte-order mark, CRLF, quotes where needed. */
	final class Csv implements TableWriter {

		private final CSVPrinter printer;

		Csv(OutputStream out) throws IOException {
			OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
			// without the mark, Excel on Chinese Windows reads the file as GBK and
			// garbles it
			writer.write('\uFEFF');
			this.printer = new CSVPrinter(writer, CSVFormat.EXCEL);
		}

		@Override
		public void row(List<? extends @Nullable Object> values) throws IOException {
			List<@Nullable Object> cells = new java.util.ArrayList<>(values.size());
			for (Object value : values) {
				cells.add((value instanceof CharSequence text) ? neutral(text.toString()) : value);
			}
			this.printer.printRecord(cells);
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

	/** An .xlsx workbook of one sheet, written row by row and flushed as it goes. */
	final class Xlsx implements TableWriter {

		private static final int FLUSH_EVERY = 1_000;

		private final Workbook workbook;

		private final Worksheet sheet;

		private int next;

		Xlsx(OutputStream out, String name) {
			this.workbook = new Workbook(out, "Bangfu", "1.0");
			this.sheet = this.workbook
				.newWorksheet(name.isBlank() ? "Sheet1" : name.substring(0, Math.min(31, name.length())));
		}

		@Override
		public void row(List<? extends @Nullable Object> values) throws IOException {
			for (int column = 0; column < values.size(); column++) {
				Object value = values.get(column);
				if (value instanceof Number number) {
					this.sheet.value(this.next, column, number);
				}
				else if (value instanceof Boolean bool) {
					this.sheet.value(this.next, column, bool);
				}
				else if (value != null) {
					// inline, not in the shared-strings table, which would hold every
					// distinct
					// string (a million visit ids) in memory until the end
					this.sheet.inlineString(this.next, column, value.toString());
				}
			}
			this.next++;
			if (this.next % FLUSH_EVERY == 0) {
				this.sheet.flush();
			}
		}

		@Override
		public void close() throws IOException {
			this.workbook.finish();
		}

	}

}
