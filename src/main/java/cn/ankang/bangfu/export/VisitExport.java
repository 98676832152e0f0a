package cn.ankang.bangfu.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import cn.ankang.bangfu.security.Jurisdiction;
import cn.ankang.bangfu.security.Scope;

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

	static final List<String> HEADER = List.of("走访编号", "县区", "镇", "村", "驻村干部", "走访类型", "走访时间", "农户编号", "收入变化", "待核查原因",
			"版本");

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

	void write(LocalDate from, LocalDate to, TableWriter table) throws IOException {
		table.row(HEADER);
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
							table.row(Arrays.asList(rs.getString("id"), rs.getString("county"), rs.getString("town"),
									rs.getString("village"), rs.getString("cadre"), rs.getString("kind"),
									rs.getObject("occurred_at", java.time.OffsetDateTime.class)
										.atZoneSameInstant(zone)
										.toLocalDateTime()
										.toString(),
									rs.getObject("household_id"), rs.getString("income_change"),
									String.join("; ", (String[]) rs.getArray("review_flags").getArray()),
									rs.getInt("version")));
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
