package cn.ankang.bangfu.visit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.household.RiskType;
import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.relay.Connection;
import cn.ankang.bangfu.shared.relay.PageRequest;
import cn.ankang.bangfu.shared.values.Rows;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The effects visits had on the records ({@link VisitEffect}): written by the features
 * whose records a visit's findings change, read with the visit. Runs in the caller's
 * transaction; rows outside the user's jurisdiction are neither read nor written.
 */
@Service
public class VisitEffects {

	private static final RowMapper<VisitEffect> EFFECT = (rs, n) -> new VisitEffect(rs.getLong("id"),
			rs.getObject("visit_id", UUID.class), rs.getLong("household_id"), rs.getLong("village_id"),
			Rows.enumOf(rs, "kind", VisitEffect.Kind.class), Rows.enumList(rs, "risk_types", RiskType.class),
			Rows.longOrNull(rs, "case_id"), Rows.longOrNull(rs, "measure_id"), Rows.timestamp(rs, "applied_at"),
			rs.getObject("reversed_at", java.time.OffsetDateTime.class), rs.getString("reversed_by_name"),
			rs.getString("reverse_reason"), rs.getBoolean("personal_visible"));

	private static final String LIST = "visitEffects";

	private final JdbcClient jdbc;

	private final Jurisdiction jurisdiction;

	VisitEffects(JdbcClient jdbc, Jurisdiction jurisdiction) {
		this.jdbc = jdbc;
		this.jurisdiction = jurisdiction;
	}

	/**
	 * Records an effect of a visit on a household, unless the visit had it already.
	 * @return the new effect's key; empty when the visit had that kind of effect before
	 */
	public Optional<Long> record(UUID visit, long household, VisitEffect.Kind kind, Collection<RiskType> risks,
			@Nullable Long caseKey, @Nullable Long measureKey) {
		return this.jdbc
			.sql("""
					insert into visit_effect (visit_id, household_id, village_id, kind, risk_types, case_id, measure_id)
					select :visit, h.id, h.village_id, :kind, :risks, :case, :measure from household h where h.id = :household
					on conflict (visit_id, kind) do nothing
					returning id""")
			.param("visit", visit)
			.param("household", household)
			.param("kind", kind.name())
			.param("risks", risks.stream().map(Enum::name).sorted().toArray(String[]::new))
			.param("case", caseKey)
			.param("measure", measureKey)
			.query(Long.class)
			.optional();
	}

	/** The effects of these visits (by their first versions' ids), oldest first. */
	@Transactional(readOnly = true)
	public Map<UUID, List<VisitEffect>> ofVisits(Collection<UUID> visits) {
		Map<UUID, List<VisitEffect>> result = new LinkedHashMap<>();
		if (visits.isEmpty()) {
			return result;
		}
		Scope scope = this.jurisdiction.forQueries();
		this.jdbc.sql(select(scope) + " and e.visit_id = any(:visits) order by e.id")
			.param("visits", visits.toArray(UUID[]::new))
			.params(scope.parameters())
			.query(EFFECT)
			.list()
			.forEach((effect) -> result.computeIfAbsent(effect.visitKey(), (k) -> new ArrayList<>()).add(effect));
		return result;
	}

	/**
	 * A page of effects in the user's jurisdiction, newest first, for officers to review.
	 */
	@Transactional(readOnly = true)
	public Connection<VisitEffect> page(PageRequest page, VisitEffect.@Nullable Kind kind, @Nullable Boolean reversed,
			boolean count) {
		Scope scope = this.jurisdiction.forQueries();
		Long after = page.afterId(LIST);
		String filter = """
				and (cast(:kind as text) is null or e.kind = :kind)
				and (cast(:reversed as boolean) is null or (e.reversed_at is not null) = :reversed)""";
		List<VisitEffect> rows = this.jdbc
			.sql(select(scope) + filter
					+ " and (cast(:after as bigint) is null or e.id < :after) order by e.id desc limit :limit")
			.params(scope.parameters())
			.param("kind", (kind != null) ? kind.name() : null)
			.param("reversed", reversed)
			.param("after", after)
			.param("limit", page.fetchSize())
			.query(EFFECT)
			.list();
		int total = count ? this.jdbc.sql("select count(*) from (" + select(scope) + filter + ") counted")
			.params(scope.parameters())
			.param("kind", (kind != null) ? kind.name() : null)
			.param("reversed", reversed)
			.query(Integer.class)
			.single() : 0;
		return Connection.of(rows, page, (effect) -> PageRequest.cursor(LIST, effect.key()), total);
	}

	/** An effect, locked until the transaction ends, for an officer to reverse. */
	public Optional<VisitEffect> lock(long key) {
		Scope scope = this.jurisdiction.current();
		return this.jdbc.sql(select(scope) + " and e.id = :key for update of e")
			.param("key", key)
			.params(scope.parameters())
			.query(EFFECT)
			.optional();
	}

	/** An effect as it stands. */
	@Transactional(readOnly = true)
	public Optional<VisitEffect> find(long key) {
		Scope scope = this.jurisdiction.forQueries();
		return this.jdbc.sql(select(scope) + " and e.id = :key")
			.param("key", key)
			.params(scope.parameters())
			.query(EFFECT)
			.optional();
	}

	/** Marks a locked effect reversed; false when it was reversed already. */
	public boolean markReversed(long key, long user, String reason) {
		return this.jdbc.sql("""
				update visit_effect set reversed_at = now(), reversed_by = :user, reverse_reason = :reason
				where id = :key and reversed_at is null""")
			.param("key", key)
			.param("user", user)
			.param("reason", reason)
			.update() == 1;
	}

	private static String select(Scope scope) {
		return """
				select e.*, u.display_name as reversed_by_name, %s as personal_visible
				from visit_effect e left join app_user u on u.id = e.reversed_by
				where %s""".formatted(scope.responsiblePredicate("e.village_id"),
				scope.villagePredicate("e.village_id"));
	}

}
