package cn.ankang.bangfu.view;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.figure.FigureDimension;
import cn.ankang.bangfu.shared.values.ValueUnit;

/**
 * A column of a view's table.
 *
 * @param key the path of the value in a row of the data, by response key
 * ({@code households}, {@code village.name}); for a figure's key column, the path of its
 * keys and the dimension ({@code keys.COUNTY})
 * @param name its head for people, in Chinese: the field's {@code @label}, or the
 * dimension's name
 * @param type what it holds
 * @param unit what its numbers count, from the field's {@code @label}
 * @param dimension the dimension of a figure's key column
 */
public record ViewColumn(String key, String name, ViewColumnType type, @Nullable ValueUnit unit,
		@Nullable FigureDimension dimension) {

	/** A column of a table that is no view's, e.g. the visits download. */
	public static ViewColumn of(String key, String name, ViewColumnType type) {
		return new ViewColumn(key, name, type, null, null);
	}

	/** The unit as people read it after the number (户, 人, 元, %…). */
	public @Nullable String unitName() {
		return (this.unit != null) ? this.unit.symbol() : null;
	}

}
