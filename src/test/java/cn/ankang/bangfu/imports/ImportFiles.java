package cn.ankang.bangfu.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.dhatim.fastexcel.VisibilityState;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** Hostile and unusual files, built as an attacker or a careless export would. */
final class ImportFiles {

	private ImportFiles() {
	}

	/**
	 * A small XLSX-looking zip whose sheet expands to 256 MB of zeros (about 250 KB
	 * compressed).
	 */
	static byte[] zipBomb() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
			zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
			zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
			zip.write("<workbook/>".getBytes(StandardCharsets.UTF_8));
			zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
			byte[] zeros = new byte[1024 * 1024];
			for (int i = 0; i < 256; i++) {
				zip.write(zeros);
			}
			zip.closeEntry();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/** A workbook whose data sheet is followed by a hidden one. */
	static byte[] withHiddenSheet(List<Object> header) {
		return build((workbook) -> {
			ImportTestSupport.write(workbook.newWorksheet("监测户成员"), List.of(header));
			Worksheet hidden = workbook.newWorksheet("隐藏");
			hidden.value(0, 0, "看不见的数据");
			hidden.setVisibilityState(VisibilityState.HIDDEN);
		});
	}

	/** A workbook whose data sheet merges two cells of a column. */
	static byte[] withMergedCells(List<Object> header) {
		return build((workbook) -> {
			Worksheet sheet = workbook.newWorksheet("监测户成员");
			ImportTestSupport.write(sheet, List.of(header));
			sheet.value(1, 0, "610902006004");
			sheet.range(1, 0, 2, 0).merge();
		});
	}

	/** The text of one part of a workbook. */
	static String part(byte[] workbook, String name) throws IOException {
		java.nio.file.Path file = java.nio.file.Files.createTempFile("workbook", ".xlsx");
		try {
			java.nio.file.Files.write(file, workbook);
			try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
				ZipEntry entry = zip.getEntry(name);
				if (entry == null) {
					throw new IllegalArgumentException("No part " + name);
				}
				return new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
			}
		}
		finally {
			java.nio.file.Files.delete(file);
		}
	}

	private interface Writer {

		void write(Workbook workbook) throws IOException;

	}

	private static byte[] build(Writer writer) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			Workbook workbook = new Workbook(out, "test", "1.0");
			writer.write(workbook);
			workbook.finish();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

}
