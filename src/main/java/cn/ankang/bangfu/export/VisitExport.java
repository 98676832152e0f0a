package cn.ankang.bangfu.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.values.Labels;
import cn.ankang.bangfu.view.ViewColumn;
import cn.ankang.bangfu.view.ViewColumnType;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The visits of a period, from the database straight to the client: a cursor fetches a
 * thousand rows at a time inside one read-only transaction (so with the user's scope and
 * row-level security), and each row is written out before the next is read.
 */
@Component
class VisitExport {

	private static final int FETCH_SIZE = 1_000;

	static final List<ViewColumn> COLUMNS = List.of(ViewColumn.of("id", "走访编号", ViewColumnType.IDENTIFIER),
			ViewColumn.of("county", "县区", ViewColumnType.TEXT), ViewColumn.of("town", "镇", ViewColumnType.TEXT),
			ViewColumn.of("village", "村", ViewColumnType.TEXT), ViewColumn.of("cadre", "驻村干部", ViewColumnType.TEXT),
			ViewColumn.of("kind", "走访类型", ViewColumnType.ENUM),
			ViewColumn.of("occurredAt", "走访时间", ViewColumnType.DATE_TIME),
			ViewColumn.of("householdId", "农户编号", ViewColumnType.IDENTIFIER),
			ViewColumn.of("incomeChange", "收入变化", ViewColumnType.ENUM),
			ViewColumn.of("reviewFlags", "待核查原因", ViewColumnType.TEXT),
			ViewColumn.of("version", "版本", ViewColumnType.INTEGER));

	private final NamedParameterJdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Jurisdiction jurisdiction;

	private final Clock clock;

	VisitExport(JdbcTemplate jdbc, PlatformTransactionManager transactions, Jurisdiction jurisdiction, Clock clock) {
		JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
		streaming.setFetchSize(FETCH_SIZE);
		this.jdbc = new NamedParameterJdbcTemplate(streaming);
		this.transactions = new TransactionTemplate(transactions);
		this.transactions.setReadOnly(true);
		this.jurisdiction = jurisdiction;
		this.clock = clock;
	}

	private static @Nullable String flags(String[] flags) {
		if (flags.length == 0) {
			return null;
		}
		List<String> named = new ArrayList<>(flags.length);
		for (String flag : flags) {
			named.add(Labels.of("reviewFlag", flag));
		}
		return String.join("、", named);
	}

	/**
	 * Writes the visits of the days from {@code from} to {@code to} (in the programme's
	 * time zone) the user may see: the head row, then one row per visit.
	 */
	void write(LocalDate from, LocalDate to, TableWriter table) throws IOException {
		table.header(COLUMNS);
		ZoneId zone = this.clock.getZone();
		Scope scope = this.jurisdiction.forQueries();
		MapSqlParameterSource parameters = new MapSqlParameterSource(scope.parameters())
			.addValue("from", from.atStartOfDay(zone).toOffsetDateTime())
			.addValue("before", to.plusDays(1).atStartOfDay(zone).toOffsetDateTime());
		try {
			this.transactions.executeWithoutResult((status) -> this.jdbc.query("""
					select vi.id, c.name as county, t.name as town, v.name as village, k.name as cadre, vi.kind,
					       vi.occurred_at, vi.household_id, vi.income_change, vi.review_flags, vi.version
					from visit vi join village v on v.id = vi.village_id join town t on t.id = v.town_id
					join county c on c.id = t.county_id join cadre k on k.id = vi.cadre_id
					where vi.replaced_by is null and vi.occurred_at >= :from and vi.occurred_at < :before and %s
					order by vi.occurred_at, vi.id""".formatted(scope.visitPredicate("vi.village_id", "vi.cadre_id")),
					parameters, (ResultSet rs) -> {
						try {
							String income = rs.getString("income_change");
							table.row(Arrays.asList(rs.getString("id"), rs.getString("county"), rs.getString("town"),
									rs.getString("village"), rs.getString("cadre"),
									Labels.of("visitKind", rs.getString("kind")),
									rs.getObject("occurred_at", OffsetDateTime.class).atZoneSameInstant(zone),
									rs.getString("household_id"),
									(income != null) ? Labels.of("incomeChange", income) : null,
									flags((String[]) rs.getArray("review_flags").getArray()), rs.getInt("version")));
						}
						catch (IOException ex) {
							throw new UncheckedIOException(ex);
						}
					}));
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

}
