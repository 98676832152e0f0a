package cn.ankang.bangfu.unit;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.relay.PageRequest;
import cn.ankang.bangfu.shared.values.Rows;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of assistance units and pairings.
 */
@Repository
class UnitRepository {

	static final String UNIT_LIST = "assistanceUnits";

	private static final RowMapper<AssistanceUnit> UNIT = (rs, n) -> new AssistanceUnit(rs.getLong("id"),
			rs.getString("name"), Rows.enumOf(rs, "level", AssistanceUnit.Level.class),
			Rows.enumOf(rs, "kind", AssistanceUnit.Kind.class), Rows.longOrNull(rs, "county_id"), rs.getInt("version"));

	private static final RowMapper<UnitPairing> PAIRING = (rs, n) -> new UnitPairing(rs.getLong("id"),
			rs.getLong("unit_id"), rs.getLong("village_id"), Rows.date(rs, "started_on"),
			Rows.dateOrNull(rs, "ended_on"), rs.getInt("version"));

	private static final String UNIT_FILTER = """
			from assistance_unit u
			where (cast(:level as text) is null or u.level = :level)
			  and (cast(:kind as text) is null or u.kind = :kind)
			  and (cast(:nameContains as text) is null or strpos(u.name, :nameContains) > 0)
			  and (cast(:countyCode as text) is null or exists (
			        select 1 from unit_pairing p
			        join village v on v.id = p.village_id
			        join town t on t.id = v.town_id
			        join county c on c.id = t.county_id
			        where p.unit_id = u.id and c.code = :countyCode))
			""";

	private final JdbcClient jdbc;

	UnitRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<AssistanceUnit> units(AssistanceUnitFilter filter, PageRequest page) {
		return this.jdbc.sql("select u.* " + UNIT_FILTER + """
				  and (cast(:after as bigint) is null or u.id > :after)
				order by u.id
				limit :limit
				""")
			.params(filterParams(filter))
			.param("after", page.afterId(UNIT_LIST))
			.param("limit", page.fetchSize())
			.query(UNIT)
			.list();
	}

	int countUnits(AssistanceUnitFilter filter) {
		return this.jdbc.sql("select count(*) " + UNIT_FILTER)
			.params(filterParams(filter))
			.query(Integer.class)
			.single();
	}

	List<AssistanceUnit> unitsByKeys(Collection<Long> keys) {
		return this.jdbc.sql("select * from assistance_unit where id in (:keys)")
			.param("keys", keys)
			.query(UNIT)
			.list();
	}

	List<UnitPairing> pairingsByKeys(Collection<Long> keys) {
		return this.jdbc.sql("select * from unit_pairing where id in (:keys)")
			.param("keys", keys)
			.query(PAIRING)
			.list();
	}

	List<UnitPairing> pairingsOfUnits(Collection<Long> unitKeys, @Nullable LocalDate activeOn) {
		return this.jdbc
			.sql("select * from unit_pairing where unit_id in (:keys) and " + ACTIVE + " order by started_on, id")
			.param("keys", unitKeys)
			.param("activeOn", activeOn)
			.query(PAIRING)
			.list();
	}

	List<UnitPairing> pairingsOfVillages(Collection<Long> villageKeys, @Nullable LocalDate activeOn) {
		return this.jdbc
			.sql("select * from unit_pairing where village_id in (:keys) and " + ACTIVE + " order by started_on, id")
			.param("keys", villageKeys)
			.param("activeOn", activeOn)
			.query(PAIRING)
			.list();
	}

	// Changes
	// ---------------------------------------------------------------------------------------------

	boolean unitNamed(String name, long exceptKey) {
		return this.jdbc.sql("select exists (select 1 from assistance_unit where name = :name and id <> :except)")
			.param("name", name)
			.param("except", exceptKey)
			.query(Boolean.class)
			.single();
	}

	long insertUnit(String name, AssistanceUnit.Level level, AssistanceUnit.Kind kind, @Nullable Long countyKey) {
		return this.jdbc.sql("""
				insert into assistance_unit (name, level, kind, county_id) values (:name, :level, :kind, :county)
				returning id""")
			.param("name", name)
			.param("level", level.name())
			.param("kind", kind.name())
			.param("county", countyKey)
			.query(Long.class)
			.single();
	}

	/** Changes the unit if it is still at the version; whether it was. */
	boolean updateUnit(long key, int baseVersion, String name, AssistanceUnit.Kind kind) {
		return this.jdbc.sql("""
				update assistance_unit set name = :name, kind = :kind, version = version + 1
				where id = :key and version = :base""")
			.param("key", key)
			.param("base", baseVersion)
			.param("name", name)
			.param("kind", kind.name())
			.update() == 1;
	}

	/**
	 * Whether the unit has a pairing with the village on any day from {@code from} on.
	 */
	boolean pairedFrom(long unitKey, long villageKey, LocalDate from) {
		return this.jdbc
			.sql("""
					select exists (select 1 from unit_pairing
					               where unit_id = :unit and village_id = :village and (ended_on is null or ended_on >= :from))""")
			.param("unit", unitKey)
			.param("village", villageKey)
			.param("from", from)
			.query(Boolean.class)
			.single();
	}

	long insertPairing(long unitKey, long villageKey, LocalDate startedOn) {
		return this.jdbc.sql("""
				insert into unit_pairing (unit_id, village_id, started_on) values (:unit, :village, :started)
				returning id""")
			.param("unit", unitKey)
			.param("village", villageKey)
			.param("started", startedOn)
			.query(Long.class)
			.single();
	}

	/** Ends the pairing if it is still at the version; whether it was. */
	boolean endPairing(long key, int baseVersion, LocalDate endedOn) {
		return this.jdbc.sql("""
				update unit_pairing set ended_on = :ended, version = version + 1
				where id = :key and version = :base""")
			.param("key", key)
			.param("base", baseVersion)
			.param("ended", endedOn)
			.update() == 1;
	}

	private static final String ACTIVE = """
			(cast(:activeOn as date) is null
			 or (started_on <= :activeOn and (ended_on is null or ended_on >= :activeOn)))""";

	private static java.util.Map<String, @Nullable Object> filterParams(AssistanceUnitFilter filter) {
		java.util.Map<String, @Nullable Object> params = new java.util.HashMap<>();
		params.put("level", (filter.level() != null) ? filter.level().name() : null);
		params.put("kind", (filter.kind() != null) ? filter.kind().name() : null);
		params.put("nameContains", filter.nameContains());
		params.put("countyCode", filter.pairedCountyCode());
		return params;
	}

	Map<String, Long> keysByNames(Collection<String> names) {
		Map<String, Long> units = new HashMap<>();
		this.jdbc.sql("select name, id from assistance_unit where name = any(:names)")
			.param("names", names.toArray(String[]::new))
			.query((rs, n) -> Map.entry(rs.getString("name"), rs.getLong("id")))
			.list()
			.forEach((entry) -> units.put(entry.getKey(), entry.getValue()));
		return units;
	}

}
