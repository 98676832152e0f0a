package cn.ankang.bangfu.enterprise;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.project.Project;
import cn.ankang.bangfu.shared.values.Rows;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the ledger import: the bodies on record with their years, and the changes.
 */
@Repository
class EnterpriseImportRepository {

	private final JdbcClient jdbc;

	private final EnterpriseRepository enterprises;

	EnterpriseImportRepository(JdbcClient jdbc, EnterpriseRepository enterprises) {
		this.jdbc = jdbc;
		this.enterprises = enterprises;
	}

	/** A body on record, with its years by year. */
	record Stored(long key, String kind, String industry, @Nullable String placeKey, LocalDate openedOn,
			@Nullable LocalDate closedOn, Map<Integer, StoredYear> years) {
	}

	record StoredYear(List<String> modes, int linkedHouseholds, int linkedPeople, int workers, int workersOutOfPoverty,
			int workersFromMonitored) {
	}

	/**
	 * What a file does to one body: creates it ({@code stored} null) or changes its own
	 * fields ({@code own}), and creates or changes these years.
	 */
	record BodyChange(@Nullable Stored stored, long countyKey, @Nullable Long townKey, @Nullable Long villageKey,
			EnterpriseImport.EnterpriseRow body, boolean own, List<EnterpriseImport.EnterpriseRow> years) {
	}

	/** The bodies the user may see of these county|name keys, by key. */
	Map<String, Stored> bodies(Collection<String> keys) {
		Map<String, Stored> bodies = new HashMap<>();
		if (keys.isEmpty()) {
			return bodies;
		}
		Map<Long, Map<Integer, StoredYear>> years = new HashMap<>();
		this.jdbc
			.sql("""
					select y.* from enterprise_year y join enterprise e on e.id = y.enterprise_id join county c on c.id = e.county_id
					where c.code || '|' || e.name = any(:keys)""")
			.param("keys", keys.toArray(String[]::new))
			.query((rs, n) -> years.computeIfAbsent(rs.getLong("enterprise_id"), (k) -> new HashMap<>())
				.put(rs.getInt("year"),
						new StoredYear(Rows.textList(rs, "modes"), rs.getInt("linked_households"),
								rs.getInt("linked_people"), rs.getInt("workers"), rs.getInt("workers_out_of_poverty"),
								rs.getInt("workers_from_monitored"))))
			.list();
		this.jdbc.sql("""
				select e.*, c.code || '|' || e.name as body from enterprise e join county c on c.id = e.county_id
				where c.code || '|' || e.name = any(:keys)
				order by e.closed_on nulls first, e.id""")
			.param("keys", keys.toArray(String[]::new))
			.query((rs, n) -> bodies.putIfAbsent(rs.getString("body"),
					new Stored(rs.getLong("id"), rs.getString("kind"), rs.getString("industry"),
							EnterpriseImport.placeKey(Rows.longOrNull(rs, "town_id"),
									Rows.longOrNull(rs, "village_id")),
							Rows.date(rs, "opened_on"), Rows.dateOrNull(rs, "closed_on"),
							years.getOrDefault(rs.getLong("id"), Map.of()))))
			.list();
		return bodies;
	}

	/** Makes the changes, body by body. */
	void apply(List<BodyChange> changes) {
		for (BodyChange change : changes) {
			EnterpriseImport.EnterpriseRow body = change.body();
			long key;
			if (change.stored() == null) {
				key = this.enterprises.insert(body.name(), Enterprise.Kind.valueOf(body.kind()),
						Project.Industry.valueOf(body.industry()), change.countyKey(), change.townKey(),
						change.villageKey(), body.openedOn());
				if (body.closedOn() != null) {
					this.jdbc.sql("update enterprise set closed_on = :closed where id = :key")
						.param("closed", body.closedOn())
						.param("key", key)
						.update();
				}
			}
			else {
				key = change.stored().key();
				if (change.own()) {
					this.jdbc.sql("""
							update enterprise
							set kind = :kind, industry = :industry, town_id = :town, village_id = :village,
							    opened_on = :opened, closed_on = :closed, version = version + 1
							where id = :key""")
						.param("kind", body.kind())
						.param("industry", body.industry())
						.param("town", change.townKey())
						.param("village", change.villageKey())
						.param("opened", body.openedOn())
						.param("closed", body.closedOn())
						.param("key", key)
						.update();
				}
			}
			for (EnterpriseImport.EnterpriseRow row : change.years()) {
				EnterpriseRepository.Figures figures = new EnterpriseRepository.Figures(
						row.modes().stream().map(Enterprise.Mode::valueOf).toList(), row.linkedHouseholds(),
						row.linkedPeople(), row.workers(), row.workersOutOfPoverty(), row.workersFromMonitored());
				var stored = this.enterprises.yearOf(key, row.year());
				if (stored.isEmpty()) {
					this.enterprises.insertYear(key, row.year(), figures);
				}
				else {
					this.enterprises.updateYear(stored.get().key(), stored.get().version(), figures);
				}
			}
		}
	}

}
