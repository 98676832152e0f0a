package cn.ankang.bangfu.view;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.figure.FigureDimension;
import cn.ankang.bangfu.figure.FigureKey;
import cn.ankang.bangfu.shared.values.Labels;

/**
 * A query's data as rows of a table, read along its {@link TableShape}: the columns bound
 * to the leaves they are read from, each row's cells and figure keys, and the cursor a
 * paged run continues after.
 */
final class TableRows {

	static final String TOTAL = "合计";

	private final TableShape shape;

	private final CellFormat format;

	private @Nullable List<Bound> bound;

	TableRows(TableShape shape, ZoneId zone) {
		this.shape = shape;
		this.format = new CellFormat(zone);
	}

	/**
	 * The columns, in the order the document selects the fields. A figure's key columns
	 * follow its {@code groupBy}, or where that cannot be read, the keys of the data's
	 * first group.
	 */
	synchronized List<ViewColumn> columns(@Nullable Object data) {
		if (this.bound == null) {
			List<FigureDimension> dimensions = this.shape.dimensions().isEmpty() ? dimensionsOf(data)
					: this.shape.dimensions();
			List<Bound> columns = new ArrayList<>();
			for (TableShape.Leaf leaf : this.shape.leaves()) {
				if (leaf.column() == null) {
					for (int i = 0; i < dimensions.size(); i++) {
						FigureDimension dimension = dimensions.get(i);
						columns.add(new Bound(new ViewColumn(String.join(".", leaf.path()) + "." + dimension.name(),
								Labels.of("figureDimension", dimension.name()), ViewColumnType.TEXT, null, dimension),
								leaf, i));
					}
				}
				else {
					columns.add(new Bound(leaf.column(), leaf, -1));
				}
			}
			this.bound = List.copyOf(columns);
		}
		return this.bound.stream().map(Bound::column).toList();
	}

	/** The table of the data as run. */
	ViewTable table(@Nullable Object data) {
		List<ViewColumn> columns = columns(data);
		List<ViewTableRow> rows = new ArrayList<>();
		rows(data, rows::add);
		return new ViewTable(columns, List.copyOf(rows));
	}

	/** Hands each row of the data to the sink, in order. */
	<E extends Exception> void rows(@Nullable Object data, TablePlan.RowSink<E> sink) throws E {
		columns(data);
		Object at = container(data);
		switch (this.shape.source()) {
			case FIGURE -> {
				if (at instanceof Map<?, ?> figure) {
					if (this.shape.groupsKey() != null
							&& figure.get(this.shape.groupsKey()) instanceof List<?> groups) {
						for (Object group : groups) {
							if (group instanceof Map<?, ?> row) {
								sink.row(row(row, false));
							}
						}
					}
					if (this.shape.totalKey() != null && figure.get(this.shape.totalKey()) instanceof Map<?, ?> total) {
						sink.row(row(total, true));
					}
				}
			}
			case CONNECTION -> {
				if (at instanceof Map<?, ?> connection && this.shape.edgesKey() != null
						&& connection.get(this.shape.edgesKey()) instanceof List<?> edges) {
					for (Object edge : edges) {
						if (edge instanceof Map<?, ?> map && map.get(this.shape.nodeKey()) instanceof Map<?, ?> node) {
							sink.row(row(node, false));
						}
					}
				}
			}
			case LIST -> {
				if (at instanceof List<?> list) {
					for (Object item : list) {
						if (item instanceof Map<?, ?> row) {
							sink.row(row(row, false));
						}
					}
				}
			}
			case OBJECT -> {
				if (at instanceof Map<?, ?> row) {
					sink.row(row(row, false));
				}
			}
			case NONE -> {
			}
		}
	}

	/**
	 * The cursor to continue after, when the data of a paged run says more follows; null
	 * when it was the last page.
	 */
	@Nullable String nextCursor(@Nullable Object data) {
		if (container(data) instanceof Map<?, ?> connection
				&& connection.get(DocumentRewrites.PAGE_INFO) instanceof Map<?, ?> page
				&& Boolean.TRUE.equals(page.get("hasNextPage"))) {
			Object cursor = page.get("endCursor");
			return (cursor != null) ? cursor.toString() : null;
		}
		return null;
	}

	private @Nullable Object container(@Nullable Object data) {
		Object at = data;
		for (TableShape.Step step : this.shape.path()) {
			if (!(at instanceof Map<?, ?> map)) {
				return null;
			}
			at = map.get(step.key());
		}
		return at;
	}

	private List<FigureDimension> dimensionsOf(@Nullable Object data) {
		if (this.shape.source() != TablePlan.Source.FIGURE || !(container(data) instanceof Map<?, ?> figure)
				|| this.shape.groupsKey() == null || !(figure.get(this.shape.groupsKey()) instanceof List<?> groups)
				|| groups.isEmpty()) {
			return List.of();
		}
		for (TableShape.Leaf leaf : this.shape.leaves()) {
			if (leaf.column() == null && groups.get(0) instanceof Map<?, ?> row
					&& row.get(leaf.path().get(0)) instanceof List<?> keys) {
				List<FigureDimension> dimensions = new ArrayList<>();
				for (Object key : keys) {
					try {
						dimensions.add(FigureDimension.valueOf(String.valueOf(((Map<?, ?>) key).get("dimension"))));
					}
					catch (IllegalArgumentException | ClassCastException ex) {
						return List.of();
					}
				}
				return dimensions;
			}
		}
		return List.of();
	}

	private ViewTableRow row(Map<?, ?> row, boolean total) {
		List<Bound> columns = (this.bound != null) ? this.bound : List.of();
		List<@Nullable Object> cells = new ArrayList<>(columns.size());
		List<FigureKey> keys = new ArrayList<>();
		boolean firstKey = true;
		for (Bound bound : columns) {
			TableShape.Leaf leaf = bound.leaf;
			if (leaf.column() == null) {
				if (total) {
					cells.add(firstKey ? TOTAL : null);
					firstKey = false;
					continue;
				}
				FigureKey key = key(row, leaf, bound.index, bound.column.dimension());
				cells.add((key != null) ? key.label() : null);
				if (key != null) {
					keys.add(key);
				}
				continue;
			}
			List<@Nullable Object> values = values(row, leaf.path(), 0);
			if (leaf.list()) {
				List<String> shown = new ArrayList<>();
				for (Object value : values) {
					if (value != null) {
						shown.add(this.format.shown(leaf, value));
					}
				}
				cells.add(shown.isEmpty() ? null : String.join("、", shown));
			}
			else {
				Object value = values.isEmpty() ? null : values.get(0);
				cells.add((value != null) ? this.format.cell(leaf, value) : null);
			}
		}
		return new ViewTableRow(Collections.unmodifiableList(cells), total, List.copyOf(keys));
	}

	private static @Nullable FigureKey key(Map<?, ?> row, TableShape.Leaf leaf, int index,
			@Nullable FigureDimension dimension) {
		if (!(row.get(leaf.path().get(0)) instanceof List<?> list) || dimension == null) {
			return null;
		}
		Map<?, ?> found = null;
		for (Object key : list) {
			if (key instanceof Map<?, ?> map && dimension.name().equals(map.get("dimension"))) {
				found = map;
			}
		}
		if (found == null && index < list.size() && list.get(index) instanceof Map<?, ?> map
				&& map.get("dimension") == null) {
			// the document did not ask for the dimension: keys come in groupBy's order
			found = map;
		}
		if (found == null || found.get("value") == null) {
			return null;
		}
		String value = found.get("value").toString();
		return new FigureKey(dimension, value, (found.get("label") != null) ? found.get("label").toString() : value);
	}

	/** The values at a path, lists along it and at its end flattened. */
	private static List<@Nullable Object> values(@Nullable Object at, List<String> path, int from) {
		List<@Nullable Object> all = new ArrayList<>();
		if (at instanceof List<?> list) {
			for (Object item : list) {
				all.addAll(values(item, path, from));
			}
		}
		else if (from == path.size()) {
			all.add(at);
		}
		else if (at instanceof Map<?, ?> map) {
			all.addAll(values(map.get(path.get(from)), path, from + 1));
		}
		return all;
	}

	private record Bound(ViewColumn column, TableShape.Leaf leaf, int index) {
	}

}
