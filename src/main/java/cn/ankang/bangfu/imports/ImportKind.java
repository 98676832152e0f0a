package cn.ankang.bangfu.imports;

import java.util.List;

import cn.ankang.bangfu.security.CurrentUser;

/**
 * A kind of records a file can bring in, defined by the feature that keeps them: its
 * columns, who may import it, and how its rows become records. The imports machinery
 * reads the file, hands each row to a {@link Batch}, asks it for the {@link Plan} (the
 * records the file creates and changes, found against the database and the uploader's
 * jurisdiction), and applies the plan only on commit, in the transaction it planned in.
 */
public interface ImportKind {

	/** The kind's code, e.g. {@code HOUSEHOLDS}. */
	String code();

	/** Its name for people, in Chinese. */
	String title();

	/** The name of its sheet in the template; a workbook's sheet of this name is read. */
	String sheet();

	List<ImportColumn> columns();

	/** What the template's notes sheet says of the kind as a whole, one line each. */
	List<String> notes();

	/**
	 * Whether the user's roles may import this kind at all; which rows they may touch is
	 * the plan's to check.
	 */
	boolean mayImport(CurrentUser user);

	/** Starts reading a file of this kind. */
	Batch start(ImportContext context);

	/** The rows of one file, read one at a time. */
	interface Batch {

		/**
		 * Reads a row; what cannot be read is reported on the row and the row is left out
		 * of the plan.
		 */
		void row(ImportRow row);

		/**
		 * What the rows read would do: references checked against the database, the
		 * uploader's jurisdiction checked, each record compared with what is stored, and
		 * every creation and change reported to the context. Runs in the transaction the
		 * plan is applied in, when it is.
		 */
		Plan plan();

	}

	/** The changes a file makes. */
	interface Plan {

		/** Makes them: called only when the check found no problem. */
		void apply();

	}

}
