package cn.ankang.bangfu.imports;

/** Where an import stands. */
enum ImportStatus {

	/** Its file is being read and every row checked; nothing is stored. */
	CHECKING,
	/** Checked without a problem: it may be committed. */
	CHECKED,
	/**
	 * Checked, with problems: nothing can be stored until a corrected file is uploaded.
	 */
	REJECTED,
	/** Being applied, in one transaction. */
	COMMITTING,
	/** Applied. */
	COMMITTED,
	/**
	 * Stopped without storing anything (the records moved since the check, or a fault).
	 */
	FAILED,
	/** Given up by the uploader before it was committed. */
	CANCELLED;

	boolean running() {
		return this == CHECKING || this == COMMITTING;
	}

}
