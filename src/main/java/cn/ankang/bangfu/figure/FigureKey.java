package cn.ankang.bangfu.figure;

/**
 * The value of one dimension a row belongs to.
 *
 * @param dimension the dimension
 * @param value the value for programs
 * @param label the value for people
 */
public record FigureKey(FigureDimension dimension, String value, String label) {

	/**
	 * Whether the value is health data: an illness or disability risk, health support.
	 */
	boolean healthRelated() {
		return switch (this.dimension) {
			case RISK_TYPE -> "ILLNESS".equals(this.value) || "DISABILITY".equals(this.value);
			case MEASURE_TYPE -> "HEALTH".equals(this.value);
			default -> false;
		};
	}

}
