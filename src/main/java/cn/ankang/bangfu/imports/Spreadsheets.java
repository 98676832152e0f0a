package cn.ankang.bangfu.imports;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.jspecify.annotations.Nullable;

/**
 * Reads an uploaded file as lines of cells, one at a time: an XLSX workbook's sheet
 * streamed from the stored file (never the whole workbook in memory), or a CSV file in
 * UTF-8 (with or without BOM) or GB18030, whichever it is. Cells are read as stored: a
 * formula is reported as one, never evaluated. This class says what a file is and what
 * its lines hold; {@link XlsxLines} and {@link CsvLines} read each format, and
 * {@link XlsxInspection} checks a workbook before it is opened.
 */
final class Spreadsheets {

	private Spreadsheets() {
	}

	/** The kinds of file an import reads. */
	enum Format {

		XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), CSV("text/csv");

		private final String contentType;

		Format(String contentType) {
			this.contentType = contentType;
		}

		String contentType() {
			return this.contentType;
		}

	}

	/**
	 * One cell as the file stores it.
	 *
	 * @param type what the cell holds
	 * @param text its text as stored (a number's digits, a formula's cached value)
	 * @param number a number cell's value
	 */
	record Cell(Type type, String text, @Nullable BigDecimal number) {

		static final Cell EMPTY = new Cell(Type.EMPTY, "", null);

		enum Type {

			EMPTY, TEXT, NUMBER, BOOLEAN, FORMULA, ERROR

		}

		boolean isBlank() {
			return this.type == Type.EMPTY || (this.type == Type.TEXT && this.text.isBlank());
		}

	}

	/**
	 * One line of a sheet.
	 *
	 * @param number the line's number as the spreadsheet shows it (the header is 1)
	 * @param cells the cells from the first column on
	 */
	record Line(int number, List<Cell> cells) {

		Cell cell(int index) {
			return (index < this.cells.size()) ? this.cells.get(index) : Cell.EMPTY;
		}

		boolean isBlank() {
			return this.cells.stream().allMatch(Cell::isBlank);
		}

	}

	/** The lines of the sheet read, from the header on. */
	interface Lines extends Iterator<Line>, Closeable {

		/** The sheet's name (a CSV file's is its file name). */
		String sheet();

		/** Whether the workbook counts dates from 1904 (old Mac Excel). */
		boolean date1904();

	}

	/**
	 * The file's format, judged by its content and checked against its name.
	 * @throws ImportRefusal when it is neither, an old .xls file, or named as the other
	 */
	static Format format(Path file, String fileName) throws IOException {
		byte[] head;
		try (InputStream in = Files.newInputStream(file)) {
			head = in.readNBytes(8);
		}
		if (head.length == 0) {
			throw new ImportRefusal("file.empty");
		}
		// the reader's header tests want eight bytes, which a tiny text file does not
		// have
		head = java.util.Arrays.copyOf(head, 8);
		String name = fileName.toLowerCase(Locale.ROOT);
		if (ReadableWorkbook.isOLE2Header(head) || name.endsWith(".xls")) {
			throw new ImportRefusal("file.xls");
		}
		boolean zip = ReadableWorkbook.isOOXMLZipHeader(head);
		if (name.endsWith(".xlsx")) {
			if (!zip) {
				throw new ImportRefusal("file.notWorkbook", fileName);
			}
			return Format.XLSX;
		}
		if (name.endsWith(".csv") || name.endsWith(".txt")) {
			if (zip) {
				throw new ImportRefusal("file.notCsv", fileName);
			}
			return Format.CSV;
		}
		throw new ImportRefusal("file.type", fileName);
	}

	/**
	 * Opens the file's lines: of a workbook, the sheet named {@code sheet} if it has one,
	 * else its first; a workbook with a hidden sheet is refused, since what an officer
	 * checked by eye must be all there is.
	 */
	static Lines open(Path file, Format format, String fileName, String sheet) throws IOException {
		return (format == Format.XLSX) ? XlsxLines.open(file, sheet) : CsvLines.open(file, fileName);
	}

}
