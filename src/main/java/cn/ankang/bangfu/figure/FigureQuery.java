package cn.ankang.bangfu.figure;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.relay.GlobalId;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One figure as SQL: the rows it counts ({@code from} and conditions), what it computes
 * of them (measures, each an aggregate), and the dimensions it can be grouped by. It runs
 * as one statement: the total over everything and, when grouped, the groups. Where every
 * dimension asked keeps one row for each row (its join follows a foreign key), total and
 * groups share one scan as two grouping sets; a dimension that multiplies rows (risk
 * types, unnested) joins only the grouped half of a {@code union all}, so the total
 * counts each row once.
 */
final class FigureQuery {

	/** At most this many dimensions at once: a table and a chart read two well. */
	static final int MAX_DIMENSIONS = 2;

	private final String figure;

	private final String from;

	private final List<String> conditions = new ArrayList<>();

	private final Map<FigureDimension, Dimension> dimensions = new EnumMap<>(FigureDimension.class);

	private final Map<String, String> measures = new LinkedHashMap<>();

	private final Map<String, @Nullable Object> parameters = new HashMap<>();

	private FigureQuery(String figure, String from) {
		this.figure = figure;
		this.from = from;
	}

	/**
	 * A figure over the rows of {@code from} (SQL after {@code from}, joins included).
	 */
	static FigureQuery of(String figure, String from) {
		return new FigureQuery(figure, from);
	}

	FigureQuery where(String condition) {
		this.conditions.add(condition);
		return this;
	}

	FigureQuery dimension(FigureDimension dimension, String value, String label) {
		return dimension(dimension, value, label, "");
	}

	/**
	 * A dimension that needs a join of its own (placed after {@code from}), which finds
	 * exactly one row for each row: a not-null foreign key to a table without row-level
	 * security, or a left join.
	 */
	FigureQuery dimension(FigureDimension dimension, String value, String label, String join) {
		this.dimensions.put(dimension, new Dimension(value, label, join, false));
		return this;
	}

	/**
	 * A dimension whose join gives a row any number of rows, none included (an unnested
	 * array): grouped by it, the total is counted apart.
	 */
	FigureQuery multiplyingDimension(FigureDimension dimension, String value, String label, String join) {
		this.dimensions.put(dimension, new Dimension(value, label, join, true));
		return this;
	}

	FigureQuery measure(String name, String aggregate) {
		this.measures.put(name, aggregate);
		return this;
	}

	FigureQuery param(String name, @Nullable Object value) {
		this.parameters.put(name, value);
		return this;
	}

	FigureQuery params(Map<String, @Nullable Object> values) {
		this.parameters.putAll(values);
		return this;
	}

	/** The conditions, joined, for a query that places them itself. */
	String conditions() {
		return this.conditions.isEmpty() ? "true" : String.join("\n  and ", this.conditions);
	}

	Map<String, @Nullable Object> parameters() {
		return this.parameters;
	}

	/**
	 * The total, then the groups ordered by their values, each row holding {@code keys}
	 * ({@link FigureKey}s) and the measures by name.
	 * @throws ApiException {@code INVALID_ARGUMENT} for dimensions that do not fit
	 */
	<R extends Record> List<R> run(JdbcClient jdbc, List<FigureDimension> groupBy, Class<R> rowType) {
		List<FigureDimension> dims = List.copyOf(new LinkedHashSet<>(groupBy));
		if (dims.size() > MAX_DIMENSIONS) {
			throw ApiException.invalidArgument("Group by at most %d dimensions at once.".formatted(MAX_DIMENSIONS));
		}
		for (FigureDimension dimension : dims) {
			if (!this.dimensions.containsKey(dimension)) {
				throw ApiException.invalidArgument("%s figures cannot be grouped by %s; they can by %s."
					.formatted(this.figure, dimension, this.dimensions.keySet()));
			}
		}
		String measureList = this.measures.entrySet()
			.stream()
			.map((measure) -> measure.getValue() + " as " + measure.getKey())
			.collect(Collectors.joining(", "));
		String sql;
		if (dims.isEmpty()) {
			sql = "select true as is_total, " + measureList + "\nfrom " + this.from + "\nwhere " + conditions();
		}
		else {
			Grouping grouping = grouping(dims);
			sql = dims.stream().anyMatch((dimension) -> this.dimensions.get(dimension).multipliesRows())
					? totalAndGroups(dims.size(), grouping, measureList) : groupingSets(grouping, measureList);
		}
		RecordComponent[] components = rowType.getRecordComponents();
		Constructor<R> constructor;
		try {
			constructor = rowType.getDeclaredConstructor(
					Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException("A figure row must be a record", ex);
		}
		return jdbc.sql(sql).params(this.parameters).query((rs, n) -> row(rs, dims, components, constructor)).list();
	}

	/**
	 * The dimensions' columns ({@code k1, l1, ...}: value and label as text), the first
	 * key's expression, their positions in the select list (after {@code is_total}) and
	 * their joins.
	 */
	private Grouping grouping(List<FigureDimension> dims) {
		List<String> columns = new ArrayList<>();
		List<String> positions = new ArrayList<>();
		StringBuilder joins = new StringBuilder();
		for (int i = 0; i < dims.size(); i++) {
			Dimension dimension = this.dimensions.get(dims.get(i));
			columns.add("(%s)::text as k%d, (%s)::text as l%d".formatted(dimension.value(), i + 1, dimension.label(),
					i + 1));
			positions.add(Integer.toString(2 + 2 * i));
			positions.add(Integer.toString(3 + 2 * i));
			joins.append(' ').append(dimension.join());
		}
		return new Grouping("(%s)::text".formatted(this.dimensions.get(dims.get(0)).value()),
				String.join(", ", columns), String.join(", ", positions), joins.toString());
	}

	/**
	 * Total and groups in one scan: the empty grouping set is the total, told apart by
	 * the first key column not being grouped in it. The sets name the output columns by
	 * position (a label may be a constant, which PostgreSQL does not group by as an
	 * expression).
	 */
	private String groupingSets(Grouping grouping, String measureList) {
		return """
				select grouping(%s) = 1 as is_total, %s, %s
				from %s%s
				where %s
				group by grouping sets ((), (%s))
				order by 1 desc, %s""".formatted(grouping.firstKey(), grouping.columns(), measureList, this.from,
				grouping.joins(), conditions(), grouping.positions(), grouping.positions());
	}

	/**
	 * The total, then the groups of a dimension that multiplies rows, each of its own
	 * scan.
	 */
	private String totalAndGroups(int dimensions, Grouping grouping, String measureList) {
		StringBuilder empty = new StringBuilder();
		for (int i = 1; i <= dimensions; i++) {
			empty.append(", null::text as k").append(i).append(", null::text as l").append(i);
		}
		return """
				select true as is_total%s, %s
				from %s
				where %s
				union all
				(select false as is_total, %s, %s
				from %s%s
				where %s
				group by %s
				order by %s)""".formatted(empty, measureList, this.from, conditions(), grouping.columns(), measureList,
				this.from, grouping.joins(), conditions(), grouping.positions(), grouping.positions());
	}

	/** A row as the record, each component read from the column of its name. */
	private static <R extends Record> R row(ResultSet rs, List<FigureDimension> dims, RecordComponent[] components,
			Constructor<R> constructor) throws SQLException {
		List<FigureKey> keys = new ArrayList<>();
		if (!rs.getBoolean("is_total")) {
			for (int i = 0; i < dims.size(); i++) {
				String value = rs.getString("k" + (i + 1));
				String label = rs.getString("l" + (i + 1));
				value = (value != null) ? value : "";
				if (dims.get(i) == FigureDimension.CADRE && !value.isEmpty()) {
					value = GlobalId.of("ResidentCadre", Long.parseLong(value));
				}
				keys.add(new FigureKey(dims.get(i), value,
						FigureLabels.label(dims.get(i), value, (label != null) ? label : "（未定）")));
			}
		}
		Object[] values = new Object[components.length];
		values[0] = keys;
		for (int i = 1; i < components.length; i++) {
			values[i] = column(rs, components[i].getName(), components[i].getType());
		}
		try {
			return constructor.newInstance(values);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("A figure row must be a record whose first component is its keys", ex);
		}
	}

	private static @Nullable Object column(ResultSet rs, String name, Class<?> type) throws SQLException {
		if (type == BigDecimal.class) {
			BigDecimal value = rs.getBigDecimal(name);
			return (value != null) ? value : BigDecimal.ZERO.setScale(2);
		}
		long value = rs.getLong(name);
		return (type == long.class) ? value : (Long) value;
	}

	private record Dimension(String value, String label, String join, boolean multipliesRows) {
	}

	private record Grouping(String firstKey, String columns, String positions, String joins) {
	}

}
