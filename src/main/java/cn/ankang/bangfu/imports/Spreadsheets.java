package cn.ankang.bangfu.imports;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ExcelReaderException;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.dhatim.fastexcel.reader.SheetVisibility;
import org.jspecify.annotations.Nullable;

/**
 * Reads an uploaded file as lines of cells, one at a time: an XLSX workbook's sheet
 * streamed from the stored file (never the whole workbook in memory), or a CSV file in
 * UTF-8 (with or without BOM) or GB18030, whichever it is. Cells are read as stored: a
 * formula is reported as one, never evaluated.
 */
final class Spreadsheets {

	/** Beyond this many expanded bytes a workbook's expansion ratio is judged. */
	private static final long RATIO_FLOOR = 16L * 1024 * 1024;

	private static final byte[] MERGE = "mergeCell ".getBytes(StandardCharsets.US_ASCII);

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
	 * Checks a workbook before it is opened: a zip that expands beyond the limits (by its
	 * real inflated size, not what it declares), a part that is not a workbook's, merged
	 * cells, or a broken or truncated archive are refused.
	 */
	static void inspect(Path file, ImportProperties limits) throws IOException {
		long size = Math.max(1, Files.size(file));
		long expanded = 0;
		boolean workbook = false;
		List<String> merged = new ArrayList<>();
		byte[] buffer = new byte[64 * 1024];
		// the central directory, as Excel and the reader use it (a streamed local header
		// may leave sizes out)
		try (ZipFile zip = new ZipFile(file.toFile())) {
			Enumeration<? extends ZipEntry> entries = zip.entries();
			while (entries.hasMoreElements()) {
				ZipEntry entry = entries.nextElement();
				String name = entry.getName();
				workbook |= name.equals("xl/workbook.xml");
				boolean sheet = name.startsWith("xl/worksheets/") && name.endsWith(".xml");
				int matched = 0;
				boolean merges = false;
				try (InputStream in = zip.getInputStream(entry)) {
					int read;
					while ((read = in.read(buffer)) > 0) {
						expanded += read;
						if (expanded > limits.maxExpandedBytes()
								|| (expanded > RATIO_FLOOR && expanded / size > limits.maxRatio())) {
							throw new ImportRefusal("file.zipBomb", Long.toString(size),
									Long.toString(limits.maxExpandedBytes() / (1024 * 1024)),
									Integer.toString(limits.maxRatio()));
						}
						for (int i = 0; sheet && i < read && !merges; i++) {
							matched = (buffer[i] == MERGE[matched]) ? matched + 1 : (buffer[i] == MERGE[0]) ? 1 : 0;
							merges = matched == MERGE.length;
						}
					}
				}
				if (merges) {
					merged.add(name.substring("xl/worksheets/".length()));
				}
			}
		}
		catch (ZipException | EOFException ex) {
			throw new ImportRefusal("file.corrupt");
		}
		if (!workbook) {
			throw new ImportRefusal("file.corrupt");
		}
		if (!merged.isEmpty()) {
			throw new ImportRefusal("file.mergedCells", String.join("、", merged));
		}
	}

	/**
	 * Opens the file's lines: of a workbook, the sheet named {@code sheet} if it has one,
	 * else its first; a workbook with a hidden sheet is refused, since what an officer
	 * checked by eye must be all there is.
	 */
	static Lines open(Path file, Format format, String fileName, String sheet) throws IOException {
		return (format == Format.XLSX) ? workbook(file, sheet) : csv(file, fileName);
	}

	private static Lines workbook(Path file, String wanted) throws IOException {
		ReadableWorkbook workbook;
		try {
			workbook = new ReadableWorkbook(file.toFile(), new ReadingOptions(false, false));
		}
		catch (ExcelReaderException | IOException | IllegalStateException ex) {
			throw new ImportRefusal("file.corrupt");
		}
		try {
			List<Sheet> sheets = workbook.getSheets().toList();
			for (Sheet each : sheets) {
				if (each.getVisibility() != SheetVisibility.VISIBLE) {
					throw new ImportRefusal("file.hiddenSheet", each.getName());
				}
			}
			Sheet sheet = sheets.stream()
				.filter((each) -> each.getName().strip().equals(wanted))
				.findFirst()
				.orElseGet(() -> sheets.isEmpty() ? null : sheets.get(0));
			if (sheet == null) {
				throw new ImportRefusal("file.corrupt");
			}
			Iterator<Row> rows = sheet.openStream().iterator();
			boolean date1904 = workbook.isDate1904();
			String name = sheet.getName();
			return new Lines() {

				@Override
				public boolean hasNext() {
					try {
						return rows.hasNext();
					}
					catch (ExcelReaderException | UncheckedIOException ex) {
						throw new ImportRefusal("file.corrupt");
					}
				}

				@Override
				public Line next() {
					if (!hasNext()) {
						throw new NoSuchElementException();
					}
					Row row;
					try {
						row = rows.next();
					}
					catch (ExcelReaderException | UncheckedIOException ex) {
						throw new ImportRefusal("file.corrupt");
					}
					List<Cell> cells = new ArrayList<>(row.getCellCount());
					for (int i = 0; i < row.getCellCount(); i++) {
						cells.add(row.getOptionalCell(i).map(Spreadsheets::cell).orElse(Cell.EMPTY));
					}
					return new Line(row.getRowNum(), cells);
				}

				@Override
				public String sheet() {
					return name;
				}

				@Override
				public boolean date1904() {
					return date1904;
				}

				@Override
				public void close() throws IOException {
					workbook.close();
				}

			};
		}
		catch (ExcelReaderException | IOException ex) {
			workbook.close();
			throw new ImportRefusal("file.corrupt");
		}
		catch (RuntimeException ex) {
			workbook.close();
			throw ex;
		}
	}

	private static Cell cell(org.dhatim.fastexcel.reader.Cell cell) {
		String raw = (cell.getRawValue() != null) ? cell.getRawValue() : "";
		return switch (cell.getType()) {
			case NUMBER -> new Cell(Cell.Type.NUMBER, raw, cell.asNumber());
			case STRING -> new Cell(Cell.Type.TEXT, (cell.getValue() != null) ? cell.getValue().toString() : raw, null);
			case BOOLEAN -> new Cell(Cell.Type.BOOLEAN, raw, null);
			case FORMULA -> new Cell(Cell.Type.FORMULA, (cell.getFormula() != null) ? cell.getFormula() : raw, null);
			case ERROR -> new Cell(Cell.Type.ERROR, raw, null);
			case EMPTY -> Cell.EMPTY;
		};
	}

	private static Lines csv(Path file, String fileName) throws IOException {
		boolean bom;
		try (InputStream in = Files.newInputStream(file)) {
			byte[] head = in.readNBytes(3);
			bom = head.length == 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf;
		}
		Charset charset = bom || decodes(file, StandardCharsets.UTF_8) ? StandardCharsets.UTF_8
				: decodes(file, Charset.forName("GB18030")) ? Charset.forName("GB18030") : null;
		if (charset == null) {
			throw new ImportRefusal("file.encoding");
		}
		InputStream in = new BufferedInputStream(Files.newInputStream(file));
		if (bom) {
			in.skipNBytes(3);
		}
		Reader reader = new InputStreamReader(in, strict(charset));
		CSVParser parser;
		try {
			parser = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get().parse(reader);
		}
		catch (IOException | UncheckedIOException ex) {
			reader.close();
			throw new ImportRefusal("file.notCsv", fileName);
		}
		Iterator<CSVRecord> records = parser.iterator();
		return new Lines() {

			@Override
			public boolean hasNext() {
				try {
					return records.hasNext();
				}
				catch (UncheckedIOException | IllegalStateException ex) {
					throw new ImportRefusal("file.csvBroken");
				}
			}

			@Override
			public Line next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				CSVRecord record = records.next();
				List<Cell> cells = new ArrayList<>(record.size());
				for (String value : record) {
					// a CSV cell that starts with '=' is a formula Excel would compute on
					// opening
					cells.add(value.isEmpty() ? Cell.EMPTY : value.startsWith("=")
							? new Cell(Cell.Type.FORMULA, value, null) : new Cell(Cell.Type.TEXT, value, null));
				}
				return new Line((int) record.getRecordNumber(), cells);
			}

			@Override
			public String sheet() {
				return fileName;
			}

			@Override
			public boolean date1904() {
				return false;
			}

			@Override
			public void close() throws IOException {
				parser.close();
			}

		};
	}

	/** Whether the whole file decodes in the charset without a malformed byte. */
	private static boolean decodes(Path file, Charset charset) throws IOException {
		char[] buffer = new char[64 * 1024];
		try (Reader reader = new InputStreamReader(Files.newInputStream(file), strict(charset))) {
			while (reader.read(buffer) >= 0) {
				// read to the end: only whether it decodes matters
			}
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	private static CharsetDecoder strict(Charset charset) {
		return charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
	}

}
