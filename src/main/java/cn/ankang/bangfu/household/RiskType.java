package cn.ankang.bangfu.household;

/**
 * Risks that could push a household back into poverty.
 */
public enum RiskType {

	ILLNESS, DISABILITY, SCHOOLING_COSTS, DISASTER, ACCIDENT, UNSTABLE_EMPLOYMENT, LACK_OF_LABOUR, HOUSING_SAFETY,
	DRINKING_WATER, OTHER

}
