package cn.ankang.bangfu.figure;

import java.util.HashMap;
import java.util.Map;

import cn.ankang.bangfu.shared.values.Labels;

/**
 * Chinese names of the values a figure is grouped by, for the people who read the
 * figures; programs use the values.
 */
final class FigureLabels {

	/**
	 * The labels of each dimension whose values are codes; CATEGORY groups households by
	 * their category and projects by theirs, whose codes do not overlap.
	 */
	private static final Map<FigureDimension, Map<String, String>> LABELS = Map.ofEntries(
			Map.entry(FigureDimension.INDUSTRY, Labels.of("industry")),
			Map.entry(FigureDimension.FUND_SOURCE, Labels.of("fundSource")),
			Map.entry(FigureDimension.CATEGORY, categories()),
			Map.entry(FigureDimension.RISK_TYPE, Labels.of("riskType")),
			Map.entry(FigureDimension.MEASURE_TYPE, Labels.of("measureType")),
			Map.entry(FigureDimension.PROJECT_STATUS, Labels.of("projectStatus")),
			Map.entry(FigureDimension.UNIT_LEVEL, Labels.of("unitLevel")),
			Map.entry(FigureDimension.CADRE_ROLE, Labels.of("cadreRole")),
			Map.entry(FigureDimension.VISIT_KIND, Labels.of("visitKind")),
			Map.entry(FigureDimension.ENTERPRISE_KIND, Labels.of("enterpriseKind")),
			Map.entry(FigureDimension.DRIVING_MODE, Labels.of("drivingMode")),
			Map.entry(FigureDimension.PROBLEM_CATEGORY, Labels.of("problemCategory")),
			Map.entry(FigureDimension.RECTIFICATION, Labels.of("rectification")),
			Map.entry(FigureDimension.WORK_PLACE, Labels.of("workPlace")),
			Map.entry(FigureDimension.WORK_KIND, Labels.of("workKind")),
			Map.entry(FigureDimension.TRAINING_PROGRAMME, Labels.of("trainingProgramme")),
			Map.entry(FigureDimension.PUBLIC_WELFARE_JOB_KIND, Labels.of("publicWelfareJobKind")));

	private static Map<String, String> categories() {
		Map<String, String> both = new HashMap<>(Labels.of("projectCategory"));
		both.putAll(Labels.of("category"));
		return both;
	}

	private FigureLabels() {
	}

	/**
	 * The label of a value: a Chinese name, or what SQL gave (an area's or cadre's name).
	 */
	static String label(FigureDimension dimension, String value, String fromSql) {
		return switch (dimension) {
			case YEAR -> value + "年";
			case MONTH -> value.substring(0, 4) + "年" + value.substring(5) + "月";
			default -> LABELS.getOrDefault(dimension, Map.of()).getOrDefault(value, fromSql);
		};
	}

}
