package cn.ankang.bangfu.figure;

import java.util.Map;

/**
 * Chinese names of the values a figure is grouped by, for the people who read the
 * figures; programs use the values.
 */
final class FigureLabels {

	private static final Map<FigureDimension, Map<String, String>> LABELS = Map.of(FigureDimension.INDUSTRY,
			Map.of("TEA", "茶叶", "KONJAC", "魔芋", "PIGS", "生猪", "ECO_FISHERY", "生态渔业", "HERBAL_MEDICINE", "中药材",
					"COMMUNITY_FACTORY", "社区工厂", "OTHER", "其他"),
			FigureDimension.FUND_SOURCE,
			Map.of("CENTRAL_LINKAGE", "中央衔接资金", "PROVINCIAL_LINKAGE", "省级衔接资金", "MUNICIPAL_LINKAGE", "市级衔接资金",
					"COUNTY_LINKAGE", "县级衔接资金", "EAST_WEST_COLLABORATION", "苏陕协作资金", "DESIGNATED_ASSISTANCE", "定点帮扶资金",
					"SOCIAL", "社会帮扶资金"),
			FigureDimension.CATEGORY,
			Map.ofEntries(Map.entry("UNSTABLE_OUT_OF_POVERTY", "脱贫不稳定户"), Map.entry("MARGINAL_AT_RISK", "边缘易致贫户"),
					Map.entry("SUDDEN_SEVERE_HARDSHIP", "突发严重困难户"), Map.entry("INDUSTRY", "产业发展"),
					Map.entry("EMPLOYMENT", "就业"), Map.entry("INFRASTRUCTURE", "基础设施"),
					Map.entry("PUBLIC_SERVICE", "公共服务"), Map.entry("HOUSING", "住房"), Map.entry("EDUCATION", "教育"),
					Map.entry("HEALTH", "健康"), Map.entry("OTHER", "其他")),
			FigureDimension.RISK_TYPE,
			Map.of("ILLNESS", "因病", "DISABILITY", "因残", "SCHOOLING_COSTS", "因学", "DISASTER", "因灾", "ACCIDENT", "因意外",
					"UNSTABLE_EMPLOYMENT", "务工就业不稳", "LACK_OF_LABOUR", "缺劳动力", "HOUSING_SAFETY", "住房安全",
					"DRINKING_WATER", "饮水安全", "OTHER", "其他"),
			FigureDimension.MEASURE_TYPE,
			Map.of("INDUSTRY", "产业帮扶", "EMPLOYMENT", "就业帮扶", "HEALTH", "健康帮扶", "EDUCATION", "教育帮扶", "SOCIAL_SECURITY",
					"社会保障", "MICROCREDIT", "小额信贷", "PUBLIC_WELFARE_JOB", "公益岗位", "HOUSING", "住房保障", "DRINKING_WATER",
					"饮水保障", "OTHER", "其他"),
			FigureDimension.PROJECT_STATUS,
			Map.of("PIPELINE", "入库", "APPROVED", "已批复", "IN_PROGRESS", "实施中", "COMPLETED", "已完工", "ACCEPTED", "已验收",
					"ASSETS_HANDED_OVER", "资产已移交"),
			FigureDimension.UNIT_LEVEL,
			Map.of("CENTRAL", "中央单位", "PROVINCIAL", "省级单位", "MUNICIPAL", "市级单位", "COUNTY", "县级单位"),
			FigureDimension.CADRE_ROLE, Map.of("FIRST_SECRETARY", "第一书记", "TEAM_LEADER", "工作队长", "TEAM_MEMBER", "工作队员"),
			FigureDimension.VISIT_KIND,
			Map.of("HOUSEHOLD_VISIT", "入户走访", "VILLAGE_MEETING", "村民会议", "PROJECT_INSPECTION", "项目查看", "OTHER", "其他"));

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
