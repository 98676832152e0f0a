package cn.ankang.bangfu.view;

import java.util.List;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.figure.FigureKey;

/**
 * A row of a view's table.
 *
 * @param cells one value per column, in the columns' order: numbers as numbers, money as
 * decimal strings, codes as their Chinese names, dates and times as ISO 8601 text (times
 * in Beijing time), yes/no as booleans, lists as one text; null where the data has none
 * @param total whether it is a figure's total (合计)
 * @param keys the row's figure keys, for drilling down by their values; empty for the
 * total and for rows of no figure
 */
public record ViewTableRow(List<@Nullable Object> cells, boolean total, List<FigureKey> keys) {
}
