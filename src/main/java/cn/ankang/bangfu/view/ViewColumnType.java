package cn.ankang.bangfu.view;

/**
 * What a column of a view's table holds, which decides how the dashboard and the
 * downloads show it (the schema's {@code ViewColumnType}).
 */
public enum ViewColumnType {

	/** Text as it is. */
	TEXT,

	/**
	 * Text made of digits that is no number: ids, ID numbers, phone numbers, division
	 * codes. Kept as text, so a spreadsheet neither rounds an 18-digit ID number nor
	 * shows it as 6.1E+17.
	 */
	IDENTIFIER,

	/** A whole number. */
	INTEGER,

	/** A number with a fraction. */
	DECIMAL,

	/** An amount of yuan, exact: a decimal string in the table. */
	MONEY,

	/** A share from 0 to 1, shown as a percentage. */
	RATIO,

	/** A calendar date, ISO 8601. */
	DATE,

	/** An instant, in Beijing time. */
	DATE_TIME,

	/** A code, shown by its Chinese name. */
	ENUM,

	/** Yes or no (是/否). */
	BOOLEAN

}
