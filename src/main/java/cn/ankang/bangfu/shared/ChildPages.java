package cn.ankang.bangfu.shared;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.jdbc.core.RowMapper;

/**
 * Loads a page of children for many parents in one SQL statement, so that a nested
 * connection (a town's villages, a household's visits) costs one statement per request,
 * not one per parent.
 * <p>
 * Window functions number each parent's rows after the cursor and count them all; the
 * first row of every parent is always returned so that the count is known even when the
 * page itself is empty.
 */
public final class ChildPages {

	/** The named parameter that holds the number of rows to fetch per parent. */
	public static final String LIMIT_PARAM = "page_limit";

	private ChildPages() {
	}

	/**
	 * The statement that pages children per parent.
	 * @param columns the select list of the child rows
	 * @param fromWhere the {@code from ... where ...} part; it must restrict the parents
	 * with a named parameter
	 * @param parentColumn the column that names a row's parent
	 * @param orderBy the order of children within a parent; it must be unique
	 * @param afterCondition the keyset condition of rows after the cursor, or
	 * {@code true} on a first page
	 */
	public static String sql(String columns, String fromWhere, String parentColumn, String orderBy,
			String afterCondition) {
		return """
				select *, (page_after and page_position <= :%6$s) as page_in from (
				    select %1$s,
				           %3$s as page_parent,
				           (%5$s) as page_after,
				           count(*) over (partition by %3$s) as page_total,
				           count(*) filter (where %5$s) over (partition by %3$s order by %4$s) as page_position,
				           row_number() over (partition by %3$s order by %4$s) as page_row
				    %2$s
				) paged
				where (page_after and page_position <= :%6$s) or page_row = 1
				order by page_parent, page_row
				""".formatted(columns, fromWhere, parentColumn, orderBy, afterCondition, LIMIT_PARAM);
	}

	/**
	 * A row mapper that keeps, beside each child, the page columns {@link #sql} adds.
	 */
	public static <T> RowMapper<Row<T>> rows(RowMapper<T> child) {
		return (rs, rowNum) -> new Row<>(rs.getLong("page_parent"), child.mapRow(rs, rowNum), inPage(rs),
				rs.getInt("page_total"));
	}

	/**
	 * Groups rows from {@link #sql} into a connection per parent; parents without rows
	 * get an empty one.
	 */
	public static <K, T> Map<K, Connection<T>> collect(Collection<K> parents, Function<K, Long> parentId,
			List<Row<T>> rows, PageRequest page, Function<T, String> cursor) {
		Map<Long, List<T>> items = new HashMap<>();
		Map<Long, Integer> totals = new HashMap<>();
		for (Row<T> row : rows) {
			totals.put(row.parentId(), row.total());
			List<T> list = items.computeIfAbsent(row.parentId(), (id) -> new ArrayList<>());
			if (row.inPage()) {
				list.add(row.item());
			}
		}
		Map<K, Connection<T>> result = new LinkedHashMap<>();
		for (K parent : parents) {
			Long id = parentId.apply(parent);
			result.put(parent,
					Connection.of(items.getOrDefault(id, List.of()), page, cursor, totals.getOrDefault(id, 0)));
		}
		return result;
	}

	private static boolean inPage(ResultSet rs) throws SQLException {
		return rs.getBoolean("page_in");
	}

	/**
	 * A child row with its parent, whether it belongs to the page, and its parent's child
	 * count.
	 *
	 * @param <T> the type of the child
	 * @param parentId the parent's key
	 * @param item the child
	 * @param inPage whether the row belongs to the asked page, rather than only carrying
	 * the count
	 * @param total how many children the parent has
	 */
	public record Row<T>(long parentId, T item, boolean inPage, int total) {
	}

}
