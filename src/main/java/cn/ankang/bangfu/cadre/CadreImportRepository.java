package cn.ankang.bangfu.cadre;

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
 * The SQL of the cadres and postings import: what is stored of the file's cadres, their
 * postings and the first secretaries of its villages, and the file's changes. The
 * database writes their history by trigger, under the import's id.
 */
@Repository
class CadreImportRepository {

	private final JdbcClient jdbc;

	CadreImportRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record StoredCadre(long key, String name, String gender, String phone, String unitName) {
	}

	record StoredPosting(long key, long cadreKey, long villageKey, String role, LocalDate startedOn,
			@Nullable LocalDate endedOn) {
	}

	/** A posting of the file: new (no stored) or changed. */
	record PostingChange(CadreImport.PostingRow row, long villageKey, @Nullable StoredPosting stored) {
	}

	/**
	 * A cadre of the file: new (no stored), or changed in its own fields, its postings or
	 * both.
	 */
	record CadreChange(CadreImport.PostingRow cadre, @Nullable Long unitKey, @Nullable StoredCadre stored,
			boolean cadreChanged, List<PostingChange> postings) {
	}

	/**
	 * The cadres with these mobile numbers, by number (more than one where several share
	 * it).
	 */
	Map<String, List<StoredCadre>> cadres(Collection<String> phones) {
		Map<String, List<StoredCadre>> cadres = new HashMap<>();
		this.jdbc.sql("""
				select c.id, c.name, c.gender, c.phone, u.name as unit_name
				from cadre c join assistance_unit u on u.id = c.dispatching_unit_id where c.phone = any(:phones)""")
			.param("phones", phones.toArray(String[]::new))
			.query((rs, n) -> new StoredCadre(rs.getLong("id"), rs.getString("name"), rs.getString("gender"),
					rs.getString("phone"), rs.getString("unit_name")))
			.list()
			.forEach((cadre) -> cadres.computeIfAbsent(cadre.phone(), (p) -> new ArrayList<>()).add(cadre));
		return cadres;
	}

	List<StoredPosting> postingsOfCadres(List<Long> cadres) {
		return this.jdbc
			.sql("""
					select id, cadre_id, village_id, role, started_on, ended_on from posting where cadre_id = any(:cadres)""")
			.param("cadres", cadres.toArray(Long[]::new))
			.query((rs, n) -> posting(rs))
			.list();
	}

	List<StoredPosting> firstSecretariesOf(List<Long> villages) {
		return this.jdbc.sql("""
				select id, cadre_id, village_id, role, started_on, ended_on from posting
				where village_id = any(:villages) and role = 'FIRST_SECRETARY'""")
			.param("villages", villages.toArray(Long[]::new))
			.query((rs, n) -> posting(rs))
			.list();
	}

	private static StoredPosting posting(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new StoredPosting(rs.getLong("id"), rs.getLong("cadre_id"), rs.getLong("village_id"),
				rs.getString("role"), rs.getObject("started_on", LocalDate.class),
				rs.getObject("ended_on", LocalDate.class));
	}

	void apply(List<CadreChange> changes) {
		Map<CadreChange, Long> keys = new HashMap<>();
		for (CadreChange change : changes) {
			long cadre;
			if (change.stored() == null) {
				cadre = this.jdbc
					.sql("""
							insert into cadre (name, gender, phone, dispatching_unit_id) values (:name, :gender, :phone, :unit)
							returning id""")
					.param("name", change.cadre().name())
					.param("gender", change.cadre().gender())
					.param("phone", change.cadre().phone())
					.param("unit", change.unitKey())
					.query(Long.class)
					.single();
			}
			else {
				cadre = change.stored().key();
				if (change.cadreChanged()) {
					this.jdbc.sql("""
							update cadre set name = :name, gender = :gender, dispatching_unit_id = :unit,
							       version = version + 1
							where id = :id""")
						.param("id", cadre)
						.param("name", change.cadre().name())
						.param("gender", change.cadre().gender())
						.param("unit", change.unitKey())
						.update();
				}
			}
			keys.put(change, cadre);
			// every cadre's ends first, so that a posting the file ends frees the days
			// another's new one takes
			for (PostingChange posting : change.postings()) {
				if (posting.stored() != null) {
					this.jdbc.sql("""
							update posting set role = :role, ended_on = :ended, version = version + 1 where id = :id""")
						.param("id", posting.stored().key())
						.param("role", posting.row().role())
						.param("ended", posting.row().endedOn())
						.update();
				}
			}
		}
		for (CadreChange change : changes) {
			long cadre = keys.get(change);
			for (PostingChange posting : change.postings()) {
				if (posting.stored() == null) {
					this.jdbc.sql("""
							insert into posting (cadre_id, village_id, role, started_on, ended_on)
							values (:cadre, :village, :role, :started, :ended)""")
						.param("cadre", cadre)
						.param("village", posting.villageKey())
						.param("role", posting.row().role())
						.param("started", posting.row().startedOn())
						.param("ended", posting.row().endedOn())
						.update();
				}
			}
		}
	}

}
