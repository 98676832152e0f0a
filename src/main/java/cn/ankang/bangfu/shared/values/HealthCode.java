package cn.ankang.bangfu.shared.values;

/**
 * A code some of whose values are health data (illness, disability, medical expenses):
 * those stand in as one withheld value for viewers who may not see them.
 */
public interface HealthCode {

	/** Whether this value is health data. */
	boolean isHealthRelated();

	/** The value shown in place of a health-related one. */
	HealthCode withheld();

}
