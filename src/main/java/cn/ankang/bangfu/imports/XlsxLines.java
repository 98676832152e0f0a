package cn.ankang.bangfu.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.dhatim.fastexcel.reader.ExcelReaderException;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.dhatim.fastexcel.reader.SheetVisibility;

import cn.ankang.bangfu.imports.Spreadsheets.Cell;
import cn.ankang.bangfu.imports.Spreadsheets.Line;
import cn.ankang.bangfu.imports.Spreadsheets.Lines;

/**
 * The lines of an XLSX workbook's sheet, streamed row by row from the stored file so that
 * a large workbook is never held in memory, each cell converted as the file stores it.
 */
final class XlsxLines {

	private XlsxLines() {
	}

	static Lines open(Path file, String wanted) throws IOException {
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
						cells.add(row.getOptionalCell(i).map(XlsxLines::cell).orElse(Cell.EMPTY));
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

}
