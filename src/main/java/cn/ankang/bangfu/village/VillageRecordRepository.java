package cn.ankang.bangfu.village;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.values.Rows;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of villages' own records. Every table is behind row-level security by village
 * (V31): what a statement reads or writes is within the signed-in user's scope whatever
 * it asks.
 */
@Repository
class VillageRecordRepository {

	private static final RowMapper<VillageCollectiveIncome> INCOME = (rs, n) -> new VillageCollectiveIncome(
			rs.getLong("id"), rs.getLong("village_id"), rs.getInt("year"), rs.getLong("income_fen"),
			rs.getString("source_note"), rs.getInt("version"));

	private static final RowMapper<LegalAdviserPosting> ADVISER = (rs, n) -> new LegalAdviserPosting(rs.getLong("id"),
			rs.getLong("village_id"), rs.getString("adviser_name"), rs.getString("law_firm"),
			Rows.date(rs, "started_on"), Rows.dateOrNull(rs, "ended_on"), rs.getInt("version"));

	private static final RowMapper<VillagePlan> PLAN = (rs, n) -> new VillagePlan(rs.getLong("id"),
			rs.getLong("village_id"), rs.getInt("compiled_year"), Rows.dateOrNull(rs, "approved_on"),
			rs.getString("document_number"), rs.getInt("version"));

	private static final RowMapper<RelocationCommunity> RELOCATION = (rs, n) -> new RelocationCommunity(
			rs.getLong("village_id"), rs.getInt("opened_year"), rs.getInt("households_moved"),
			rs.getInt("people_moved"), rs.getInt("version"));

	private final JdbcClient jdbc;

	VillageRecordRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	// Collective income

	List<VillageCollectiveIncome> incomesByKeys(Collection<Long> keys) {
		return this.jdbc.sql("select * from village_collective_income where id = any(:keys)")
			.param("keys", keys.toArray(Long[]::new))
			.query(INCOME)
			.list();
	}

	/** The villages' incomes, newest year first. */
	List<VillageCollectiveIncome> incomesOfVillages(Collection<Long> villageKeys) {
		return this.jdbc
			.sql("select * from village_collective_income where village_id = any(:keys) order by village_id, year desc")
			.param("keys", villageKeys.toArray(Long[]::new))
			.query(INCOME)
			.list();
	}

	List<VillageCollectiveIncome> incomesOfVillagesIn(Collection<Long> villageKeys, int year) {
		return this.jdbc.sql("select * from village_collective_income where village_id = any(:keys) and year = :year")
			.param("keys", villageKeys.toArray(Long[]::new))
			.param("year", year)
			.query(INCOME)
			.list();
	}

	@Nullable VillageCollectiveIncome income(long villageKey, int year) {
		return this.jdbc.sql("select * from village_collective_income where village_id = :village and year = :year")
			.param("village", villageKey)
			.param("year", year)
			.query(INCOME)
			.optional()
			.orElse(null);
	}

	long insertIncome(long villageKey, int year, long incomeFen, @Nullable String sourceNote) {
		return this.jdbc.sql("""
				insert into village_collective_income (village_id, year, income_fen, source_note)
				values (:village, :year, :income, :note) returning id""")
			.param("village", villageKey)
			.param("year", year)
			.param("income", incomeFen)
			.param("note", sourceNote)
			.query(Long.class)
			.single();
	}

	/** Changes the income if it is still at the version; whether it was. */
	boolean updateIncome(long key, int baseVersion, long incomeFen, @Nullable String sourceNote) {
		return this.jdbc.sql("""
				update village_collective_income set income_fen = :income, source_note = :note, version = version + 1
				where id = :key and version = :base""")
			.param("key", key)
			.param("base", baseVersion)
			.param("income", incomeFen)
			.param("note", sourceNote)
			.update() == 1;
	}

	// Legal advisers

	List<LegalAdviserPosting> advisersByKeys(Collection<Long> keys) {
		return this.jdbc.sql("select * from legal_adviser_posting where id = any(:keys)")
			.param("keys", keys.toArray(Long[]::new))
			.query(ADVISER)
			.list();
	}

	/** The villages' adviser postings, oldest first. */
	List<LegalAdviserPosting> advisersOfVillages(Collection<Long> villageKeys) {
		return this.jdbc.sql(
				"select * from legal_adviser_posting where village_id = any(:keys) order by village_id, started_on, id")
			.param("keys", villageKeys.toArray(Long[]::new))
			.query(ADVISER)
			.list();
	}

	/** Whether a posting of the village lasts into any day from {@code from} on. */
	boolean adviserPostedFrom(long villageKey, LocalDate from) {
		return this.jdbc.sql("""
				select exists (select from legal_adviser_posting
				               where village_id = :village and (ended_on is null or ended_on >= :from))""")
			.param("village", villageKey)
			.param("from", from)
			.query(Boolean.class)
			.single();
	}

	long insertAdviser(long villageKey, String name, String lawFirm, LocalDate startedOn) {
		return this.jdbc.sql("""
				insert into legal_adviser_posting (village_id, adviser_name, law_firm, started_on)
				values (:village, :name, :firm, :started) returning id""")
			.param("village", villageKey)
			.param("name", name)
			.param("firm", lawFirm)
			.param("started", startedOn)
			.query(Long.class)
			.single();
	}

	/** Ends the posting if it is still at the version; whether it was. */
	boolean endAdviser(long key, int baseVersion, LocalDate endedOn) {
		return this.jdbc.sql("""
				update legal_adviser_posting set ended_on = :ended, version = version + 1
				where id = :key and version = :base""")
			.param("key", key)
			.param("base", baseVersion)
			.param("ended", endedOn)
			.update() == 1;
	}

	// Plans

	List<VillagePlan> plansByKeys(Collection<Long> keys) {
		return this.jdbc.sql("select * from village_plan where id = any(:keys)")
			.param("keys", keys.toArray(Long[]::new))
			.query(PLAN)
			.list();
	}

	/** The villages' plans, newest first. */
	List<VillagePlan> plansOfVillages(Collection<Long> villageKeys) {
		return this.jdbc
			.sql("select * from village_plan where village_id = any(:keys) order by village_id, compiled_year desc")
			.param("keys", villageKeys.toArray(Long[]::new))
			.query(PLAN)
			.list();
	}

	@Nullable VillagePlan plan(long villageKey, int compiledYear) {
		return this.jdbc.sql("select * from village_plan where village_id = :village and compiled_year = :year")
			.param("village", villageKey)
			.param("year", compiledYear)
			.query(PLAN)
			.optional()
			.orElse(null);
	}

	long insertPlan(long villageKey, int compiledYear, @Nullable LocalDate approvedOn,
			@Nullable String documentNumber) {
		return this.jdbc.sql("""
				insert into village_plan (village_id, compiled_year, approved_on, document_number)
				values (:village, :year, :approved, :document) returning id""")
			.param("village", villageKey)
			.param("year", compiledYear)
			.param("approved", approvedOn)
			.param("document", documentNumber)
			.query(Long.class)
			.single();
	}

	/** Changes the plan's approval if it is still at the version; whether it was. */
	boolean updatePlan(long key, int baseVersion, @Nullable LocalDate approvedOn, @Nullable String documentNumber) {
		return this.jdbc.sql("""
				update village_plan set approved_on = :approved, document_number = :document, version = version + 1
				where id = :key and version = :base""")
			.param("key", key)
			.param("base", baseVersion)
			.param("approved", approvedOn)
			.param("document", documentNumber)
			.update() == 1;
	}

	// Relocation communities

	List<RelocationCommunity> relocationsOfVillages(Collection<Long> villageKeys) {
		return this.jdbc.sql("select * from relocation_community where village_id = any(:keys)")
			.param("keys", villageKeys.toArray(Long[]::new))
			.query(RELOCATION)
			.list();
	}

}
