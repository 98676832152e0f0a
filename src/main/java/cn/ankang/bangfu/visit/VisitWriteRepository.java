package cn.ankang.bangfu.visit;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of writing visits.
 */
@Repository
class VisitWriteRepository {

	/** Both inserts' columns of a visit, in the order their selects give the values. */
	private static final String INSERT_INTO_VISIT = """
			insert into visit (id, cadre_id, village_id, household_id, kind, occurred_at, notes, schooling_secure,
			                   medical_care_secure, housing_safe, drinking_water_safe, income_change, new_risk_types,
			                   recorded_at, received_at, clock_skew_seconds, latitude, longitude, accuracy_m,
			                   location_provider, location_mocked, distance_m, review_flags, content_hash,
			                   first_version_id, chain_id, version, photo_sha256s)
			""";

	/**
	 * Inserts a visit unless its uuid is taken. The uuid's key (V16) is inserted first,
	 * in the same statement: concurrent retries meet at the key's primary key, whatever
	 * month each one claims, and only one of them inserts.
	 */
	private static final String INSERT_IF_ABSENT = """
			with key as (
			    insert into visit_key (id, occurred_at, chain_id, version)
			    values (:id, :occurred, :chain, :version)
			    on conflict (id) do nothing
			    returning id)
			""" + INSERT_INTO_VISIT + """
			select key.id, :cadre, :village, :household, :kind, :occurred, :notes, :schooling, :medical, :housing,
			       :water, :income, cast(:risks as text[]), :recorded, :received, :skew, :lat, :lon, :accuracy,
			       :provider, :mocked, :distance, cast(:flags as text[]), :hash, :first, :chain, :version,
			       cast(:photos as text[])
			from key""";

	/**
	 * {@link #INSERT_IF_ABSENT} for many visits at once, given as a JSON array of
	 * {@link Row}s: the keys first, then the visits whose keys this statement inserted,
	 * in the order given (the caller's lock order). A uuid given twice is inserted once,
	 * as the first, as a batch of the single statement would.
	 * @return the ids of the visits it inserted
	 */
	private static final String INSERT_ALL_IF_ABSENT = """
			with given as (
			    select *, row_number() over (partition by id order by position) = 1 as first_sending
			    from jsonb_to_recordset(cast(:visits as jsonb)) as v(
			        position integer, id uuid, cadre bigint, village bigint, household bigint, kind text,
			        occurred timestamptz, notes text, schooling boolean, medical boolean, housing boolean,
			        water boolean, income text, risks text[], recorded timestamptz, received timestamptz,
			        skew integer, lat double precision, lon double precision, accuracy double precision,
			        provider text, mocked boolean, distance integer, flags text[], hash bytea, first uuid,
			        chain uuid, version integer, photos text[])),
			key as (
			    insert into visit_key (id, occurred_at, chain_id, version)
			    select id, occurred, chain, version from given where first_sending order by position
			    on conflict (id) do nothing
			    returning id)
			""" + INSERT_INTO_VISIT + """
			select g.id, cadre, village, household, kind, occurred, notes, schooling, medical, housing, water, income,
			       risks, recorded, received, skew, lat, lon, accuracy, provider, mocked, distance, flags, hash, first,
			       chain, version, photos
			from given g join key on key.id = g.id
			where first_sending
			order by position
			returning id""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	VisitWriteRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** Those of the villages where the cadre is posted on the day. */
	Set<Long> postedIn(long cadre, Collection<Long> villages, LocalDate day) {
		return new HashSet<>(this.jdbc.sql("""
				select village_id from posting where cadre_id = :cadre and village_id = any(:villages)
				and started_on <= :day and (ended_on is null or ended_on >= :day)""")
			.param("cadre", cadre)
			.param("villages", villages.toArray(Long[]::new))
			.param("day", day)
			.query(Long.class)
			.list());
	}

	/** The village of each of the households the user may see. */
	Map<Long, Long> villagesOf(Collection<Long> households) {
		Map<Long, Long> villages = new HashMap<>();
		this.jdbc.sql("select id, village_id from household where id = any(:ids)")
			.param("ids", households.toArray(Long[]::new))
			.query((rs) -> {
				villages.put(rs.getLong(1), rs.getLong(2));
			});
		return villages;
	}

	/**
	 * Locks the households, in key order, so that requests whose visits change the same
	 * households' records take their turns instead of deadlocking. The lock is
	 * {@code for no key update}: the visits another request inserts check their household
	 * (a foreign key) with a key-share lock, which {@code for update} would block; a
	 * request holding one household and inserting a visit for another then deadlocked
	 * with one doing the reverse.
	 */
	void lockHouseholds(Collection<Long> households) {
		this.jdbc.sql("select id from household where id = any(:ids) order by id for no key update")
			.param("ids", households.toArray(Long[]::new))
			.query(Long.class)
			.list();
	}

	/**
	 * Takes the households' turns at keeping their newest visits (V41) until the
	 * transaction ends, in the households' order, as one insert's trigger would: visits
	 * then inserted one statement at a time in another order cannot deadlock with another
	 * request doing the same over the same households.
	 */
	void takeNewestVisitTurns(List<@Nullable Long> households) {
		Long[] keys = households.stream().filter(Objects::nonNull).distinct().sorted().toArray(Long[]::new);
		if (keys.length > 0) {
			this.jdbc.sql("select visit_newest_turn(:households)").param("households", keys).query().singleRow();
		}
	}

	/** The latitude and longitude of each village's committee. */
	Map<Long, double[]> villageCentres(Collection<Long> villages) {
		Map<Long, double[]> centres = new HashMap<>();
		this.jdbc.sql("select id, latitude, longitude from village where id = any(:ids)")
			.param("ids", villages.toArray(Long[]::new))
			.query((rs) -> {
				centres.put(rs.getLong(1), new double[] { rs.getDouble(2), rs.getDouble(3) });
			});
		return centres;
	}

	/**
	 * Inserts the visit unless its uuid is taken.
	 * @return when it was received, if this call stored it
	 */
	Optional<OffsetDateTime> insertIfAbsent(NewVisit visit) {
		return this.jdbc.sql(INSERT_IF_ABSENT + " returning received_at")
			.paramSource(parameters(visit))
			.query((rs, n) -> rs.getObject(1, OffsetDateTime.class))
			.optional();
	}

	/**
	 * Inserts each visit unless its uuid is taken, as {@link #insertIfAbsent} does, in
	 * one statement: the visits go as one JSON array, read back into rows by PostgreSQL,
	 * and are inserted in the order given. Measured against a JDBC batch of
	 * {@link #INSERT_IF_ABSENT} (250 visits, issue 23), which PostgreSQL ran as 250
	 * statements, each planned, started and ended, and the driver bound 7,000 parameters
	 * for. A value the database refuses fails them all: the caller, holding them behind
	 * one savepoint, then stores them one at a time to answer each.
	 * @return for each visit, whether this call stored it
	 */
	boolean[] insertAllIfAbsent(List<NewVisit> visits) {
		List<Row> rows = new ArrayList<>(visits.size());
		for (int i = 0; i < visits.size(); i++) {
			rows.add(Row.of(i, visits.get(i)));
		}
		Set<UUID> inserted = new HashSet<>(this.jdbc.sql(INSERT_ALL_IF_ABSENT)
			.param("visits", this.json.writeValueAsString(rows))
			.query(UUID.class)
			.list());
		boolean[] stored = new boolean[visits.size()];
		for (int i = 0; i < stored.length; i++) {
			// the first sending of a uuid is the one stored
			stored[i] = inserted.remove(visits.get(i).uuid());
		}
		return stored;
	}

	/**
	 * A visit as {@link #INSERT_ALL_IF_ABSENT} reads it: the values
	 * {@link #parameters(NewVisit)} binds, each written as the JDBC driver would send it
	 * (timestamps to the microsecond, rounded half up; the hash in bytea's hex form), so
	 * that both ways store the same.
	 */
	record Row(int position, UUID id, long cadre, long village, @Nullable Long household, String kind, String occurred,
			String notes, @Nullable Boolean schooling, @Nullable Boolean medical, @Nullable Boolean housing,
			@Nullable Boolean water, @Nullable String income, List<String> risks, @Nullable String recorded,
			String received, @Nullable Integer skew, @Nullable Double lat, @Nullable Double lon,
			@Nullable Double accuracy, @Nullable String provider, @Nullable Boolean mocked, @Nullable Integer distance,
			List<String> flags, String hash, @Nullable UUID first, UUID chain, int version, List<String> photos) {

		static Row of(int position, NewVisit visit) {
			MapSqlParameterSource values = parameters(visit);
			return new Row(position, visit.uuid(), visit.cadre(), visit.village(), visit.household(),
					value(values, "kind", String.class), timestamp(visit.input().occurredAt()),
					value(values, "notes", String.class), value(values, "schooling", Boolean.class),
					value(values, "medical", Boolean.class), value(values, "housing", Boolean.class),
					value(values, "water", Boolean.class), value(values, "income", String.class),
					List.of(value(values, "risks", String[].class)), timestamp(visit.input().recordedAt()),
					timestamp(visit.received()), visit.skew(), value(values, "lat", Double.class),
					value(values, "lon", Double.class), value(values, "accuracy", Double.class),
					value(values, "provider", String.class), value(values, "mocked", Boolean.class), visit.distance(),
					visit.flags(), "\\x" + HexFormat.of().formatHex(visit.hash()), value(values, "first", UUID.class),
					value(values, "chain", UUID.class), value(values, "version", Integer.class),
					List.of(value(values, "photos", String[].class)));
		}

		private static <T> @Nullable T value(MapSqlParameterSource values, String name, Class<T> type) {
			return type.cast(values.getValue(name));
		}

		private static @Nullable String timestamp(@Nullable OffsetDateTime time) {
			return (time != null) ? time.plusNanos(500).truncatedTo(ChronoUnit.MICROS).toString() : null;
		}

	}

	private static MapSqlParameterSource parameters(NewVisit visit) {
		VisitWriting.LogVisitInput input = visit.input();
		VisitWriting.LocationInput location = input.location();
		VisitWriting.FindingsInput findings = input.findings();
		Version base = visit.base();
		return new MapSqlParameterSource().addValue("id", visit.uuid())
			.addValue("cadre", visit.cadre())
			.addValue("village", visit.village())
			.addValue("household", visit.household())
			.addValue("kind", input.kind().name())
			.addValue("occurred", input.occurredAt())
			.addValue("notes", (input.notes() != null) ? input.notes() : "")
			.addValue("schooling", (findings != null) ? findings.schoolingSecure() : null)
			.addValue("medical", (findings != null) ? findings.medicalCareSecure() : null)
			.addValue("housing", (findings != null) ? findings.housingSafe() : null)
			.addValue("water", (findings != null) ? findings.drinkingWaterSafe() : null)
			.addValue("income",
					(findings != null && findings.incomeChange() != null) ? findings.incomeChange().name() : null)
			.addValue("risks",
					(findings != null && findings.newRiskTypes() != null)
							? findings.newRiskTypes().stream().map(Enum::name).distinct().toArray(String[]::new)
							: new String[0])
			.addValue("recorded", input.recordedAt())
			.addValue("received", visit.received())
			.addValue("skew", visit.skew())
			.addValue("lat", (location != null) ? location.latitude() : null)
			.addValue("lon", (location != null) ? location.longitude() : null)
			.addValue("accuracy", (location != null) ? location.accuracyMeters() : null)
			.addValue("provider", (location != null) ? location.provider() : null)
			.addValue("mocked", (location != null) ? location.mocked() : null)
			.addValue("distance", visit.distance())
			.addValue("flags", visit.flags().toArray(String[]::new))
			.addValue("hash", visit.hash())
			.addValue("first", (base != null) ? base.chain() : null)
			.addValue("chain", (base != null) ? base.chain() : visit.uuid())
			.addValue("version", (base != null) ? base.version() + 1 : 1)
			.addValue("photos", input.photos().toArray(String[]::new));
	}

	/**
	 * A visit to insert, with what the service derived of it.
	 *
	 * @param base the version it corrects, if it is a correction
	 */
	record NewVisit(UUID uuid, long cadre, long village, @Nullable Long household, VisitWriting.LogVisitInput input,
			OffsetDateTime received, @Nullable Integer skew, @Nullable Integer distance, List<String> flags,
			byte[] hash, @Nullable Version base) {
	}

	/** The content hash and receipt of a stored visit the user may see. */
	Optional<Stored> stored(UUID uuid) {
		return Optional.ofNullable(stored(List.of(uuid)).get(uuid));
	}

	/** The content hash and receipt of each of the stored visits the user may see. */
	Map<UUID, Stored> stored(Collection<UUID> uuids) {
		Map<UUID, Stored> stored = new HashMap<>();
		this.jdbc.sql("select id, content_hash, received_at, review_flags from visit where id = any(:ids)")
			.param("ids", uuids.toArray(UUID[]::new))
			.query((rs) -> {
				stored.put(rs.getObject(1, UUID.class),
						new Stored(rs.getBytes(2), rs.getObject(3, OffsetDateTime.class),
								(rs.getArray(4) != null) ? List.of((String[]) rs.getArray(4).getArray()) : List.of()));
			});
		return stored;
	}

	/** What a correction needs of the version it replaces, when the user may see it. */
	Optional<Version> version(UUID id) {
		return this.jdbc.sql("""
				select id, chain_id as chain, version, cadre_id, replaced_by from visit where id = :id""")
			.param("id", id)
			.query((rs, n) -> new Version(rs.getObject("id", UUID.class), rs.getObject("chain", UUID.class),
					rs.getInt("version"), rs.getLong("cadre_id"), rs.getObject("replaced_by", UUID.class)))
			.optional();
	}

	/**
	 * Locks a version against concurrent corrections until the transaction ends.
	 * @return whether it is replaced already
	 */
	boolean lockForReplacement(UUID id) {
		return this.jdbc.sql("select replaced_by is not null from visit where id = :id for update")
			.param("id", id)
			.query(Boolean.class)
			.single();
	}

	/** Marks a version as replaced; false when another correction replaced it first. */
	boolean markReplaced(UUID base, UUID replacement) {
		return this.jdbc.sql("update visit set replaced_by = :replacement where id = :base and replaced_by is null")
			.param("replacement", replacement)
			.param("base", base)
			.update() == 1;
	}

	/** The current version of a visit, by its first version's id. */
	Optional<UUID> currentOf(UUID chain) {
		return this.jdbc.sql("""
				select id from visit where chain_id = :chain and replaced_by is null""")
			.param("chain", chain)
			.query(UUID.class)
			.optional();
	}

	record Version(UUID id, UUID chain, int version, long cadre, @Nullable UUID replacedBy) {
	}

	record Stored(byte @Nullable [] hash, @Nullable OffsetDateTime receivedAt, List<String> flags) {
	}

}
