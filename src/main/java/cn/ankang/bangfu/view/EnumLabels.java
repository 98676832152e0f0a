package cn.ankang.bangfu.view;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;

import cn.ankang.bangfu.shared.values.Labels;

/**
 * The Chinese name of an enum value in a table: from {@code i18n/labels.properties}
 * (group named after the enum, lowerCamel), else the Chinese term the value's description
 * gives in brackets, else the code.
 */
final class EnumLabels {

	/** Enums whose names in the labels file are grouped under another name. */
	private static final Map<String, String> GROUPS = Map.of("MonitoringCategory", "category", "MonitoringStatus",
			"householdStatus", "CountyKind", "areaKind", "TownKind", "areaKind", "VillageKind", "areaKind");

	private static final Pattern CHINESE_TERM = Pattern.compile("[（(]([\\p{IsHan}][^）)]{0,19})[）)]");

	private EnumLabels() {
	}

	static String label(GraphQLEnumType type, String code) {
		if (code.endsWith("_WITHHELD")) {
			// a stand-in for withheld personal data reads as such, never as a code
			return Labels.of("masked", "TEXT");
		}
		String group = GROUPS.getOrDefault(type.getName(),
				Character.toLowerCase(type.getName().charAt(0)) + type.getName().substring(1));
		String labelled = Labels.of(group, code);
		if (!labelled.equals(code)) {
			return labelled;
		}
		GraphQLEnumValueDefinition value = type.getValue(code);
		if (value != null && value.getDescription() != null) {
			Matcher term = CHINESE_TERM.matcher(value.getDescription());
			if (term.find()) {
				return term.group(1);
			}
		}
		return code;
	}

}
