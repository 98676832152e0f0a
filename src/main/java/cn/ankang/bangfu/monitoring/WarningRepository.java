package cn.ankang.bangfu.monitoring;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.relay.PageRequest;
import cn.ankang.bangfu.shared.values.Rows;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of departments' risk warnings.
 */
@Repository
class WarningRepository {

	static final String WARNINGS = "riskWarnings";

	private static final RowMapper<RiskWarning> WARNING = (rs, n) -> new RiskWarning(rs.getLong("id"),
			Rows.enumOf(rs, "kind", RiskWarning.Kind.class), rs.getString("source"), rs.getString("person_name"),
			rs.getString("id_number"), Rows.longOrNull(rs, "amount_fen"), rs.getString("detail"),
			Rows.date(rs, "occurred_on"), Rows.timestamp(rs, "received_at"), rs.getInt("times_received"),
			Rows.enumOf(rs, "status", RiskWarning.Status.class), Rows.longOrNull(rs, "household_id"),
			Rows.longOrNull(rs, "case_id"), rs.getString("dismiss_reason"), rs.getBoolean("responsible"));

	private final JdbcClient jdbc;

	WarningRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Who may see a warning's ID number: those responsible for the village of a matched
	 * warning; the officers of the town or county of an unmatched one.
	 */
	private static String columns(Scope scope) {
		return """
				w.*, case when w.village_id is not null then %s
				          else (w.town_id = any(string_to_array(:scope_towns, ',')::bigint[])
				                or w.town_id in (select rt.id from town rt
				                                 where rt.county_id = any(string_to_array(:scope_counties, ',')::bigint[]))
				                or w.county_id = any(string_to_array(:scope_counties, ',')::bigint[])) end as responsible"""
			.formatted(scope.responsiblePredicate("w.village_id"));
	}

	/**
	 * The households the ID numbers belong to (as head or member), among those in scope.
	 */
	Map<String, CaseHouseholdRepository.Area> householdsByIdNumbers(Collection<String> idNumbers, Scope scope) {
		Map<String, CaseHouseholdRepository.Area> result = new HashMap<>();
		if (idNumbers.isEmpty()) {
			return result;
		}
		this.jdbc.sql("""
				select distinct on (x.id_number) x.id_number, h.id, h.village_id, v.town_id, t.county_id
				from (select head_id_number as id_number, id as household_id from household
				      where head_id_number = any(:ids)
				      union all
				      select id_number, household_id from household_member where id_number = any(:ids)) x
				join household h on h.id = x.household_id
				join village v on v.id = h.village_id join town t on t.id = v.town_id
				where %s
				order by x.id_number, h.id""".formatted(scope.villagePredicate("h.village_id")))
			.params(scope.parameters())
			.param("ids", idNumbers.toArray(String[]::new))
			.query((rs, n) -> Map.entry(rs.getString("id_number"),
					new CaseHouseholdRepository.Area(rs.getLong("id"), rs.getLong("village_id"), rs.getLong("town_id"),
							rs.getLong("county_id"), false)))
			.list()
			.forEach((entry) -> result.put(entry.getKey(), entry.getValue()));
		return result;
	}

	/** Villages by division code, with their towns and counties. */
	Map<String, Place> villagesByCodes(Collection<String> codes) {
		Map<String, Place> result = new HashMap<>();
		this.jdbc.sql("""
				select v.code, v.id, v.town_id, t.county_id from village v join town t on t.id = v.town_id
				where v.code = any(:codes)""")
			.param("codes", codes.toArray(String[]::new))
			.query((rs, n) -> new Place(rs.getString("code"), rs.getLong("id"), rs.getLong("town_id"),
					rs.getLong("county_id")))
			.list()
			.forEach((place) -> result.put(place.code(), place));
		return result;
	}

	/** Towns by division code, with their counties. */
	Map<String, Place> townsByCodes(Collection<String> codes) {
		Map<String, Place> result = new HashMap<>();
		this.jdbc.sql("select code, id, county_id from town where code = any(:codes)")
			.param("codes", codes.toArray(String[]::new))
			.query((rs, n) -> new Place(rs.getString("code"), null, rs.getLong("id"), rs.getLong("county_id")))
			.list()
			.forEach((place) -> result.put(place.code(), place));
		return result;
	}

	/**
	 * The keys (source|ID number|kind|day) of the warnings on record for these ID
	 * numbers.
	 */
	java.util.Set<String> keysOf(Collection<String> idNumbers) {
		return new java.util.HashSet<>(this.jdbc.sql("""
				select source || '|' || id_number || '|' || kind || '|' || occurred_on from risk_warning
				where id_number = any(:ids)""")
			.param("ids", idNumbers.toArray(String[]::new))
			.query(String.class)
			.list());
	}

	/**
	 * Stores warnings in one statement, each new one or, for a warning stored before
	 * (same source, ID number, kind and day) within the user's scope, counted as received
	 * again.
	 * @param rows distinct warnings
	 * @return for each row in order, its key and whether it is new; null for a warning
	 * another area holds, which the user may neither see nor change
	 */
	List<@Nullable Stored> storeAll(List<NewWarning> rows, long importer) {
		if (rows.isEmpty()) {
			return List.of();
		}
		Map<String, Stored> byKey = new HashMap<>();
		this.jdbc
			.sql("""
					with input as (
					  select * from unnest(cast(:sources as text[]), cast(:idNumbers as text[]), cast(:names as text[]),
					                       cast(:kinds as text[]), cast(:amounts as text[])::bigint[], cast(:details as text[]),
					                       cast(:occurred as text[])::date[], cast(:times as text[])::integer[],
					                       cast(:households as text[])::bigint[], cast(:villages as text[])::bigint[],
					                       cast(:towns as text[])::bigint[], cast(:counties as text[])::bigint[])
					       as x(source, id_number, person_name, kind, amount_fen, detail, occurred_on, times, household_id,
					            village_id, town_id, county_id)
					), inserted as (
					  insert into risk_warning (source, id_number, person_name, kind, amount_fen, detail, occurred_on,
					                            imported_by, times_received, status, household_id, village_id, town_id,
					                            county_id)
					  select source, id_number, person_name, kind, amount_fen, detail, occurred_on, :importer, times,
					         case when household_id is null then 'UNMATCHED' else 'MATCHED' end, household_id, village_id,
					         town_id, county_id
					  from input
					  -- not "do update": a warning of another county is out of reach of row-level security, and
					  -- updating it would fail the whole batch and tell the importer it exists
					  on conflict (source, id_number, kind, occurred_on) do nothing
					  returning id, true as inserted, source, id_number, kind, occurred_on
					), again as (
					  -- the statement's snapshot holds the warnings stored before it, and of those only the ones
					  -- in scope
					  update risk_warning w set times_received = w.times_received + i.times
					  from input i
					  where (w.source, w.id_number, w.kind, w.occurred_on) = (i.source, i.id_number, i.kind, i.occurred_on)
					  returning w.id, false as inserted, w.source, w.id_number, w.kind, w.occurred_on
					)
					select * from inserted union all select * from again""")
			.param("sources", rows.stream().map((r) -> r.row().source().strip()).toArray(String[]::new))
			.param("idNumbers", rows.stream().map((r) -> r.row().idNumber()).toArray(String[]::new))
			.param("names", rows.stream().map((r) -> r.row().personName().strip()).toArray(String[]::new))
			.param("kinds", rows.stream().map((r) -> r.row().kind().name()).toArray(String[]::new))
			.param("amounts", rows.stream().map((r) -> text(r.row().amountFen())).toArray(String[]::new))
			.param("details", rows.stream().map((r) -> r.row().detail()).toArray(String[]::new))
			.param("occurred", rows.stream().map((r) -> r.row().occurredOn().toString()).toArray(String[]::new))
			.param("times", rows.stream().map((r) -> Integer.toString(r.times())).toArray(String[]::new))
			.param("households", rows.stream().map((r) -> text(r.household())).toArray(String[]::new))
			.param("villages", rows.stream().map((r) -> text(r.village())).toArray(String[]::new))
			.param("towns", rows.stream().map((r) -> text(r.town())).toArray(String[]::new))
			.param("counties", rows.stream().map((r) -> text(r.county())).toArray(String[]::new))
			.param("importer", importer)
			.query((rs, n) -> Map.entry(
					rs.getString("source") + "|" + rs.getString("id_number") + "|" + rs.getString("kind") + "|"
							+ rs.getObject("occurred_on", java.time.LocalDate.class),
					new Stored(rs.getLong("id"), rs.getBoolean("inserted"))))
			.list()
			.forEach((entry) -> byKey.put(entry.getKey(), entry.getValue()));
		return rows.stream().map((r) -> byKey.get(r.row().key())).collect(java.util.stream.Collectors.toList());
	}

	private static @Nullable String text(@Nullable Long value) {
		return (value != null) ? value.toString() : null;
	}

	/** Joins each warning to its case. */
	void attachAll(Map<Long, Long> caseOfWarning) {
		if (caseOfWarning.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				update risk_warning w set case_id = x.case_id
				from unnest(cast(:warnings as bigint[]), cast(:cases as bigint[])) as x(warning_id, case_id)
				where w.id = x.warning_id""")
			.param("warnings", caseOfWarning.keySet().toArray(Long[]::new))
			.param("cases", caseOfWarning.values().toArray(Long[]::new))
			.update();
	}

	/**
	 * A warning to store, with where it belongs.
	 *
	 * @param row the warning as imported
	 * @param times how many times the batch holds it
	 * @param household the household it was matched to, if any
	 * @param village the household's village, or the village named
	 * @param town the village's town, or the town named
	 * @param county the town's county, or the importing officer's
	 */
	record NewWarning(WarningService.Row row, int times, @Nullable Long household, @Nullable Long village,
			@Nullable Long town, @Nullable Long county) {
	}

	void match(long warning, CaseHouseholdRepository.Area household) {
		this.jdbc.sql("""
				update risk_warning set status = 'MATCHED', household_id = :household, village_id = :village,
				                        town_id = :town, county_id = :county
				where id = :id""")
			.param("id", warning)
			.param("household", household.household())
			.param("village", household.village())
			.param("town", household.town())
			.param("county", household.county())
			.update();
	}

	void dismiss(long warning, String reason) {
		this.jdbc.sql("update risk_warning set status = 'DISMISSED', dismiss_reason = :reason where id = :id")
			.param("id", warning)
			.param("reason", reason)
			.update();
	}

	/** Locks the warning against concurrent resolution, and reads it with its place. */
	Optional<Locked> lock(long key, Scope scope) {
		return this.jdbc
			.sql("select %s from risk_warning w where w.id = :key and %s for update of w".formatted(columns(scope),
					scope.placePredicate("w.village_id", "w.town_id", "w.county_id")))
			.params(scope.parameters())
			.param("key", key)
			.query((rs, n) -> new Locked(WARNING.mapRow(rs, n), Rows.longOrNull(rs, "town_id"),
					Rows.longOrNull(rs, "county_id")))
			.optional();
	}

	Map<Long, RiskWarning> warningsByKeys(Collection<Long> keys, Scope scope) {
		Map<Long, RiskWarning> result = new LinkedHashMap<>();
		if (keys.isEmpty()) {
			return result;
		}
		this.jdbc
			.sql("select %s from risk_warning w where w.id = any(:keys) and %s".formatted(columns(scope),
					scope.placePredicate("w.village_id", "w.town_id", "w.county_id")))
			.params(scope.parameters())
			.param("keys", keys.toArray(Long[]::new))
			.query(WARNING)
			.list()
			.forEach((w) -> result.put(w.key(), w));
		return result;
	}

	List<RiskWarning> warningsOfCases(Collection<Long> caseKeys, Scope scope) {
		return this.jdbc
			.sql("select %s from risk_warning w where w.case_id = any(:keys) and %s order by w.id"
				.formatted(columns(scope), scope.placePredicate("w.village_id", "w.town_id", "w.county_id")))
			.params(scope.parameters())
			.param("keys", caseKeys.toArray(Long[]::new))
			.query(WARNING)
			.list();
	}

	List<RiskWarning> warnings(RiskWarning.@Nullable Status status, PageRequest page, Scope scope) {
		ReceivedKey after = page.after(WARNINGS, 2, ReceivedKey::of);
		return this.jdbc
			.sql("""
					select %s from risk_warning w
					where %s and (cast(:status as text) is null or w.status = :status)
					  and (cast(:afterAt as timestamptz) is null
					       or (w.received_at, w.id) < (cast(:afterAt as timestamptz), cast(:afterId as bigint)))
					order by w.received_at desc, w.id desc
					limit :limit""".formatted(columns(scope),
					scope.placePredicate("w.village_id", "w.town_id", "w.county_id")))
			.params(scope.parameters())
			.param("status", (status != null) ? status.name() : null)
			.param("afterAt", (after != null) ? after.receivedAt() : null)
			.param("afterId", (after != null) ? after.id() : null)
			.param("limit", page.fetchSize())
			.query(WARNING)
			.list();
	}

	int countWarnings(RiskWarning.@Nullable Status status, Scope scope) {
		return this.jdbc.sql(
				"select count(*) from risk_warning w where %s and (cast(:status as text) is null or w.status = :status)"
					.formatted(scope.placePredicate("w.village_id", "w.town_id", "w.county_id")))
			.params(scope.parameters())
			.param("status", (status != null) ? status.name() : null)
			.query(Integer.class)
			.single();
	}

	/**
	 * A village or town an import names.
	 *
	 * @param code its division code
	 * @param village the village; null for a town
	 * @param town the town
	 * @param county the town's county
	 */
	record Place(String code, @Nullable Long village, long town, long county) {
	}

	record Stored(long key, boolean inserted) {
	}

	record Locked(RiskWarning warning, @Nullable Long town, @Nullable Long county) {
	}

	/** Where a page of warnings, newest first, starts after. */
	private record ReceivedKey(OffsetDateTime receivedAt, long id) {

		static ReceivedKey of(List<String> parts) {
			return new ReceivedKey(OffsetDateTime.parse(parts.get(0)), Long.parseLong(parts.get(1)));
		}

	}

}
