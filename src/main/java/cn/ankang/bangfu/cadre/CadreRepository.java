package cn.ankang.bangfu.cadre;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.values.Gender;
import cn.ankang.bangfu.shared.relay.PageRequest;
import cn.ankang.bangfu.shared.values.Rows;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of cadres and postings.
 */
@Repository
class CadreRepository {

	static final String CADRE_LIST = "residentCadres";

	private static final RowMapper<ResidentCadre> CADRE = (rs, n) -> new ResidentCadre(rs.getLong("id"),
			rs.getString("name"), Rows.enumOf(rs, "gender", Gender.class), rs.getString("phone"),
			rs.getLong("dispatching_unit_id"), rs.getInt("version"));

	private static final RowMapper<Posting> POSTING = (rs, n) -> new Posting(rs.getLong("id"), rs.getLong("cadre_id"),
			rs.getLong("village_id"), Rows.enumOf(rs, "role", Posting.Role.class), Rows.date(rs, "started_on"),
			Rows.dateOrNull(rs, "ended_on"), rs.getInt("version"), Rows.longOrNull(rs, "succeeds_posting_id"),
			rs.getString("handover_note"), rs.getString("end_reason"));

	/** A posting in force on {@code :activeOn}, or any posting when it is null. */
	private static final String ACTIVE = """
			(cast(:activeOn as date) is null
			 or (p.started_on <= :activeOn and (p.ended_on is null or p.ended_on >= :activeOn)))""";

	private static final String CADRE_FILTER = """
			from cadre k
			where (cast(:unit as bigint) is null or k.dispatching_unit_id = :unit)
			  and (not :narrowsPostings or exists (
			        select 1 from posting p
			        join village v on v.id = p.village_id
			        join town t on t.id = v.town_id
			        join county c on c.id = t.county_id
			        where p.cadre_id = k.id
			          and (cast(:role as text) is null or p.role = :role)
			          and (cast(:countyCode as text) is null or c.code = :countyCode)
			          and (cast(:townCode as text) is null or t.code = :townCode)
			          and (cast(:villageCode as text) is null or v.code = :villageCode)
			          and %s))
			""".formatted(ACTIVE);

	private final JdbcClient jdbc;

	CadreRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<ResidentCadre> cadres(ResidentCadreFilter filter, @Nullable Long unitKey, PageRequest page) {
		return this.jdbc.sql("select k.* " + CADRE_FILTER + """
				  and (cast(:after as bigint) is null or k.id > :after)
				order by k.id
				limit :limit
				""")
			.params(filterParams(filter, unitKey))
			.param("after", page.afterId(CADRE_LIST))
			.param("limit", page.fetchSize())
			.query(CADRE)
			.list();
	}

	int countCadres(ResidentCadreFilter filter, @Nullable Long unitKey) {
		return this.jdbc.sql("select count(*) " + CADRE_FILTER)
			.params(filterParams(filter, unitKey))
			.query(Integer.class)
			.single();
	}

	List<ResidentCadre> cadresByKeys(Collection<Long> keys) {
		return this.jdbc.sql("select * from cadre where id in (:keys)").param("keys", keys).query(CADRE).list();
	}

	List<Posting> postingsByKeys(Collection<Long> keys) {
		return this.jdbc.sql("select * from posting where id in (:keys)").param("keys", keys).query(POSTING).list();
	}

	List<Posting> postingsOfCadres(Collection<Long> cadreKeys, @Nullable LocalDate activeOn) {
		return this.jdbc
			.sql("select p.* from posting p where p.cadre_id in (:keys) and " + ACTIVE + " order by p.started_on, p.id")
			.param("keys", cadreKeys)
			.param("activeOn", activeOn)
			.query(POSTING)
			.list();
	}

	/** Postings in force on a date in these villages, first secretaries first. */
	List<Posting> postingsInVillages(Collection<Long> villageKeys, LocalDate activeOn) {
		return this.jdbc.sql("select p.* from posting p where p.village_id in (:keys) and " + ACTIVE + """
				 order by p.village_id,
				          case p.role when 'FIRST_SECRETARY' then 0 when 'TEAM_LEADER' then 1 else 2 end,
				          p.cadre_id
				""").param("keys", villageKeys).param("activeOn", activeOn).query(POSTING).list();
	}

	/**
	 * The cadres of these units, ordered by id, optionally only those with a posting in
	 * force on a date.
	 */
	List<ResidentCadre> cadresOfUnits(Collection<Long> unitKeys, @Nullable LocalDate activeOn) {
		return this.jdbc.sql("""
				select k.* from cadre k
				where k.dispatching_unit_id in (:keys)
				  and (cast(:activeOn as date) is null
				       or exists (select 1 from posting p where p.cadre_id = k.id and %s))
				order by k.id
				""".formatted(ACTIVE)).param("keys", unitKeys).param("activeOn", activeOn).query(CADRE).list();
	}

	/**
	 * Of these cadres, those whose phone the scope's user may see: the user's own cadre,
	 * the cadres of a managed unit, and cadres posted today where the user is
	 * responsible.
	 */
	List<Long> withVisiblePhones(Collection<Long> cadreKeys, Scope scope) {
		return this.jdbc.sql("""
				select k.id from cadre k
				where k.id in (:keys)
				  and (k.id = cast(:scope_cadre as bigint)
				       or k.dispatching_unit_id = any(string_to_array(:scope_units, ',')::bigint[])
				       or exists (select 1 from posting p
				                  where p.cadre_id = k.id and p.started_on <= :scope_today
				                    and (p.ended_on is null or p.ended_on >= :scope_today)
				                    and %s))""".formatted(scope.responsiblePredicate("p.village_id")))
			.param("keys", cadreKeys)
			.params(scope.parameters())
			.query(Long.class)
			.list();
	}

	private static Map<String, @Nullable Object> filterParams(ResidentCadreFilter filter, @Nullable Long unitKey) {
		Map<String, @Nullable Object> params = new HashMap<>();
		params.put("unit", unitKey);
		params.put("narrowsPostings", filter.narrowsPostings());
		params.put("role", (filter.role() != null) ? filter.role().name() : null);
		params.put("countyCode", filter.countyCode());
		params.put("townCode", filter.townCode());
		params.put("villageCode", filter.villageCode());
		params.put("activeOn", filter.activeOn());
		return params;
	}

	// Changes
	// ---------------------------------------------------------------------------------------------

	long insertCadre(String name, Gender gender, @Nullable String phone, long unitKey) {
		return this.jdbc.sql("""
				insert into cadre (name, gender, phone, dispatching_unit_id) values (:name, :gender, :phone, :unit)
				returning id""")
			.param("name", name)
			.param("gender", gender.name())
			.param("phone", phone)
			.param("unit", unitKey)
			.query(Long.class)
			.single();
	}

	/**
	 * The cadre's postings on any day from {@code from} on (the one that stops a new
	 * one).
	 */
	List<Posting> postingsOfCadreFrom(long cadreKey, LocalDate from) {
		return this.jdbc.sql("""
				select * from posting
				where cadre_id = :cadre and daterange(started_on, ended_on, '[]') && daterange(:from, null, '[]')
				order by started_on""").param("cadre", cadreKey).param("from", from).query(POSTING).list();
	}

	/** The village's first secretaries' postings on any day from {@code from} on. */
	List<Posting> firstSecretariesFrom(long villageKey, LocalDate from, long exceptPostingKey) {
		return this.jdbc.sql("""
				select * from posting
				where village_id = :village and role = 'FIRST_SECRETARY' and id <> :except
				  and daterange(started_on, ended_on, '[]') && daterange(:from, null, '[]')
				order by started_on""")
			.param("village", villageKey)
			.param("from", from)
			.param("except", exceptPostingKey)
			.query(POSTING)
			.list();
	}

	long insertPosting(long cadreKey, long villageKey, Posting.Role role, LocalDate startedOn,
			@Nullable Long succeedsPostingKey, @Nullable String handoverNote) {
		return this.jdbc.sql("""
				insert into posting (cadre_id, village_id, role, started_on, succeeds_posting_id, handover_note)
				values (:cadre, :village, :role, :started, :succeeds, :note)
				returning id""")
			.param("cadre", cadreKey)
			.param("village", villageKey)
			.param("role", role.name())
			.param("started", startedOn)
			.param("succeeds", succeedsPostingKey)
			.param("note", handoverNote)
			.query(Long.class)
			.single();
	}

	/** Ends the running posting if it is still at the version; whether it was. */
	boolean endPosting(long key, int baseVersion, LocalDate endedOn, @Nullable String reason) {
		return this.jdbc.sql("""
				update posting set ended_on = :ended, end_reason = :reason, version = version + 1
				where id = :key and version = :base and ended_on is null""")
			.param("key", key)
			.param("base", baseVersion)
			.param("ended", endedOn)
			.param("reason", reason)
			.update() == 1;
	}

	/** Whether the unit is paired with the village on the day. */
	boolean paired(long unitKey, long villageKey, LocalDate on) {
		return this.jdbc.sql("""
				select exists (select 1 from unit_pairing
				               where unit_id = :unit and village_id = :village
				                 and started_on <= :on and (ended_on is null or ended_on >= :on))""")
			.param("unit", unitKey)
			.param("village", villageKey)
			.param("on", on)
			.query(Boolean.class)
			.single();
	}

}
