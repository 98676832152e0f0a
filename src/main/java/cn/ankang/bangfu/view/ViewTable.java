package cn.ankang.bangfu.view;

import java.util.List;

/**
 * A view's data as a table: the rows of the data (a figure's groups then its total, a
 * connection's nodes, the first list of objects, or else the first object) in typed,
 * labelled columns read from the schema.
 *
 * @param columns the columns
 * @param rows the rows
 */
public record ViewTable(List<ViewColumn> columns, List<ViewTableRow> rows) {
}
