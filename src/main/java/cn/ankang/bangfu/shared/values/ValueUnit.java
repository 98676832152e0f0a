package cn.ankang.bangfu.shared.values;

/**
 * What a number counts or measures (the schema's {@code ValueUnit}), which decides how
 * tables, charts and downloads show it.
 */
public enum ValueUnit {

	HOUSEHOLD, PERSON, YUAN, RATIO, PROJECT, VILLAGE, VISIT, MEASURE, ORGANISATION, PAIRING, DAY, AREA, ROUND, PROBLEM,
	LOAN;

	/** What people read after the number: 户, 人, 元, %… */
	public String symbol() {
		return Labels.of("valueUnit", name());
	}

}
