package cn.ankang.bangfu.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import cn.ankang.bangfu.imports.Spreadsheets.Cell;
import cn.ankang.bangfu.imports.Spreadsheets.Line;
import cn.ankang.bangfu.imports.Spreadsheets.Lines;

/**
 * The lines of a CSV file in UTF-8 (with or without BOM) or GB18030, whichever the whole
 * file decodes in: decoding is strict, so that a cell is never read with a character
 * replaced.
 */
final class CsvLines {

	private CsvLines() {
	}

	static Lines open(Path file, String fileName) throws IOException {
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
