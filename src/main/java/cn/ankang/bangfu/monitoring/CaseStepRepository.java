package cn.ankang.bangfu.monitoring;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.values.Rows;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of monitoring cases' steps: recording one, finding one recorded under its id,
 * reading a case's steps, and what policy checks a step against (the visits it names, how
 * long the household's income has been stable).
 */
@Repository
class CaseStepRepository {

	private static final RowMapper<CaseStep> STEP = (rs, n) -> new CaseStep(rs.getObject("id", UUID.class),
			rs.getLong("case_id"), Rows.enumOf(rs, "action", CaseAction.class),
			Rows.enumOrNull(rs, "from_state", CaseState.class), Rows.enumOf(rs, "to_state", CaseState.class),
			Rows.date(rs, "occurred_on"), Rows.timestamp(rs, "recorded_at"), rs.getString("actor_name"),
			rs.getString("actor_role"), rs.getString("reason"),
			Rows.textList(rs, "visit_texts").stream().map(UUID::fromString).toList(),
			Rows.textList(rs, "photo_sha256s"), Rows.textList(rs, "documents"), Rows.dateOrNull(rs, "notice_from"),
			Rows.dateOrNull(rs, "notice_to"));

	private final JdbcClient jdbc;

	CaseStepRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insertStep(NewStep step) {
		this.jdbc
			.sql("""
					insert into case_step (id, case_id, action, from_state, to_state, occurred_on, actor_user_id, actor_name,
					                       actor_role, reason, visit_ids, photo_sha256s, documents, notice_from, notice_to,
					                       content_hash)
					values (:id, :case, :action, :from, :to, :on, :user,
					        coalesce((select display_name from app_user where id = :user), 'system'), :role, :reason,
					        cast(:visits as uuid[]), cast(:photos as text[]), cast(:documents as text[]), :noticeFrom,
					        :noticeTo, :hash)""")
			.param("id", step.id())
			.param("case", step.caseKey())
			.param("action", step.action().name())
			.param("from", (step.from() != null) ? step.from().name() : null)
			.param("to", step.to().name())
			.param("on", step.occurredOn())
			.param("user", step.userKey())
			.param("role", step.role())
			.param("reason", step.reason())
			.param("visits", step.visitIds().stream().map(UUID::toString).toArray(String[]::new))
			.param("photos", step.photoHashes().toArray(String[]::new))
			.param("documents", step.documents().toArray(String[]::new))
			.param("noticeFrom", step.noticeFrom())
			.param("noticeTo", step.noticeTo())
			.param("hash", step.hash())
			.update();
	}

	/** A step already recorded under this id, with the case it moved and its digest. */
	Optional<Recorded> recorded(UUID id) {
		return this.jdbc.sql("select case_id, content_hash from case_step where id = :id")
			.param("id", id)
			.query((rs, n) -> new Recorded(rs.getLong("case_id"), rs.getBytes("content_hash")))
			.optional();
	}

	/** The latest day a step of the case was taken. */
	LocalDate lastStepOn(long caseKey) {
		return this.jdbc.sql("select max(occurred_on) from case_step where case_id = :key")
			.param("key", caseKey)
			.query(LocalDate.class)
			.optional()
			.orElse(LocalDate.MIN);
	}

	Map<Long, List<CaseStep>> stepsOf(Collection<Long> caseKeys) {
		Map<Long, List<CaseStep>> result = new LinkedHashMap<>();
		if (caseKeys.isEmpty()) {
			return result;
		}
		this.jdbc.sql(
				"select s.*, s.visit_ids::text[] as visit_texts from case_step s where s.case_id = any(:keys) order by s.case_id, s.recorded_at, s.occurred_on, s.id")
			.param("keys", caseKeys.toArray(Long[]::new))
			.query(STEP)
			.list()
			.forEach((step) -> result.computeIfAbsent(step.caseKey(), (k) -> new java.util.ArrayList<>()).add(step));
		return result;
	}

	/**
	 * Those of the visits that were not made to this household (any household, when null)
	 * or are not known at all.
	 */
	List<UUID> visitsNotOf(List<UUID> visits, @Nullable Long household) {
		if (visits.isEmpty()) {
			return List.of();
		}
		// a visit id no one made (or one outside the user's scope, which row-level
		// security hides) is as wrong as one made to another household
		return this.jdbc.sql("""
				select x.id from unnest(cast(:ids as uuid[])) as x(id)
				where not exists (select from visit v where v.id = x.id
				                  and (cast(:household as bigint) is null or v.household_id = :household))
				order by x.id""")
			.param("ids", visits.toArray(UUID[]::new))
			.param("household", household)
			.query(UUID.class)
			.list();
	}

	/**
	 * What the six-month rule looks at: since when the income has been stable (the
	 * inclusion, or the day after the last visit that found it falling), and the latest
	 * per-capita income recorded for the year or the one before.
	 */
	Stability stability(long household, LocalDate includedOn, int year) {
		return this.jdbc.sql("""
				select greatest(cast(:included as date),
				                (select max(vi.occurred_at)::date + 1 from visit vi
				                 where vi.household_id = :household and vi.income_change = 'FELL'
				                   and vi.replaced_by is null
				                   and not exists (select from visit_effect e
				                                   where e.visit_id = vi.chain_id and e.kind = 'INCOME_FALL_NOTED'
				                                     and e.reversed_at is not null))) as stable_since,
				       i.year, i.per_capita_income_fen
				from (select 1) one
				left join lateral (select year, per_capita_income_fen from household_income
				                   where household_id = :household and year between :year - 1 and :year
				                   order by year desc limit 1) i on true""")
			.param("household", household)
			.param("included", includedOn)
			.param("year", year)
			.query((rs, n) -> new Stability(Rows.date(rs, "stable_since"), Rows.intOrNull(rs, "year"),
					Rows.longOrNull(rs, "per_capita_income_fen")))
			.single();
	}

	record Recorded(long caseKey, byte @Nullable [] hash) {
	}

	record Stability(LocalDate stableSince, @Nullable Integer incomeYear, @Nullable Long incomeFen) {
	}

	record NewStep(UUID id, long caseKey, CaseAction action, @Nullable CaseState from, CaseState to,
			LocalDate occurredOn, @Nullable Long userKey, String role, @Nullable String reason, List<UUID> visitIds,
			List<String> photoHashes, List<String> documents, @Nullable LocalDate noticeFrom,
			@Nullable LocalDate noticeTo, byte @Nullable [] hash) {
	}

}
