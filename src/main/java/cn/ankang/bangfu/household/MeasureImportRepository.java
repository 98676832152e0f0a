package cn.ankang.bangfu.household;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the measures import: the households in scope by their heads' ID numbers,
 * their measures, and the file's changes (history by trigger, under the import's id).
 */
@Repository
class MeasureImportRepository {

	private final JdbcClient jdbc;

	MeasureImportRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Stored(long key, @Nullable LocalDate endedOn, @Nullable String result, @Nullable LocalDate resultOn) {
	}

	record Change(long household, MeasureImport.MeasureRow row, @Nullable Stored stored) {
	}

	/** The households in the user's scope with these heads, head's ID number to key. */
	Map<String, Long> households(Collection<String> heads) {
		Map<String, Long> households = new HashMap<>();
		this.jdbc.sql("select head_id_number, id from household where head_id_number = any(:heads)")
			.param("heads", heads.toArray(String[]::new))
			.query((rs, n) -> Map.entry(rs.getString("head_id_number"), rs.getLong("id")))
			.list()
			.forEach((entry) -> households.put(entry.getKey(), entry.getValue()));
		return households;
	}

	/**
	 * The measures of these households, by household, then by type|first day|description.
	 */
	Map<Long, Map<String, Stored>> measures(Collection<Long> households) {
		Map<Long, Map<String, Stored>> measures = new HashMap<>();
		this.jdbc
			.sql("""
					select id, household_id,
					       type || '|' || started_on || '|' || description || '#'
					       || row_number() over (partition by household_id, type, started_on, description order by id) as key,
					       ended_on, result, result_on
					from assistance_measure where household_id = any(:households)""")
			.param("households", households.toArray(Long[]::new))
			.query((rs, n) -> {
				measures.computeIfAbsent(rs.getLong("household_id"), (k) -> new HashMap<>())
					.put(rs.getString("key"), new Stored(rs.getLong("id"), rs.getObject("ended_on", LocalDate.class),
							rs.getString("result"), rs.getObject("result_on", LocalDate.class)));
				return 0;
			})
			.list();
		return measures;
	}

	void apply(List<Change> changes) {
		for (Change change : changes) {
			MeasureImport.MeasureRow row = change.row();
			if (change.stored() == null) {
				this.jdbc.sql("""
						insert into assistance_measure (household_id, type, description, started_on, ended_on, result,
						                                result_on)
						values (:household, :type, :description, :started, :ended, :result, :resultOn)""")
					.param("household", change.household())
					.param("type", row.type())
					.param("description", row.description())
					.param("started", row.startedOn())
					.param("ended", row.endedOn())
					.param("result", row.result())
					.param("resultOn", row.resultOn())
					.update();
			}
			else {
				this.jdbc.sql("""
						update assistance_measure set ended_on = :ended, result = :result, result_on = :resultOn,
						       version = version + 1
						where id = :id""")
					.param("id", change.stored().key())
					.param("ended", row.endedOn())
					.param("result", row.result())
					.param("resultOn", row.resultOn())
					.update();
			}
		}
	}

}
