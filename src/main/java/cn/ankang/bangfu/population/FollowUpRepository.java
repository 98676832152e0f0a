package cn.ankang.bangfu.population;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
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
 * The SQL of a registered household's training, public-welfare jobs and relocation
 * follow-up (V35). Every table is behind row-level security by village; the statements
 * say the jurisdiction too.
 */
@Repository
class FollowUpRepository {

	static final String JOB_LIST = "publicWelfareJobs";

	private static final RowMapper<Training> TRAINING = (rs, n) -> new Training(rs.getLong("household_id"),
			rs.getInt("year"), Rows.enumOf(rs, "programme", Training.Programme.class), rs.getInt("people"),
			rs.getLong("subsidy_fen"), Rows.dateOrNull(rs, "completed_on"));

	private static final RowMapper<RelocationSupport> SUPPORT = (rs, n) -> new RelocationSupport(
			rs.getLong("household_id"), rs.getInt("year"), Rows.enumOf(rs, "kind", RelocationSupport.Kind.class),
			Rows.longOrNull(rs, "amount_fen"));

	private static final RowMapper<PublicWelfareJob> JOB = (rs, n) -> new PublicWelfareJob(rs.getLong("id"),
			rs.getLong("household_id"), rs.getLong("village_id"), Rows.enumOf(rs, "kind", PublicWelfareJob.Kind.class),
			Rows.date(rs, "started_on"), Rows.dateOrNull(rs, "ended_on"), rs.getLong("monthly_pay_fen"),
			rs.getInt("version"));

	private static final String JOBS = """
			from public_welfare_job j
			where (cast(:countyCode as text) is null or j.village_id in (
			        select v.id from village v join town t on t.id = v.town_id join county c on c.id = t.county_id
			        where c.code = :countyCode))
			  and (cast(:townCode as text) is null or j.village_id in (
			        select v.id from village v join town t on t.id = v.town_id where t.code = :townCode))
			  and (cast(:villageCode as text) is null or j.village_id = (select id from village where code = :villageCode))
			  and (cast(:household as bigint) is null or j.household_id = :household)
			  and (cast(:kind as text) is null or j.kind = :kind)
			  and (cast(:heldOn as date) is null
			       or (j.started_on <= cast(:heldOn as date) and (j.ended_on is null or j.ended_on >= cast(:heldOn as date))))
			  and %s
			""";

	private final JdbcClient jdbc;

	FollowUpRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Training> trainingOf(Collection<Long> householdKeys) {
		return this.jdbc.sql("""
				select * from exited_household_training where household_id in (:keys)
				order by household_id, year, programme""").param("keys", householdKeys).query(TRAINING).list();
	}

	/**
	 * The year's training as given: programmes no longer given go, changed ones change.
	 */
	void replaceTraining(long household, long village, int year, List<Training> rows) {
		this.jdbc.sql("""
				delete from exited_household_training t
				where t.household_id = :household and t.year = :year
				  and t.programme <> all(cast(:programmes as text[]))""")
			.param("household", household)
			.param("year", year)
			.param("programmes", rows.stream().map((row) -> row.programme().name()).toArray(String[]::new))
			.update();
		for (Training row : rows) {
			this.jdbc.sql("""
					insert into exited_household_training (household_id, village_id, year, programme, people,
					                                       subsidy_fen, completed_on)
					values (:household, :village, :year, :programme, :people, :subsidy, :completedOn)
					on conflict (household_id, year, programme) do update
					set people = excluded.people, subsidy_fen = excluded.subsidy_fen,
					    completed_on = excluded.completed_on
					where (exited_household_training.people, exited_household_training.subsidy_fen,
					       exited_household_training.completed_on)
					      is distinct from (excluded.people, excluded.subsidy_fen, excluded.completed_on)""")
				.param("household", household)
				.param("village", village)
				.param("year", year)
				.param("programme", row.programme().name())
				.param("people", row.people())
				.param("subsidy", row.subsidyFen())
				.param("completedOn", row.completedOn())
				.update();
		}
	}

	List<RelocationSupport> supportOf(Collection<Long> householdKeys) {
		return this.jdbc
			.sql("select * from relocation_support where household_id in (:keys) order by household_id, year, kind")
			.param("keys", householdKeys)
			.query(SUPPORT)
			.list();
	}

	/** The year's support as given: kinds no longer given go, changed ones change. */
	void replaceSupport(long household, long village, int year, List<RelocationSupport> rows) {
		this.jdbc.sql("""
				delete from relocation_support s
				where s.household_id = :household and s.year = :year and s.kind <> all(cast(:kinds as text[]))""")
			.param("household", household)
			.param("year", year)
			.param("kinds", rows.stream().map((row) -> row.kind().name()).toArray(String[]::new))
			.update();
		for (RelocationSupport row : rows) {
			this.jdbc.sql("""
					insert into relocation_support (household_id, village_id, year, kind, amount_fen)
					values (:household, :village, :year, :kind, :amount)
					on conflict (household_id, year, kind) do update set amount_fen = excluded.amount_fen
					where relocation_support.amount_fen is distinct from excluded.amount_fen""")
				.param("household", household)
				.param("village", village)
				.param("year", year)
				.param("kind", row.kind().name())
				.param("amount", row.amountFen())
				.update();
		}
	}

	/**
	 * The county of a relocation community, or null when the village is none: asked of
	 * the database's own function, since a community may lie outside the asker's scope.
	 */
	@Nullable Long communityCounty(long community) {
		return this.jdbc.sql("select bangfu_relocation_community_county(:community)")
			.param("community", community)
			.query(Long.class)
			.optional()
			.orElse(null);
	}

	/** The county of a village. */
	long countyOf(long village) {
		return this.jdbc.sql("select t.county_id from village v join town t on t.id = v.town_id where v.id = :village")
			.param("village", village)
			.query(Long.class)
			.single();
	}

	void setCommunity(long household, @Nullable Long community) {
		this.jdbc.sql("""
				update exited_household set relocation_community_id = :community, version = version + 1
				where id = :household""").param("household", household).param("community", community).update();
	}

	List<PublicWelfareJob> jobs(JobFilterValues filter, PageRequest page, Scope scope) {
		return this.jdbc.sql("select j.* " + JOBS.formatted(scope.villagePredicate("j.village_id")) + """
				  and (cast(:after as bigint) is null or j.id > :after)
				order by j.id
				limit :limit
				""")
			.params(filter.parameters())
			.params(scope.parameters())
			.param("after", page.afterId(JOB_LIST))
			.param("limit", page.fetchSize())
			.query(JOB)
			.list();
	}

	int countJobs(JobFilterValues filter, Scope scope) {
		return this.jdbc.sql("select count(*) " + JOBS.formatted(scope.villagePredicate("j.village_id")))
			.params(filter.parameters())
			.params(scope.parameters())
			.query(Integer.class)
			.single();
	}

	List<PublicWelfareJob> jobsByKeys(Collection<Long> keys, Scope scope) {
		return this.jdbc
			.sql("select j.* from public_welfare_job j where j.id in (:keys) and "
					+ scope.villagePredicate("j.village_id"))
			.param("keys", keys)
			.params(scope.parameters())
			.query(JOB)
			.list();
	}

	List<PublicWelfareJob> jobsOf(Collection<Long> householdKeys) {
		return this.jdbc
			.sql("select * from public_welfare_job where household_id in (:keys) order by household_id, started_on, id")
			.param("keys", householdKeys)
			.query(JOB)
			.list();
	}

	Optional<PublicWelfareJob> lockJob(long key, Scope scope) {
		return this.jdbc
			.sql("select j.* from public_welfare_job j where j.id = :key and " + scope.villagePredicate("j.village_id")
					+ " for update of j")
			.param("key", key)
			.params(scope.parameters())
			.query(JOB)
			.optional();
	}

	long insertJob(long household, long village, PublicWelfareJob.Kind kind, LocalDate startedOn,
			@Nullable LocalDate endedOn, long monthlyPayFen) {
		return this.jdbc.sql("""
				insert into public_welfare_job (household_id, village_id, kind, started_on, ended_on, monthly_pay_fen)
				values (:household, :village, :kind, :startedOn, :endedOn, :pay) returning id""")
			.param("household", household)
			.param("village", village)
			.param("kind", kind.name())
			.param("startedOn", startedOn)
			.param("endedOn", endedOn)
			.param("pay", monthlyPayFen)
			.query(Long.class)
			.single();
	}

	void endJob(long key, LocalDate endedOn) {
		this.jdbc.sql("update public_welfare_job set ended_on = :endedOn, version = version + 1 where id = :key")
			.param("key", key)
			.param("endedOn", endedOn)
			.update();
	}

}

/** The jobs' filter as SQL parameters. */
record JobFilterValues(FollowUpService.PublicWelfareJobFilter filter, @Nullable Long householdKey) {

	Map<String, @Nullable Object> parameters() {
		Map<String, @Nullable Object> values = new HashMap<>();
		values.put("countyCode", this.filter.countyCode());
		values.put("townCode", this.filter.townCode());
		values.put("villageCode", this.filter.villageCode());
		values.put("household", this.householdKey);
		values.put("kind", (this.filter.kind() != null) ? this.filter.kind().name() : null);
		values.put("heldOn", this.filter.heldOn());
		return values;
	}

}
