package cn.ankang.bangfu.household;

import java.util.Collection;
import java.util.List;

import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.values.Rows;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the assistance measures applied to households ({@code assistance_measure}):
 * read for their households or by key, started, their result recorded, ended.
 */
@Repository
class MeasureRepository {

	private static final RowMapper<AssistanceMeasure> MEASURE = (rs, n) -> new AssistanceMeasure(rs.getLong("id"),
			rs.getLong("household_id"), Rows.enumOf(rs, "type", AssistanceMeasure.Type.class),
			rs.getString("description"), Rows.date(rs, "started_on"), Rows.dateOrNull(rs, "ended_on"),
			rs.getString("result"), Rows.dateOrNull(rs, "result_on"), rs.getBoolean("personal_visible"));

	private final JdbcClient jdbc;

	MeasureRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<AssistanceMeasure> measuresOf(Collection<Long> householdKeys, Scope scope) {
		return this.jdbc
			.sql("select m.*, %s as personal_visible from assistance_measure m where m.household_id in (:keys) "
				.formatted(scope.responsiblePredicate("m.village_id")) + "order by m.household_id, m.started_on, m.id")
			.param("keys", householdKeys)
			.params(scope.parameters())
			.query(MEASURE)
			.list();
	}

	List<AssistanceMeasure> measuresByKeys(Collection<Long> keys, Scope scope) {
		return this.jdbc
			.sql("""
					select m.*, %s as personal_visible from assistance_measure m join household h on h.id = m.household_id
					where m.id in (:keys) and """
				.formatted(scope.responsiblePredicate("m.village_id")) + scope.villagePredicate("h.village_id"))
			.param("keys", keys)
			.params(scope.parameters())
			.query(MEASURE)
			.list();
	}

	long insertMeasure(long household, AssistanceMeasure.Type type, String description, java.time.LocalDate startedOn) {
		return this.jdbc.sql("""
				insert into assistance_measure (household_id, type, description, started_on)
				values (:h, :type, :description, :started) returning id""")
			.param("h", household)
			.param("type", type.name())
			.param("description", description)
			.param("started", startedOn)
			.query(Long.class)
			.single();
	}

	java.util.Optional<AssistanceMeasure> measureByKey(long key, Scope scope) {
		return this.jdbc
			.sql("select m.*, %s as personal_visible from assistance_measure m where m.id = :key"
				.formatted(scope.responsiblePredicate("m.village_id")))
			.param("key", key)
			.params(scope.parameters())
			.query(MEASURE)
			.optional();
	}

	void recordResult(long measure, String result, java.time.LocalDate on) {
		this.jdbc
			.sql("update assistance_measure set result = :result, result_on = :on, version = version + 1 "
					+ "where id = :m")
			.param("m", measure)
			.param("result", result)
			.param("on", on)
			.update();
	}

	void endMeasure(long measure, java.time.LocalDate on) {
		this.jdbc.sql("update assistance_measure set ended_on = :on, version = version + 1 where id = :m")
			.param("m", measure)
			.param("on", on)
			.update();
	}

}
