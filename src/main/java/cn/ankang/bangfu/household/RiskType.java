package cn.ankang.bangfu.household;

import cn.ankang.bangfu.shared.values.HealthCode;

/**
 * Risks that could push a household back into poverty.
 */
public enum RiskType implements HealthCode {

	ILLNESS, DISABILITY, SCHOOLING_COSTS, DISASTER, ACCIDENT, UNSTABLE_EMPLOYMENT, LACK_OF_LABOUR, HOUSING_SAFETY,
	DRINKING_WATER, OTHER,

	/** Stands in for illness and disability where the viewer may not see them. */
	HEALTH_WITHHELD;

	/** Whether the risk is health-related personal data. */
	@Override
	public boolean isHealthRelated() {
		return this == ILLNESS || this == DISABILITY;
	}

	@Override
	public RiskType withheld() {
		return HEALTH_WITHHELD;
	}

}
