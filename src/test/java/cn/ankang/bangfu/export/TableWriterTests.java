package cn.ankang.bangfu.export;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.view.ViewColumn;
import cn.ankang.bangfu.view.ViewColumnType;

import static org.assertj.core.api.Assertions.assertThat;

/** What a download holds, cell by cell, and that it streams. */
class TableWriterTests {

	private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private static final String ID_NUMBER = "610902199003070012";

	private static final List<ViewColumn> TYPED = List.of(ViewColumn.of("county", "县区", ViewColumnType.TEXT),
			ViewColumn.of("idNumber", "身份证号", ViewColumnType.IDENTIFIER),
			ViewColumn.of("households", "监测户", ViewColumnType.INTEGER),
			ViewColumn.of("spent", "已支出", ViewColumnType.MONEY), ViewColumn.of("rate", "支出进度", ViewColumnType.RATIO),
			ViewColumn.of("identifiedOn", "识别纳入日期", ViewColumnType.DATE),
			ViewColumn.of("occurredAt", "走访时间", ViewColumnType.DATE_TIME),
			ViewColumn.of("category", "监测对象类别", ViewColumnType.ENUM),
			ViewColumn.of("secure", "住房安全有保障", ViewColumnType.BOOLEAN));

	// as a view's table gives them: numbers, money as text, times with their offset
	private static final List<Object> ROW = List.of("汉滨区", ID_NUMBER, 1234, "1234567.80", 0.5, "2023-03-01",
			"2023-03-01T00:30:00Z", "边缘易致贫户", true);

	@Test
	void textThatExcelWouldRunAsAFormulaStaysText() throws Exception {
		List<ViewColumn> columns = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			columns.add(ViewColumn.of("c" + i, "列" + i, (i == 5) ? ViewColumnType.INTEGER : ViewColumnType.TEXT));
		}
		String text = csv(columns,
				List.of("=HYPERLINK(\"http://x\",\"点我\")", "+86 139", "-1+1", "@SUM(A1)", "张三", -5, "\t=1"));
		assertThat(text.lines().toList().get(1))
			.isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\",'+86 139,'-1+1,'@SUM(A1),张三,-5,'\t=1");
	}

	@Test
	void csvHasChineseHeadsIsoDatesBeijingTimeAndIdNumbersExcelKeepsAsText() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (TableWriter csv = TableWriter.Format.CSV.open(out, "t", BEIJING)) {
			csv.header(TYPED);
			csv.row(ROW);
			// an identifier that is no number, and one that tries to be a formula
			csv.row(Arrays.asList("x", "6109**********0012", null, null, null, null, null, null, false));
			csv.row(Arrays.asList("x", "=1+1", null, null, null, null, null, null, null));
		}
		byte[] bytes = out.toByteArray();
		assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
		List<String> lines = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).lines().toList();
		assertThat(lines.get(0)).isEqualTo("县区,身份证号,监测户,已支出,支出进度,识别纳入日期,走访时间,监测对象类别,住房安全有保障");
		// ="…" is text to Excel: it neither shows 6.1E+17 nor rounds the last digits
		assertThat(lines.get(1)).isEqualTo(
				"汉滨区,\"=\"\"610902199003070012\"\"\",1234,1234567.80,0.5,2023-03-01,2023-03-01 08:30:00,边缘易致贫户,是");
		assertThat(lines.get(2)).isEqualTo("x,6109**********0012,,,,,,,否");
		assertThat(lines.get(3)).isEqualTo("x,'=1+1,,,,,,,");
	}

	@Test
	void xlsxCellsAreTypedFormattedAndUnderABoldFrozenFilteredHead() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (TableWriter xlsx = TableWriter.Format.XLSX.open(out, "2023年资金投入_按县区", BEIJING)) {
			xlsx.header(TYPED);
			xlsx.row(ROW);
			xlsx.row(List.of("汉阴县", "61092219800101001X", 5L, new BigDecimal("-3.5"), 1, LocalDate.of(2024, 2, 29),
					OffsetDateTime.of(2024, 2, 29, 23, 59, 0, 0, ZoneOffset.ofHours(8)), "脱贫不稳定户", false));
		}
		try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()),
				new ReadingOptions(true, false))) {
			List<Row> rows = workbook.getFirstSheet().read();
			assertThat(rows).hasSize(3);
			assertThat(rows.get(0).stream().map(Cell::getText).toList()).containsExactly("县区", "身份证号", "监测户", "已支出",
					"支出进度", "识别纳入日期", "走访时间", "监测对象类别", "住房安全有保障");
			Row first = rows.get(1);
			assertThat(first.getCell(0).getType()).isEqualTo(CellType.STRING);
			assertThat(first.getCell(1).getType()).isEqualTo(CellType.STRING);
			assertThat(first.getCell(1).getText()).isEqualTo(ID_NUMBER);
			assertThat(first.getCell(2).getType()).isEqualTo(CellType.NUMBER);
			assertThat(first.getCell(2).asNumber()).isEqualByComparingTo("1234");
			assertThat(first.getCell(2).getDataFormatString()).isEqualTo("#,##0");
			assertThat(first.getCell(3).getType()).isEqualTo(CellType.NUMBER);
			assertThat(first.getCell(3).asNumber()).isEqualByComparingTo("1234567.80");
			assertThat(first.getCell(3).getDataFormatString()).isEqualTo("#,##0.00");
			assertThat(first.getCell(4).asNumber()).isEqualByComparingTo("0.5");
			assertThat(first.getCell(4).getDataFormatString()).isEqualTo("0.0%");
			assertThat(first.getCell(5).getType()).isEqualTo(CellType.NUMBER);
			assertThat(first.getCell(5).getDataFormatString()).isEqualTo("yyyy-mm-dd");
			assertThat(first.getCell(5).asDate()).isEqualTo(LocalDateTime.of(2023, 3, 1, 0, 0));
			// 00:30 UTC is 08:30 in Beijing
			assertThat(first.getCell(6).getDataFormatString()).isEqualTo("yyyy-mm-dd hh:mm");
			assertThat(first.getCell(6).asDate()).isEqualTo(LocalDateTime.of(2023, 3, 1, 8, 30));
			assertThat(first.getCell(7).getText()).isEqualTo("边缘易致贫户");
			assertThat(first.getCell(8).getText()).isEqualTo("是");
			Row second = rows.get(2);
			assertThat(second.getCell(1).getType()).isEqualTo(CellType.STRING);
			assertThat(second.getCell(3).asNumber()).isEqualByComparingTo("-3.5");
			assertThat(second.getCell(6).asDate()).isEqualTo(LocalDateTime.of(2024, 2, 29, 23, 59));
			assertThat(second.getCell(8).getText()).isEqualTo("否");
		}
		Map<String, String> parts = unzip(out.toByteArray());
		String sheet = parts.get("xl/worksheets/sheet1.xml");
		assertThat(sheet).contains("ySplit=\"1\"").contains("state=\"frozen\"").contains("<autoFilter ref=\"A1:I3\"");
		assertThat(sheet).contains("<cols>");
		assertThat(parts.get("xl/styles.xml")).contains("<b/>");
		assertThat(parts.get("xl/workbook.xml")).contains("2023年资金投入_按县区");
	}

	/**
	 * A million visits written as .xlsx: the heap in use after collection stays within 64
	 * MB of where it began all along, so the writer holds no more than a page of rows,
	 * whatever the length.
	 */
	@Test
	void aMillionVisitRowsStreamInBoundedMemory() throws Exception {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		System.gc();
		long before = memory.getHeapMemoryUsage().getUsed();
		long most = 0;
		CountingStream out = new CountingStream();
		OffsetDateTime start = OffsetDateTime.of(2023, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
		long began = System.nanoTime();
		try (TableWriter xlsx = TableWriter.Format.XLSX.open(out, "走访记录", BEIJING)) {
			xlsx.header(VisitExport.COLUMNS);
			for (int i = 0; i < 1_000_000; i++) {
				xlsx.row(Arrays.asList(Long.toString(9_000_000_000L + i), "汉滨区", "五里镇", "村" + (i % 1000),
						"干部" + (i % 500), "入户走访", start.plusMinutes(i), Long.toString(100_000 + i % 30_000),
						(i % 3 == 0) ? "减少" : null, (i % 50 == 0) ? "距村委会超过5公里" : null, 1));
				if (i % 200_000 == 199_999) {
					System.gc();
					most = Math.max(most, memory.getHeapMemoryUsage().getUsed() - before);
				}
			}
		}
		long seconds = (System.nanoTime() - began) / 1_000_000_000L;
		System.out.printf("1,000,000 visit rows as .xlsx: %,d bytes in %d s, heap grew at most %,d bytes%n", out.count,
				seconds, most);
		assertThat(out.count).isGreaterThan(10_000_000L);
		assertThat(most).isLessThan(64L * 1024 * 1024);
	}

	private static String csv(List<ViewColumn> columns, List<?> row) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (TableWriter csv = TableWriter.Format.CSV.open(out, "t", BEIJING)) {
			csv.header(columns);
			csv.row(row);
		}
		return new String(out.toByteArray(), StandardCharsets.UTF_8).substring(1);
	}

	/** The parts of a zip, read by its central directory as spreadsheet programs do. */
	static Map<String, String> unzip(byte[] bytes) throws IOException {
		java.nio.file.Path file = java.nio.file.Files.createTempFile("export", ".xlsx");
		try {
			java.nio.file.Files.write(file, bytes);
			Map<String, String> parts = new HashMap<>();
			try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
				for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
					// the XML may write Chinese as character references
					parts.put(entry.getName(), java.util.regex.Pattern.compile("&#x([0-9a-fA-F]+);")
						.matcher(new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8))
						.replaceAll((match) -> new String(Character.toChars(Integer.parseInt(match.group(1), 16)))));
				}
			}
			return parts;
		}
		finally {
			java.nio.file.Files.delete(file);
		}
	}

	/** Counts what it is given and keeps none of it. */
	private static final class CountingStream extends OutputStream {

		private long count;

		@Override
		public void write(int b) {
			this.count++;
		}

		@Override
		public void write(byte[] b, int off, int len) {
			this.count += len;
		}

	}

}
