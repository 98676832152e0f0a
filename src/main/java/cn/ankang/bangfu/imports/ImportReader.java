package cn.ankang.bangfu.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.security.CurrentUser;

import org.springframework.stereotype.Component;

/**
 * Reads an import's file, the same way for its check and its commit: the file inspected,
 * its columns found in the header row, every row given to the kind's batch and the batch
 * planned.
 */
@Component
class ImportReader {

	/** How often, in rows, a running job checks whether it was cancelled. */
	private static final int CANCEL_EVERY = 256;

	private final ImportKinds kinds;

	private final ImportRuns runs;

	private final ImportUploads uploads;

	private final ImportProperties properties;

	private final Clock clock;

	ImportReader(ImportKinds kinds, ImportRuns runs, ImportUploads uploads, ImportProperties properties, Clock clock) {
		this.kinds = kinds;
		this.runs = runs;
		this.uploads = uploads;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Reads the file's rows into the kind's batch and plans them; on commit under the
	 * kind's lock and the import's change id, so that the plan the caller applies is made
	 * in the transaction it is applied in.
	 * @return the plan, or null when cancelled
	 */
	ImportKind.@Nullable Plan read(ImportRuns.Run run, ImportJobs.Job job, Findings findings, boolean commit) {
		ImportKind kind = this.kinds.kind(run.kind());
		CurrentUser user = Auth.require();
		this.runs.preferIndexes();
		if (commit) {
			this.runs.lockKind(kind.code());
			this.runs.actAs(run.id());
		}
		if (run.format() == Spreadsheets.Format.XLSX) {
			inspect(this.uploads.path(run.id()));
		}
		try (Spreadsheets.Lines lines = Spreadsheets.open(this.uploads.path(run.id()), run.format(), run.fileName(),
				kind.sheet())) {
			ImportContext context = new ImportContext(run.id(), user, LocalDate.now(this.clock), lines.sheet(),
					findings);
			Map<String, Integer> indexes = header(lines, kind, findings);
			Map<String, ImportColumn> columns = new HashMap<>();
			kind.columns().forEach((column) -> columns.put(column.key(), column));
			ImportKind.Batch batch = kind.start(context);
			int rows = 0;
			while (lines.hasNext()) {
				Spreadsheets.Line line = lines.next();
				if (line.isBlank()) {
					continue;
				}
				rows++;
				if (rows > this.properties.maxRows()) {
					throw new ImportRefusal("file.tooManyRows", Integer.toString(this.properties.maxRows()));
				}
				if (rows % CANCEL_EVERY == 0 && job.cancelled) {
					return null;
				}
				batch.row(new ImportRow(lines.sheet(), line, indexes, columns, findings, lines.date1904()));
				job.rowsRead.set(rows);
			}
			if (rows == 0) {
				throw new ImportRefusal("file.noRows");
			}
			return job.cancelled ? null : batch.plan();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Finds the kind's columns in the header row: by header or alias, in any order;
	 * unknown ones are noticed and ignored, a required one missing refuses the file.
	 */
	private static Map<String, Integer> header(Spreadsheets.Lines lines, ImportKind kind, Findings findings) {
		Spreadsheets.Line header = null;
		while (lines.hasNext()) {
			Spreadsheets.Line line = lines.next();
			if (!line.isBlank()) {
				header = line;
				break;
			}
		}
		if (header == null) {
			throw new ImportRefusal("file.noHeader");
		}
		Map<String, String> names = new HashMap<>();
		for (ImportColumn column : kind.columns()) {
			names.put(normal(column.header()), column.key());
			column.aliases().forEach((alias) -> names.put(normal(alias), column.key()));
			names.put(normal(column.key()), column.key());
		}
		Map<String, Integer> indexes = new LinkedHashMap<>();
		for (int i = 0; i < header.cells().size(); i++) {
			String text = ImportRow.display(header.cell(i));
			if (text.isEmpty()) {
				continue;
			}
			String key = names.get(normal(text));
			if (key == null) {
				findings.notice(lines.sheet(), null, text, "file.columnIgnored", text);
			}
			else if (indexes.putIfAbsent(key, i) != null) {
				throw new ImportRefusal("file.duplicateColumn", text);
			}
		}
		List<String> missing = new ArrayList<>();
		for (ImportColumn column : kind.columns()) {
			if (column.required() && !indexes.containsKey(column.key())) {
				missing.add(column.header());
			}
		}
		if (!missing.isEmpty()) {
			throw new ImportRefusal("file.missingColumns", String.join("、", missing));
		}
		return indexes;
	}

	/** A header as compared: without spaces, a BOM, marks of required columns or case. */
	private static String normal(String header) {
		return header.replace("\uFEFF", "").replaceAll("[\\s*＊]|（必填）|\\(必填\\)", "").toLowerCase(Locale.ROOT);
	}

	private void inspect(Path file) {
		try {
			XlsxInspection.inspect(file, this.properties);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
