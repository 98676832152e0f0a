package cn.ankang.bangfu.unit;

import org.jspecify.annotations.Nullable;

/**
 * Narrows a list of assistance units; null parts do not narrow.
 *
 * @param level only units of this level
 * @param kind only units of this kind
 * @param pairedCountyCode only units paired with a village of this county
 * @param nameContains only units whose name contains this text
 */
record AssistanceUnitFilter(AssistanceUnit.@Nullable Level level, AssistanceUnit.@Nullable Kind kind,
		@Nullable String pairedCountyCode, @Nullable String nameContains) {

	static final AssistanceUnitFilter NONE = new AssistanceUnitFilter(null, null, null, null);

}
