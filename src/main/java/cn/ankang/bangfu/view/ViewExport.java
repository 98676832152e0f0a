package cn.ankang.bangfu.view;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.audit.AuditTrail;
import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.errors.ErrorCode;
import cn.ankang.bangfu.shared.values.Labels;

/**
 * A query's table to download, page after page: its first page has run (so a query that
 * fails is refused before anything is written), the rest run as the rows are taken, each
 * through the same engine as any request, as the signed-in user, so each page has the
 * user's jurisdiction, limits, masking and audit trail. Only one page is held at a time.
 */
public final class ViewExport {

	/** How long a page refused by the rate limit is waited for, at most, each time. */
	private static final int MAX_WAIT_SECONDS = 30;

	private static final int MAX_WAITS = 10;

	private final ViewRunner runner;

	private final TablePlan plan;

	private final Map<String, Object> variables;

	private final Locale locale;

	private final AuditTrail trail;

	private final String title;

	private final boolean ofView;

	private DocumentRewrites.@Nullable Paged paged;

	private @Nullable Object first;

	private boolean taken;

	private int pages;

	ViewExport(ViewRunner runner, TablePlan plan, Map<String, Object> variables, Locale locale, AuditTrail trail,
			String title, boolean ofView) {
		this.runner = runner;
		this.plan = plan;
		this.variables = variables;
		this.locale = locale;
		this.trail = trail;
		this.title = title;
		this.ofView = ofView;
	}

	/**
	 * Runs the first page.
	 * @throws ApiException {@code INVALID_ARGUMENT} when the query fails
	 */
	ViewExport start() {
		if (this.plan.paged()) {
			int size = this.plan.maxPageSize();
			while (true) {
				DocumentRewrites.Paged paged = this.plan.paged(size);
				ViewRunner.Result result = run(paged.document(), paged.variables(paged.startCursor()));
				if (!result.errors().isEmpty() && ErrorCode.QUERY_TOO_COMPLEX.name().equals(code(result)) && size > 1) {
					// many fields to a row: smaller pages cost less
					size = size / 2;
					continue;
				}
				refuseFailed(result);
				this.paged = paged;
				this.first = result.data();
				break;
			}
		}
		else {
			ViewRunner.Result result = run(this.plan.document(), this.variables);
			refuseFailed(result);
			this.first = result.data();
		}
		this.pages = 1;
		return this;
	}

	/** What the table shows: the view's name, or the figure's or the list's. */
	public String title() {
		return this.title;
	}

	/** Whether it is a saved view's, named by its owner. */
	public boolean ofView() {
		return this.ofView;
	}

	/** The year the rows are of, as the query asks; null when it names none. */
	public @Nullable Integer year() {
		return this.plan.year();
	}

	/** The names of the dimensions a figure groups by (县区, 风险类型). */
	public List<String> dimensionNames() {
		return this.plan.dimensions()
			.stream()
			.map((dimension) -> Labels.of("figureDimension", dimension.name()))
			.toList();
	}

	/** The field the rows come from, e.g. {@code monitoringFigures}, for ASCII names. */
	public String field() {
		return (this.plan.rowsField() != null) ? this.plan.rowsField().getName() : "export";
	}

	/** The dimensions a figure groups by, by code, for ASCII names. */
	public List<String> dimensionCodes() {
		return this.plan.dimensions().stream().map(Enum::name).toList();
	}

	/** The table's columns. */
	public List<ViewColumn> columns() {
		return this.plan.columns(this.first);
	}

	/** How many pages have run so far. */
	public int pages() {
		return this.pages;
	}

	/**
	 * Hands every row to the sink, running the following pages as the rows are taken.
	 * Once only.
	 * @throws ApiException {@code INVALID_ARGUMENT} when a later page fails
	 */
	public <E extends Exception> void rows(RowSink<E> sink) throws E {
		if (this.taken) {
			throw new IllegalStateException("The rows of an export are taken once");
		}
		this.taken = true;
		Object data = this.first;
		this.first = null;
		while (true) {
			this.plan.rows(data, sink::row);
			String cursor = (this.paged != null) ? this.plan.nextCursor(data) : null;
			if (cursor == null) {
				return;
			}
			DocumentRewrites.Paged paged = Objects.requireNonNull(this.paged);
			data = null;
			ViewRunner.Result result = page(paged, cursor);
			this.pages++;
			data = result.data();
			String next = this.plan.nextCursor(data);
			if (cursor.equals(next)) {
				throw new IllegalStateException("The connection gave the same cursor twice: " + cursor);
			}
		}
	}

	private ViewRunner.Result page(DocumentRewrites.Paged paged, String cursor) {
		for (int waits = 0;; waits++) {
			ViewRunner.Result result = run(paged.document(), paged.variables(cursor));
			if (result.errors().isEmpty()) {
				return result;
			}
			Object seconds = ((Map<?, ?>) result.errors().get(0).get("extensions")).get("retryAfterSeconds");
			if (ErrorCode.RATE_LIMITED.name().equals(code(result)) && seconds instanceof Number wait
					&& wait.intValue() <= MAX_WAIT_SECONDS && waits < MAX_WAITS) {
				// a long download spends the downloader's points like requests do; it
				// waits
				// for them rather than stop half written
				sleep(wait.intValue());
				continue;
			}
			throw ApiException
				.invalidArgument("Page %d of the export fails: %s".formatted(this.pages + 1, result.firstError()));
		}
	}

	private ViewRunner.Result run(String document, Map<String, Object> variables) {
		return this.runner.run(document, variables, this.locale, this.trail, false);
	}

	private static void refuseFailed(ViewRunner.Result result) {
		if (!result.errors().isEmpty()) {
			throw ApiException.invalidArgument("The query fails when run: " + result.firstError());
		}
	}

	private static @Nullable String code(ViewRunner.Result result) {
		Object code = ((Map<?, ?>) result.errors().get(0).get("extensions")).get("code");
		return (code != null) ? code.toString() : null;
	}

	private static void sleep(int seconds) {
		try {
			Thread.sleep(Math.max(1, seconds) * 1000L);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the rate limit", ex);
		}
	}

	/** Takes rows one at a time. */
	@FunctionalInterface
	public interface RowSink<E extends Exception> {

		void row(ViewTableRow row) throws E;

	}

}
