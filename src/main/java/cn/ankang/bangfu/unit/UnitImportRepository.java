package cn.ankang.bangfu.unit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the units and pairings import: what is stored of the file's units, and its
 * changes. The database writes their history by trigger, under the import's id.
 */
@Repository
class UnitImportRepository {

	private final JdbcClient jdbc;

	UnitImportRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record StoredUnit(long key, String name, String level, String kind, @Nullable String countyCode) {
	}

	record StoredPairing(long key, long villageKey, LocalDate startedOn, @Nullable LocalDate endedOn) {
	}

	/** A pairing of the file: new (no stored) or ending. */
	record PairingChange(UnitImport.PairingRow row, long villageKey, @Nullable StoredPairing stored) {
	}

	/**
	 * A unit of the file: new (no stored), or changed in its own fields, its pairings or
	 * both.
	 */
	record UnitChange(UnitImport.PairingRow unit, @Nullable Long countyKey, @Nullable StoredUnit stored,
			boolean unitChanged, List<PairingChange> pairings) {
	}

	Map<String, StoredUnit> units(Collection<String> names) {
		Map<String, StoredUnit> units = new HashMap<>();
		this.jdbc.sql("""
				select u.id, u.name, u.level, u.kind, c.code as county_code
				from assistance_unit u left join county c on c.id = u.county_id where u.name = any(:names)""")
			.param("names", names.toArray(String[]::new))
			.query((rs, n) -> new StoredUnit(rs.getLong("id"), rs.getString("name"), rs.getString("level"),
					rs.getString("kind"), rs.getString("county_code")))
			.list()
			.forEach((unit) -> units.put(unit.name(), unit));
		return units;
	}

	Map<Long, List<StoredPairing>> pairings(List<Long> units) {
		Map<Long, List<StoredPairing>> pairings = new HashMap<>();
		this.jdbc
			.sql("select id, unit_id, village_id, started_on, ended_on from unit_pairing where unit_id = any(:units)")
			.param("units", units.toArray(Long[]::new))
			.query((rs, n) -> Map.entry(rs.getLong("unit_id"),
					new StoredPairing(rs.getLong("id"), rs.getLong("village_id"),
							rs.getObject("started_on", LocalDate.class), rs.getObject("ended_on", LocalDate.class))))
			.list()
			.forEach((entry) -> pairings.computeIfAbsent(entry.getKey(), (k) -> new ArrayList<>())
				.add(entry.getValue()));
		return pairings;
	}

	void apply(List<UnitChange> changes) {
		for (UnitChange change : changes) {
			long unit;
			if (change.stored() == null) {
				unit = this.jdbc
					.sql("""
							insert into assistance_unit (name, level, kind, county_id) values (:name, :level, :kind, :county)
							returning id""")
					.param("name", change.unit().name())
					.param("level", change.unit().level())
					.param("kind", change.unit().kind())
					.param("county", change.countyKey())
					.query(Long.class)
					.single();
			}
			else {
				unit = change.stored().key();
				if (change.unitChanged()) {
					this.jdbc.sql("""
							update assistance_unit set level = :level, kind = :kind, county_id = :county,
							       version = version + 1
							where id = :id""")
						.param("id", unit)
						.param("level", change.unit().level())
						.param("kind", change.unit().kind())
						.param("county", change.countyKey())
						.update();
				}
			}
			for (PairingChange pairing : change.pairings()) {
				if (pairing.stored() == null) {
					this.jdbc.sql("""
							insert into unit_pairing (unit_id, village_id, started_on, ended_on)
							values (:unit, :village, :started, :ended)""")
						.param("unit", unit)
						.param("village", pairing.villageKey())
						.param("started", pairing.row().startedOn())
						.param("ended", pairing.row().endedOn())
						.update();
				}
				else {
					this.jdbc.sql("update unit_pairing set ended_on = :ended, version = version + 1 where id = :id")
						.param("id", pairing.stored().key())
						.param("ended", pairing.row().endedOn())
						.update();
				}
			}
		}
	}

}
