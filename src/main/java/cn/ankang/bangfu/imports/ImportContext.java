package cn.ankang.bangfu.imports;

import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.CurrentUser;

/**
 * What a kind's batch is told of the import it reads, and where it reports what it finds
 * after the rows: problems found against the database, and the records it would create
 * and change.
 */
public final class ImportContext {

	private final UUID id;

	private final CurrentUser user;

	private final LocalDate today;

	private final String sheet;

	private final Findings findings;

	ImportContext(UUID id, CurrentUser user, LocalDate today, String sheet, Findings findings) {
		this.id = id;
		this.user = user;
		this.today = today;
		this.sheet = sheet;
		this.findings = findings;
	}

	/** The import's id, the change id of every record it changes. */
	public UUID id() {
		return this.id;
	}

	/** Who uploaded the file. */
	public CurrentUser user() {
		return this.user;
	}

	public LocalDate today() {
		return this.today;
	}

	/**
	 * Reports a problem of a row found after the rows were read.
	 * @param column the column's header, or null for the row as a whole
	 * @param message the message's key in {@code i18n/imports}
	 */
	public void problem(int row, @Nullable String column, String message, String... args) {
		this.findings.problem(this.sheet, row, column, message, args);
	}

	/** Reports a problem of the file as a whole. */
	public void problem(String message, String... args) {
		this.findings.problem(this.sheet, null, null, message, args);
	}

	/** Reports a record the file creates, e.g. {@code ("found.household", "张三")}. */
	public void creates(int row, String message, String... args) {
		this.findings.create(this.sheet, row, message, args);
	}

	/**
	 * Reports a record the file changes, with the fields it changes: call
	 * {@link Changes#field} for each, then {@link Changes#done}.
	 */
	public Changes changes(int row, String record) {
		return new Changes(row, record);
	}

	/** Reports a record the file leaves as it is. */
	public void unchanged() {
		this.findings.unchangedRecord();
	}

	/** Whether a problem was found so far. */
	public boolean hasProblems() {
		return this.findings.problems() > 0;
	}

	/** The fields a file changes of one record. */
	public final class Changes {

		private final int row;

		private final String record;

		private int fields;

		private Changes(int row, String record) {
			this.row = row;
			this.record = record;
		}

		/**
		 * Compares a field's stored value with the file's, reporting a difference.
		 * @return whether they differ
		 */
		public boolean field(String column, @Nullable Object stored, @Nullable Object filed) {
			if (java.util.Objects.equals(stored, filed)) {
				return false;
			}
			ImportContext.this.findings.change(ImportContext.this.sheet, this.row, column, "change.field", this.record,
					(stored != null) ? String.valueOf(stored) : "", (filed != null) ? String.valueOf(filed) : "");
			this.fields++;
			return true;
		}

		/**
		 * Counts the record as changed or unchanged.
		 * @return whether any field differs
		 */
		public boolean done() {
			if (this.fields > 0) {
				ImportContext.this.findings.changedRecord();
			}
			else {
				ImportContext.this.findings.unchangedRecord();
			}
			return this.fields > 0;
		}

	}

}
