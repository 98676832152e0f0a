package cn.ankang.bangfu.figure;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.relay.Connection;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.relay.PageRequest;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The records behind a headline figure of the annual report (its source), as a list a
 * leader opens or downloads: each record with what it adds to the figure, so that the
 * list's sum is the figure. Read where the figures are read, in the asker's jurisdiction,
 * with the figure's own definitions (the year's end, the status a project had then); the
 * tests hold each list's sum to its figure.
 */
@Service
@Transactional(transactionManager = FigureDatabase.TRANSACTION_MANAGER, readOnly = true)
class ReportSources {

	static final String LIST = "reportSource";

	private static final String PROJECT = """
			select p.id as sort_key, 'Project' as record_type, p.id as record_key, p.name, p.county_id, p.town_id,
			       p.village_id, %s as counted
			from project p join county c on c.id = p.county_id
			left join town pt on pt.id = p.town_id left join village pv on pv.id = p.village_id
			cross join lateral (select coalesce(sum(f.planned_fen), 0) as fen from fund_allocation f
			                    where f.project_id = p.id and f.source = any(string_to_array(:sources, ','))) pf
			where p.year = :year and %s
			  and exists (select from fund_allocation f where f.project_id = p.id
			              and f.source = any(string_to_array(:sources, ',')))""";

	private static final String MONITORED = """
			select c.id as sort_key, 'Household' as record_type, c.household_id as record_key, null as name, null::bigint as county_id,
			       null::bigint as town_id, c.village_id, %s as counted
			from monitoring_case c
			where c.included_on <= :to and (c.superseded_on is null or c.superseded_on > :to) and %s and %s""";

	private final JdbcClient jdbc;

	private final Jurisdiction jurisdiction;

	private final Clock clock;

	ReportSources(@Qualifier(FigureDatabase.JDBC_CLIENT) JdbcClient jdbc, Jurisdiction jurisdiction, Clock clock) {
		this.jdbc = jdbc;
		this.jurisdiction = jurisdiction;
		this.clock = clock;
	}

	/** Whether the figure has a list of records of its own (a share has not). */
	static boolean listed(ReportFigure figure) {
		return source(figure, 2023, LocalDate.of(2023, 1, 1)) != null;
	}

	/**
	 * A page of the records behind a figure of a year, by key, with how many there are
	 * and what they add up to over all pages.
	 * @throws ApiException {@code INVALID_ARGUMENT} for a share or a figure whose records
	 * are not kept, or a year outside the programme; {@code INVALID_CURSOR} for a cursor
	 * of another list
	 */
	Page source(int year, ReportFigure figure, PageRequest page) {
		Period period = Period.of(FigureFilter.ofYear(year), LocalDate.now(this.clock));
		Source source = source(figure, year, LocalDate.now(this.clock));
		if (source == null) {
			throw ApiException.invalidArgument((figure.numerator() != null)
					? "%s is a share: open the two figures it divides, %s and %s.".formatted(figure, figure.numerator(),
							figure.denominator())
					: "%s is an average, not a sum of records: open the register it is the average of."
						.formatted(figure));
		}
		Long after = page.after(LIST + ":" + figure + ":" + year, 1, (key) -> Long.parseLong(key.get(0)));
		Scope scope = this.jurisdiction.forQueries();
		Map<String, @Nullable Object> params = new HashMap<>(scope.parameters());
		params.putAll(source.parameters());
		params.put("year", year);
		params.put("from", period.from());
		params.put("to", period.to());
		params.put("past", period.past());
		params.put("after", (after != null) ? after : Long.MIN_VALUE);
		params.put("limit", page.fetchSize());
		List<Row> rows = new ArrayList<>();
		long[] total = { 0 };
		BigDecimal[] sum = { BigDecimal.ZERO };
		this.jdbc.sql("""
				with s as materialized (%s)
				select t.total, t.sum, p.* from (select count(*) as total, coalesce(sum(counted), 0) as sum from s) t
				left join lateral (
				  select s.sort_key, s.record_type, s.record_key, s.name, s.counted,
				         sv.name as village_name, coalesce(st.name, vt.name) as town_name,
				         coalesce(sc.name, tc.name, vc.name) as county_name
				  from s left join village sv on sv.id = s.village_id
				  left join town vt on vt.id = sv.town_id left join county vc on vc.id = vt.county_id
				  left join town st on st.id = s.town_id left join county tc on tc.id = st.county_id
				  left join county sc on sc.id = s.county_id
				  where s.sort_key > :after order by s.sort_key limit :limit) p on true
				order by p.sort_key""".formatted(source.sql().formatted(source.scoped().apply(scope))))
			.params(params)
			.query((rs) -> {
				total[0] = rs.getLong("total");
				sum[0] = rs.getBigDecimal("sum");
				if (rs.getObject("sort_key") != null) {
					rows.add(new Row(rs.getLong("sort_key"),
							GlobalId.of(rs.getString("record_type"), rs.getLong("record_key")),
							rs.getString("record_type"), rs.getString("name"), rs.getString("county_name"),
							rs.getString("town_name"), rs.getString("village_name"), rs.getBigDecimal("counted")));
				}
			});
		Connection<Row> connection = Connection.of(rows, page,
				(row) -> PageRequest.cursor(LIST + ":" + figure + ":" + year, row.sortKey()), (int) total[0]);
		return new Page(year, figure, connection, sum[0]);
	}

	/**
	 * The statement listing a figure's records: its columns are a sort key, the record's
	 * GraphQL type and key, its name where it is not personal, where it is (county, town,
	 * village ids, any of them null) and what it adds to the figure; null for a figure
	 * with no records of its own.
	 */
	private static @Nullable Source source(ReportFigure figure, int year, LocalDate today) {
		String linkage = String.join(",", FigureService.LINKAGE);
		return switch (figure) {
			case LINKAGE_FUNDS -> project("pf.fen / 100.0", "true", linkage);
			case LINKAGE_PROJECTS -> project("1", "true", linkage);
			case KEY_COUNTY_LINKAGE_FUNDS -> project("pf.fen / 100.0", "c.key_designation is not null", linkage);
			case KEY_COUNTY_LINKAGE_PROJECTS -> project("1", "c.key_designation is not null", linkage);
			case KEY_TOWN_AND_VILLAGE_LINKAGE_FUNDS -> project("pf.fen / 100.0",
					"(pt.key_designation is not null or pv.key_designation is not null)", linkage);
			case INDUSTRY_PROJECTS -> project("1", "p.category = 'INDUSTRY'", linkage);
			case DESIGNATED_ASSISTANCE_FUNDS -> project("pf.fen / 100.0", "true", "DESIGNATED_ASSISTANCE");
			case DESIGNATED_ASSISTANCE_PROJECTS -> project("1", "true", "DESIGNATED_ASSISTANCE");
			case EAST_WEST_COLLABORATION_FUNDS -> project("pf.fen / 100.0", "true", "EAST_WEST_COLLABORATION");
			case NEXT_YEAR_PIPELINE_PROJECTS, NEXT_YEAR_PIPELINE_PLANNED -> new Source(
					"""
							select p.id as sort_key, 'Project' as record_type, p.id as record_key, p.name, p.county_id,
							       p.town_id, p.village_id, %s as counted
							from project p
							where p.year = :year + 1 and %%s
							  and (case when not :nextPast or not exists (select from project_step ps where ps.project_id = p.id)
							            then p.status
							            else (select ps.to_status from project_step ps
							                  where ps.project_id = p.id and ps.occurred_on <= :nextTo
							                  order by ps.occurred_on desc, ps.id desc limit 1) end) = 'PIPELINE'"""
						.formatted(
								(figure == ReportFigure.NEXT_YEAR_PIPELINE_PROJECTS) ? "1" : "p.planned_fen / 100.0"),
					ReportSources::byProject, Map.of("nextTo", LocalDate.of(year + 1, 12, 31), "nextPast",
							LocalDate.of(year + 1, 12, 31).isBefore(today)));
			case MONITORED_HOUSEHOLDS -> monitored("1", "true");
			case MONITORED_PEOPLE -> monitored("c.household_member_count", "true");
			case NEW_MONITORED_HOUSEHOLDS -> monitored("1", "c.included_on >= :from");
			case NEW_MONITORED_PEOPLE -> monitored("c.household_member_count", "c.included_on >= :from");
			case ELIMINATED_HOUSEHOLDS -> monitored("1", "c.eliminated_on <= :to");
			case ELIMINATED_PEOPLE -> monitored("c.household_member_count", "c.eliminated_on <= :to");
			case ASSISTANCE_MEASURES -> Source.byVillage("""
					select am.id as sort_key, 'AssistanceMeasure' as record_type, am.id as record_key, null as name,
					       null::bigint as county_id, null::bigint as town_id, am.village_id, 1 as counted
					from assistance_measure am where am.started_on <= :to and %s""", "am.village_id", Map.of());
			case FIRST_SECRETARIES, TEAM_MEMBERS -> Source.byVillage("""
					select po.id as sort_key, 'Posting' as record_type, po.id as record_key, k.name,
					       null::bigint as county_id, null::bigint as town_id, po.village_id, 1 as counted
					from posting po join cadre k on k.id = po.cadre_id
					where po.role = :role and po.started_on <= :to and (po.ended_on is null or po.ended_on >= :to)
					  and %s""", "po.village_id",
					Map.of("role", (figure == ReportFigure.FIRST_SECRETARIES) ? "FIRST_SECRETARY" : "TEAM_MEMBER"));
			case ASSISTANCE_UNITS -> new Source("""
					select u.id as sort_key, 'AssistanceUnit' as record_type, u.id as record_key, u.name,
					       u.county_id, null::bigint as town_id, null::bigint as village_id, 1 as counted
					from assistance_unit u
					where exists (select from unit_pairing up join village v on v.id = up.village_id
					              where up.unit_id = u.id and up.started_on <= :to
					                and (up.ended_on is null or up.ended_on >= :to) and %s)""", ReportSources::byArea,
					Map.of());
			case LEADER_LIAISONS -> new Source(
					"""
							select l.id as sort_key, 'LeaderLiaison' as record_type, l.id as record_key, ld.name, l.county_id,
							       null::bigint as town_id, l.village_id, 1 as counted
							from leader_liaison l join leader ld on ld.id = l.leader_id
							where l.started_on <= :to and (l.ended_on is null or l.ended_on >= :to)
							  and l.county_id in (select t.county_id from village v join town t on t.id = v.town_id where %s)""",
					ReportSources::byArea, Map.of());
			case NATIONAL_KEY_COUNTIES, PROVINCIAL_KEY_COUNTIES -> new Source(
					"""
							select c.id as sort_key, 'County' as record_type, c.id as record_key, c.name, c.id as county_id,
							       null::bigint as town_id, null::bigint as village_id, 1 as counted
							from county c where c.key_designation = :designation
							  and exists (select from village v join town t on t.id = v.town_id where t.county_id = c.id and %s)""",
					ReportSources::byArea,
					Map.of("designation", (figure == ReportFigure.NATIONAL_KEY_COUNTIES) ? "NATIONAL" : "PROVINCIAL"));
			case PROVINCIAL_KEY_TOWNS -> new Source(
					"""
							select t.id as sort_key, 'Town' as record_type, t.id as record_key, t.name, null::bigint as county_id,
							       t.id as town_id, null::bigint as village_id, 1 as counted
							from town t where t.key_designation is not null
							  and exists (select from village v where v.town_id = t.id and %s)""",
					ReportSources::byArea, Map.of());
			case KEY_VILLAGES -> new Source("""
					select v.id as sort_key, 'Village' as record_type, v.id as record_key, v.name,
					       null::bigint as county_id, null::bigint as town_id, v.id as village_id, 1 as counted
					from village v where v.key_designation is not null and %s""", ReportSources::byArea, Map.of());
			case VILLAGES_WITH_LEGAL_ADVISER -> Source.byVillage("""
					select la.id as sort_key, 'LegalAdviserPosting' as record_type, la.id as record_key,
					       la.adviser_name as name, null::bigint as county_id, null::bigint as town_id, la.village_id,
					       1 as counted
					from legal_adviser_posting la
					where la.started_on <= :to and (la.ended_on is null or la.ended_on >= :to) and %s""",
					"la.village_id", Map.of());
			case VILLAGE_CONSTRUCTION_PROJECTS -> new Source("""
					select p.id as sort_key, 'Project' as record_type, p.id as record_key, p.name, p.county_id,
					       p.town_id, p.village_id, 1 as counted
					from project p
					where p.year = :year and p.category = 'VILLAGE_CONSTRUCTION' and %s
					  and (case when not :past or not exists (select from project_step ps where ps.project_id = p.id)
					            then p.status
					            else (select ps.to_status from project_step ps
					                  where ps.project_id = p.id and ps.occurred_on <= :to
					                  order by ps.occurred_on desc, ps.id desc limit 1) end)
					      = any(string_to_array(:carriedOut, ','))""", ReportSources::byProject,
					Map.of("carriedOut", String.join(",", FigureService.CARRIED_OUT)));
			case VILLAGE_PLANS -> Source.byVillage("""
					select vp.id as sort_key, 'VillagePlan' as record_type, vp.id as record_key, null as name,
					       null::bigint as county_id, null::bigint as town_id, vp.village_id, 1 as counted
					from village_plan vp where vp.compiled_year = :year and %s""", "vp.village_id", Map.of());
			case VILLAGES_WITH_COLLECTIVE_INCOME_OVER_100K -> Source.byVillage(
					"""
							select ci.id as sort_key, 'VillageCollectiveIncome' as record_type, ci.id as record_key, null as name,
							       null::bigint as county_id, null::bigint as town_id, ci.village_id, 1 as counted
							from village_collective_income ci
							where ci.year = :year and ci.income_fen >= :threshold and %s""",
					"ci.village_id", Map.of("threshold", VillageFigureRepository.VILLAGE_INCOME_THRESHOLD_FEN));
			case SUPERVISION_PROBLEMS_RECTIFIED -> new Source("""
					select p.id as sort_key, 'SupervisionProblem' as record_type, p.id as record_key,
					       left(p.description, 60) as name, p.county_id, p.town_id, p.village_id, 1 as counted
					from supervision_problem p where p.closed_on between :from and :to and %s""",
					ReportSources::byProject, Map.of());
			case SUPERVISION_ROUNDS -> new Source(
					"""
							select r.id as sort_key, 'SupervisionRound' as record_type, r.id as record_key, r.name,
							       null::bigint as county_id, null::bigint as town_id, null::bigint as village_id, 1 as counted
							from supervision_round r
							where r.started_on between :from and :to
							  and exists (select from supervision_coverage c where c.round_id = r.id
							              and (case when c.county_id is null
							                        then :scope_all or r.city_id = any(string_to_array(:scope_cities, ',')::bigint[])
							                        else %s end))""",
					(scope) -> new Object[] { scope.areaPredicate("c.county_id", "c.town_id", "c.village_id") },
					Map.of());
			case DRIVING_ENTERPRISES, PEOPLE_DRIVEN, COMMUNITY_FACTORIES, COMMUNITY_FACTORY_JOBS -> new Source("""
					select y.id as sort_key, 'EnterpriseYear' as record_type, y.id as record_key, e.name, e.county_id,
					       e.town_id, e.village_id, %s as counted
					from enterprise_year y join enterprise e on e.id = y.enterprise_id
					where y.year = :year and %s and %%s""".formatted(switch (figure) {
				case DRIVING_ENTERPRISES, COMMUNITY_FACTORIES -> "1";
				case PEOPLE_DRIVEN -> "y.linked_people";
				default -> "y.workers";
			}, (figure == ReportFigure.DRIVING_ENTERPRISES || figure == ReportFigure.PEOPLE_DRIVEN)
					? "e.kind <> 'COMMUNITY_FACTORY' and y.linked_people > 0" : "e.kind = 'COMMUNITY_FACTORY'"),
					(scope) -> new Object[] { scope.placePredicate("e.village_id", "e.town_id", "e.county_id") },
					Map.of());
			case PEOPLE_IN_WORK -> new Source(
					"""
							select y.id as sort_key, 'ExitedHousehold' as record_type, y.household_id as record_key, null as name,
							       null::bigint as county_id, null::bigint as town_id, y.village_id, y.people_in_work as counted
							from exited_household_year y where y.year = :year and y.people_in_work > 0 and %s""",
					(scope) -> new Object[] { scope.villagePredicate("y.village_id") }, Map.of());
			case MICROCREDIT_ISSUED -> new Source(
					"""
							select l.id as sort_key, 'MicrocreditLoan' as record_type, l.id as record_key, null as name,
							       null::bigint as county_id, null::bigint as town_id, l.village_id, l.amount_fen / 100.0 as counted
							from microcredit_loan l where l.issued_on <= :to and %s""",
					(scope) -> new Object[] { scope.villagePredicate("l.village_id") }, Map.of());
			default -> null;
		};
	}

	private static Source project(String counted, String condition, String sources) {
		return new Source(PROJECT.formatted(counted, condition) + " and %s", ReportSources::byProject,
				Map.of("sources", sources));
	}

	private static Source monitored(String counted, String condition) {
		return Source.byVillage(MONITORED.formatted(counted, condition, "%s"), "c.village_id", Map.of());
	}

	/** Projects, by county, town or village. */
	private static Object[] byProject(Scope scope) {
		return new Object[] { scope.areaPredicate("p.county_id", "p.town_id", "p.village_id") };
	}

	/** Areas and what hangs on them, by the villages {@code v} in scope. */
	private static Object[] byArea(Scope scope) {
		return new Object[] { scope.villagePredicate("v.id") };
	}

	/**
	 * A statement listing records, its scope predicates made for the asker.
	 *
	 * @param sql the statement, with a {@code %s} for each predicate
	 * @param scoped the predicates
	 * @param parameters its own parameters
	 */
	private record Source(String sql, java.util.function.Function<Scope, Object[]> scoped,
			Map<String, Object> parameters) {

		/** Rows that carry their village, by the index predicate the figures use. */
		static Source byVillage(String sql, String villageColumn, Map<String, Object> parameters) {
			return new Source(sql, (scope) -> new Object[] { scope.villageIndexPredicate(villageColumn) }, parameters);
		}

	}

	/**
	 * A page of a figure's records.
	 *
	 * @param year the report's year
	 * @param figure the figure
	 * @param connection the page
	 * @param total what all the records add up to: the figure
	 */
	record Page(int year, ReportFigure figure, Connection<Row> connection, BigDecimal total) {

		public List<Connection.Edge<Row>> edges() {
			return this.connection.edges();
		}

		public Connection.PageInfo pageInfo() {
			return this.connection.pageInfo();
		}

		public int totalCount() {
			return this.connection.totalCount();
		}

		public String name() {
			return this.figure.label();
		}

	}

	/**
	 * A record behind a figure.
	 *
	 * @param sortKey its place in the list
	 * @param recordId its global id
	 * @param recordType its GraphQL type
	 * @param name its name, where it is not personal data
	 * @param countyName its county's name, where it has one
	 * @param townName its town's name, where it has one
	 * @param villageName its village's name, where it has one
	 * @param counted what it adds to the figure
	 */
	record Row(long sortKey, String recordId, String recordType, @Nullable String name, @Nullable String countyName,
			@Nullable String townName, @Nullable String villageName, BigDecimal counted) {
	}

}
