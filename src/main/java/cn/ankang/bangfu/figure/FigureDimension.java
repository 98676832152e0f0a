package cn.ankang.bangfu.figure;

/**
 * What a figure can be grouped by.
 */
public enum FigureDimension {

	COUNTY, TOWN, VILLAGE, YEAR, MONTH, INDUSTRY, FUND_SOURCE, CATEGORY, RISK_TYPE, MEASURE_TYPE, PROJECT_STATUS,
	UNIT_LEVEL, CADRE_ROLE, VISIT_KIND, CADRE, WORK_PLACE, WORK_KIND

}
