package cn.ankang.bangfu.imports;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Looks inside an uploaded workbook's archive before the reader opens it: what its parts
 * really expand to is measured here, so that a zip bomb is refused before anything
 * inflates it for reading.
 */
final class XlsxInspection {

	/** Beyond this many expanded bytes a workbook's expansion ratio is judged. */
	private static final long RATIO_FLOOR = 16L * 1024 * 1024;

	private static final byte[] MERGE = "mergeCell ".getBytes(StandardCharsets.US_ASCII);

	private XlsxInspection() {
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

}
