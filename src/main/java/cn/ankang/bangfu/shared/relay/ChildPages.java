package cn.ankang.bangfu.shared.relay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.ankang.bangfu.shared.errors.ApiException;

/**
 * Loads a page of children for many parents in one SQL statement, so that a nested
 * connection (a town's villages, a household's visits) costs one statement per request,
 * not one per parent.
 * <p>
 * Each parent reads only its own page: a lateral subquery per parent walks the index on
 * (parent, sort key) from the cursor and stops after {@link PageRequest#fetchSize()}
 * rows, so a village page costs three visits per household, not every visit each
 * household ever had. How many children each parent has over all pages is a second,
 * grouped statement, run only when a client selects {@code totalCount}.
 *
 * @param table the child table
 * @param alias the child table's alias, which qualifies the other parts
 * @param parentColumn the column that names a row's parent, e.g. {@code v.household_id}
 * @param where further conditions on the children (status, scope), or {@code true}
 * @param orderBy the order of children within a parent; it must be unique, and name only
 * columns the page selects
 */
public record ChildPages(String table, String alias, String parentColumn, String where, String orderBy) {

	/** The named parameter that holds the parents' keys, a {@code bigint[]}. */
	public static final String PARENTS_PARAM = "page_parents";

	/** The named parameter that holds the number of rows to fetch per parent. */
	public static final String LIMIT_PARAM = "page_limit";

	/**
	 * The statement that reads each parent's page, in the parents' key order and the
	 * children's order within each. Bind {@link #parameters}.
	 * @param columns the select list of the child rows
	 * @param afterCondition the keyset condition of rows after the cursor, or
	 * {@code true} on a first page
	 */
	public String pageSql(String columns, String afterCondition) {
		// The subquery's result takes the table's alias so that the outer order by can
		// reuse the children's order as it is written.
		return """
				select %2$s.*, parents.id as page_parent
				from unnest(cast(:%7$s as bigint[])) as parents(id)
				cross join lateral (
				    select %1$s
				    from %3$s %2$s
				    where %4$s = parents.id
				      and %5$s
				      and %6$s
				    order by %9$s
				    limit :%8$s
				) %2$s
				order by parents.id, %9$s
				""".formatted(columns, this.alias, this.table, this.parentColumn, this.where, afterCondition,
				PARENTS_PARAM, LIMIT_PARAM, this.orderBy);
	}

	/**
	 * The statement that counts each parent's children over all pages; parents without
	 * children have no row. Bind {@link #PARENTS_PARAM} with {@link #keys}.
	 */
	public String countSql() {
		return """
				select %3$s as page_parent, count(*) as page_total
				from %1$s %2$s
				where %3$s = any(cast(:%5$s as bigint[]))
				  and %4$s
				group by %3$s
				""".formatted(this.table, this.alias, this.parentColumn, this.where, PARENTS_PARAM);
	}

	/** The parameters {@link #pageSql} needs beside the child's own. */
	public static Map<String, Object> parameters(Collection<Long> parents, PageRequest page) {
		return Map.of(PARENTS_PARAM, keys(parents), LIMIT_PARAM, page.fetchSize());
	}

	/** The parents' keys as the array {@link #PARENTS_PARAM} takes. */
	public static Long[] keys(Collection<Long> parents) {
		return parents.toArray(Long[]::new);
	}

	/** A row mapper that keeps, beside each child, the parent {@link #pageSql} adds. */
	public static <T> RowMapper<Row<T>> rows(RowMapper<T> child) {
		return (rs, rowNum) -> new Row<>(rs.getLong("page_parent"), child.mapRow(rs, rowNum));
	}

	/** Runs a bound {@link #countSql} statement: each parent's count, by parent key. */
	public static Map<Long, Integer> totals(JdbcClient.StatementSpec countStatement) {
		Map<Long, Integer> totals = new HashMap<>();
		countStatement.query((rs) -> {
			totals.put(rs.getLong("page_parent"), rs.getInt("page_total"));
		});
		return totals;
	}

	/**
	 * Groups rows from {@link #pageSql} into a connection per parent; parents without
	 * rows get an empty one.
	 * @param parents the parents' keys
	 * @param rows the page rows of all parents
	 * @param totals each parent's count, or empty when the client did not ask for it
	 * (connections then say 0)
	 * @param page the page asked for
	 * @param cursor the cursor of a child
	 */
	public static <T> Map<Long, Connection<T>> collect(Collection<Long> parents, List<Row<T>> rows,
			Map<Long, Integer> totals, PageRequest page, Function<T, String> cursor) {
		Map<Long, List<T>> items = new HashMap<>();
		for (Row<T> row : rows) {
			items.computeIfAbsent(row.parentId(), (id) -> new ArrayList<>()).add(row.item());
		}
		Map<Long, Connection<T>> result = new LinkedHashMap<>();
		for (Long parent : parents) {
			result.put(parent,
					Connection.of(items.getOrDefault(parent, List.of()), page, cursor, totals.getOrDefault(parent, 0)));
		}
		return result;
	}

	/**
	 * The fetcher of a nested connection field ({@code first} and {@code after}) that
	 * hands each parent to the named batch loader ({@link Batching#register}). Written as
	 * a plain fetcher, not a {@code @SchemaMapping} method: Spring builds a handler for
	 * each call of such a method (the bean looked up, the method described, the arguments
	 * bound by reflection), and a nested connection is called once per parent, fifty
	 * times on a village's page, where that was a tenth of the page's CPU.
	 * @param loader the batch loader's name
	 * @param parentKey the database key of the field's object
	 */
	public static <S> DataFetcher<CompletableFuture<Object>> field(String loader, ToLongFunction<S> parentKey) {
		return (environment) -> {
			DataLoader<Batching.Key<Request>, Object> children = environment.getDataLoader(loader);
			if (children == null) {
				throw new IllegalStateException("No batch loader named " + loader);
			}
			Request request = Request.of(environment.getArgument("first"), environment.getArgument("after"),
					environment);
			return children.load(new Batching.Key<>(parentKey.applyAsLong(environment.getSource()), request));
		};
	}

	/**
	 * A child row with its parent.
	 *
	 * @param <T> the type of the child
	 * @param parentId the parent's key
	 * @param item the child
	 */
	public record Row<T>(long parentId, T item) {
	}

	/**
	 * The arguments of a nested connection field, the key its batch loader groups parents
	 * by.
	 *
	 * @param page the page asked for
	 * @param countTotal whether the client selected {@code totalCount}, which costs a
	 * second statement
	 */
	public record Request(PageRequest page, boolean countTotal) {

		/**
		 * The request of a connection field: its {@code first} and {@code after}
		 * arguments, and whether its selection holds {@code totalCount}.
		 * @throws ApiException {@code INVALID_ARGUMENT} when {@code first} is out of
		 * range
		 */
		public static Request of(@Nullable Integer first, @Nullable String after, DataFetchingEnvironment field) {
			return new Request(PageRequest.of(first, after), selects(field, "totalCount"));
		}

		/**
		 * Whether the field's own selection names {@code name}, directly or through
		 * fragments. A nested connection is asked once per parent (fifty times on a
		 * village's page), and graphql-java's {@code DataFetchingFieldSelectionSet}
		 * builds the field's whole subtree each time; this reads one level of the
		 * document. {@code @skip} and {@code @include} are not evaluated: a skipped
		 * {@code totalCount} costs its statement, never a wrong answer.
		 */
		static boolean selects(DataFetchingEnvironment field, String name) {
			for (Field each : field.getMergedField().getFields()) {
				if (selects(each.getSelectionSet(), field.getFragmentsByName(), name)) {
					return true;
				}
			}
			return false;
		}

		private static boolean selects(@Nullable SelectionSet selections, Map<String, FragmentDefinition> fragments,
				String name) {
			if (selections == null) {
				return false;
			}
			for (Selection<?> selection : selections.getSelections()) {
				boolean found = false;
				if (selection instanceof Field field) {
					found = field.getName().equals(name);
				}
				else if (selection instanceof InlineFragment inline) {
					found = selects(inline.getSelectionSet(), fragments, name);
				}
				else if (selection instanceof FragmentSpread spread) {
					FragmentDefinition fragment = fragments.get(spread.getName());
					found = fragment != null && selects(fragment.getSelectionSet(), fragments, name);
				}
				if (found) {
					return true;
				}
			}
			return false;
		}

		/** An empty connection for this request. */
		public <T> Connection<T> empty() {
			return Connection.empty(this.page);
		}

	}

}
