package cn.ankang.bangfu.shared.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * A page of a list in Relay's connection form.
 *
 * @param <T> the type of the items
 * @param edges the items with their cursors
 * @param pageInfo where the page stands
 * @param totalCount how many items match over all pages; only computed when the client
 * selects it
 */
public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo, int totalCount) {

	/**
	 * The page made of rows fetched with {@link PageRequest#fetchSize()}: the extra row,
	 * if present, only tells that a next page exists.
	 * @param rows the rows in list order, at most {@code page.fetchSize()}
	 * @param page the page asked for
	 * @param cursor the cursor of a row
	 * @param totalCount how many rows match over all pages
	 */
	public static <T> Connection<T> of(List<T> rows, PageRequest page, Function<T, String> cursor, int totalCount) {
		boolean hasNext = rows.size() > page.first();
		List<T> items = hasNext ? rows.subList(0, page.first()) : rows;
		List<Edge<T>> edges = new ArrayList<>(items.size());
		for (T item : items) {
			edges.add(new Edge<>(item, cursor));
		}
		Edge<T> first = edges.isEmpty() ? null : edges.get(0);
		Edge<T> last = edges.isEmpty() ? null : edges.get(edges.size() - 1);
		return new Connection<>(edges, new PageInfo(hasNext, page.after() != null, first, last), totalCount);
	}

	/** An empty page. */
	public static <T> Connection<T> empty(PageRequest page) {
		return of(List.of(), page, (item) -> "", 0);
	}

	/**
	 * An item with the cursor that points after it. The cursor is encoded when a client
	 * asks for it: a phone's page of fifty households with three visits each rarely does.
	 *
	 * @param <T> the type of the item
	 * @param node the item
	 * @param cursorOf how an item's cursor is made
	 */
	public record Edge<T>(T node, Function<? super T, String> cursorOf) {

		/** The cursor that points after this item. */
		public String cursor() {
			return this.cursorOf.apply(this.node);
		}

	}

	/**
	 * Where a page stands.
	 *
	 * @param hasNextPage whether more items follow
	 * @param hasPreviousPage whether the page was asked after a cursor
	 * @param first the page's first edge, null when empty
	 * @param last the page's last edge, null when empty
	 */
	public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, @Nullable Edge<?> first,
			@Nullable Edge<?> last) {

		/** The first item's cursor, null when the page is empty. */
		public @Nullable String startCursor() {
			return (this.first != null) ? this.first.cursor() : null;
		}

		/** The last item's cursor, null when the page is empty. */
		public @Nullable String endCursor() {
			return (this.last != null) ? this.last.cursor() : null;
		}

	}

}
