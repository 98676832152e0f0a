package cn.ankang.bangfu.visit;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of writing visits.
 */
@Repository
class VisitWriteRepository {

	private final JdbcClient jdbc;

	VisitWriteRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean isPostedIn(long cadre, long village, LocalDate day) {
		return this.jdbc.sql("""
				select exists (select 1 from posting where cadre_id = :cadre and village_id = :village
				               and started_on <= :day and (ended_on is null or ended_on >= :day))""")
			.param("cadre", cadre)
			.param("village", village)
			.param("day", day)
			.query(Boolean.class)
			.single();
	}

	boolean householdIn(long household, long village) {
		return this.jdbc.sql("select exists (select 1 from household where id = :id and village_id = :village)")
			.param("id", household)
			.param("village", village)
			.query(Boolean.class)
			.single();
	}

	double[] villageCentre(long village) {
		return this.jdbc.sql("select latitude, longitude from village where id = :id")
			.param("id", village)
			.query((rs, n) -> new double[] { rs.getDouble(1), rs.getDouble(2) })
			.single();
	}

	/**
	 * Inserts the visit unless its uuid is taken; the primary key makes concurrent
	 * retries meet here, and only one of them inserts.
	 * @return when it was received, if this call stored it
	 */
	Optional<OffsetDateTime> insertIfAbsent(UUID uuid, long cadre, long village, @Nullable Long household,
			VisitWriting.LogVisitInput input, OffsetDateTime received, @Nullable Integer skew,
			@Nullable Integer distance, List<String> flags, byte[] hash, @Nullable Version base) {
		VisitWriting.LocationInput location = input.location();
		VisitWriting.FindingsInput findings = input.findings();
		return this.jdbc
			.sql("""
					insert into visit (id, cadre_id, village_id, household_id, kind, occurred_at, notes, schooling_secure,
					                   medical_care_secure, housing_safe, drinking_water_safe, income_change, new_risk_types,
					                   recorded_at, received_at, clock_skew_seconds, latitude, longitude, accuracy_m,
					                   location_provider, location_mocked, distance_m, review_flags, content_hash,
					                  first_version_id, version, photo_sha256s)
					values (:id, :cadre, :village, :household, :kind, :occurred, :notes, :schooling, :medical, :housing,
					        :water, :income, cast(:risks as text[]), :recorded, :received, :skew, :lat, :lon, :accuracy,
					        :provider, :mocked, :distance, cast(:flags as text[]), :hash, :first, :version,
					        cast(:photos as text[]))
					on conflict (id) do nothing
					returning received_at""")
			.param("id", uuid)
			.param("cadre", cadre)
			.param("village", village)
			.param("household", household)
			.param("kind", input.kind().name())
			.param("occurred", input.occurredAt())
			.param("notes", (input.notes() != null) ? input.notes() : "")
			.param("schooling", (findings != null) ? findings.schoolingSecure() : null)
			.param("medical", (findings != null) ? findings.medicalCareSecure() : null)
			.param("housing", (findings != null) ? findings.housingSafe() : null)
			.param("water", (findings != null) ? findings.drinkingWaterSafe() : null)
			.param("income",
					(findings != null && findings.incomeChange() != null) ? findings.incomeChange().name() : null)
			.param("risks",
					(findings != null && findings.newRiskTypes() != null)
							? findings.newRiskTypes().stream().map(Enum::name).distinct().toArray(String[]::new)
							: new String[0])
			.param("recorded", input.recordedAt())
			.param("received", received)
			.param("skew", skew)
			.param("lat", (location != null) ? location.latitude() : null)
			.param("lon", (location != null) ? location.longitude() : null)
			.param("accuracy", (location != null) ? location.accuracyMeters() : null)
			.param("provider", (location != null) ? location.provider() : null)
			.param("mocked", (location != null) ? location.mocked() : null)
			.param("distance", distance)
			.param("flags", flags.toArray(String[]::new))
			.param("hash", hash)
			.param("first", (base != null) ? base.chain() : null)
			.param("version", (base != null) ? base.version() + 1 : 1)
			.param("photos", input.photos().toArray(String[]::new))
			.query((rs, n) -> rs.getObject(1, OffsetDateTime.class))
			.optional();
	}

	/** The content hash and receipt of a stored visit the user may see. */
	Optional<Stored> stored(UUID uuid) {
		return this.jdbc.sql("select content_hash, received_at, review_flags from visit where id = :id")
			.param("id", uuid)
			.query((rs, n) -> new Stored(rs.getBytes(1), rs.getObject(2, OffsetDateTime.class),
					(rs.getArray(3) != null) ? List.of((String[]) rs.getArray(3).getArray()) : List.of()))
			.optional();
	}

	/** What a correction needs of the version it replaces, when the user may see it. */
	Optional<Version> version(UUID id) {
		return this.jdbc
			.sql("""
					select id, coalesce(first_version_id, id) as chain, version, cadre_id, replaced_by from visit where id = :id""")
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
				select id from visit where coalesce(first_version_id, id) = :chain and replaced_by is null""")
			.param("chain", chain)
			.query(UUID.class)
			.optional();
	}

	record Version(UUID id, UUID chain, int version, long cadre, @Nullable UUID replacedBy) {
	}

	record Stored(byte @Nullable [] hash, @Nullable OffsetDateTime receivedAt, List<String> flags) {
	}

}
