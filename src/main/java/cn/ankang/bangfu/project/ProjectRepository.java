package cn.ankang.bangfu.project;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.ChildPages;
import cn.ankang.bangfu.shared.PageRequest;
import cn.ankang.bangfu.shared.Rows;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of projects and their funds. A project's amounts are the sums of its
 * allocations, summed here so that no stored total can drift from its parts.
 */
@Repository
class ProjectRepository {

	static final String PROJECT_LIST = "projects";

	private static final RowMapper<Project> PROJECT = (rs, n) -> new Project(rs.getLong("id"), rs.getString("name"),
			Rows.enumOf(rs, "category", Project.Category.class),
			Rows.enumOrNull(rs, "industry", Project.Industry.class), rs.getInt("year"),
			Rows.enumOf(rs, "status", Project.Status.class), rs.getLong("county_id"), Rows.longOrNull(rs, "town_id"),
			Rows.longOrNull(rs, "village_id"), Rows.longOrNull(rs, "implementing_unit_id"), rs.getLong("planned_fen"),
			rs.getLong("spent_fen"), Rows.intOrNull(rs, "beneficiary_households"),
			Rows.intOrNull(rs, "beneficiary_people"));

	private static final RowMapper<FundAllocation> ALLOCATION = (rs, n) -> new FundAllocation(rs.getLong("project_id"),
			Rows.enumOf(rs, "source", FundAllocation.Source.class), rs.getLong("planned_fen"), rs.getLong("spent_fen"));

	private static final String PROJECT_COLUMNS = """
			p.*,
			(select coalesce(sum(a.planned_fen), 0) from fund_allocation a where a.project_id = p.id) as planned_fen,
			(select coalesce(sum(a.spent_fen), 0) from fund_allocation a where a.project_id = p.id) as spent_fen""";

	private static final String PROJECT_FILTER = """
			from project p
			where (cast(:countyCode as text) is null or p.county_id = (select id from county where code = :countyCode))
			  and (cast(:townCode as text) is null or p.town_id = (select id from town where code = :townCode))
			  and (cast(:villageCode as text) is null or p.village_id = (select id from village where code = :villageCode))
			  and (cast(:year as integer) is null or p.year = :year)
			  and (cast(:industry as text) is null or p.industry = :industry)
			  and (cast(:category as text) is null or p.category = :category)
			  and (cast(:status as text) is null or p.status = :status)
			  and (cast(:unit as bigint) is null or p.implementing_unit_id = :unit)
			  and (cast(:source as text) is null
			       or exists (select 1 from fund_allocation a where a.project_id = p.id and a.source = :source))
			""";

	private final JdbcClient jdbc;

	ProjectRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Project> projects(ProjectFilter filter, @Nullable Long unitKey, PageRequest page) {
		return this.jdbc.sql("select " + PROJECT_COLUMNS + " " + PROJECT_FILTER + """
				  and (cast(:after as bigint) is null or p.id > :after)
				order by p.id
				limit :limit
				""")
			.params(filterParams(filter, unitKey))
			.param("after", page.afterId(PROJECT_LIST))
			.param("limit", page.fetchSize())
			.query(PROJECT)
			.list();
	}

	int countProjects(ProjectFilter filter, @Nullable Long unitKey) {
		return this.jdbc.sql("select count(*) " + PROJECT_FILTER)
			.params(filterParams(filter, unitKey))
			.query(Integer.class)
			.single();
	}

	List<Project> projectsByKeys(Collection<Long> keys) {
		return this.jdbc.sql("select " + PROJECT_COLUMNS + " from project p where p.id in (:keys)")
			.param("keys", keys)
			.query(PROJECT)
			.list();
	}

	/**
	 * A page of projects per parent, where {@code parentColumn} is {@code village_id} or
	 * {@code implementing_unit_id}, by id: read from the index on (parent, id).
	 */
	List<ChildPages.Row<Project>> projectsOf(String parentColumn, Collection<Long> parentKeys, PageRequest page) {
		Long after = page.afterId(PROJECT_LIST);
		return this.jdbc
			.sql(projectsOf(parentColumn).pageSql(PROJECT_COLUMNS, (after != null) ? "p.id > :after" : "true"))
			.params(ChildPages.parameters(parentKeys, page))
			.param("after", after)
			.query(ChildPages.rows(PROJECT))
			.list();
	}

	/**
	 * How many projects each parent has, by parent key; parents without any are left out.
	 */
	Map<Long, Integer> countProjectsOf(String parentColumn, Collection<Long> parentKeys) {
		return ChildPages.totals(this.jdbc.sql(projectsOf(parentColumn).countSql())
			.param(ChildPages.PARENTS_PARAM, ChildPages.keys(parentKeys)));
	}

	private static ChildPages projectsOf(String parentColumn) {
		return new ChildPages("project", "p", "p." + parentColumn, "true", "p.id");
	}

	List<FundAllocation> allocationsOf(Collection<Long> projectKeys) {
		return this.jdbc.sql("""
				select * from fund_allocation
				where project_id in (:keys)
				order by project_id, array_position(array['CENTRAL_LINKAGE', 'PROVINCIAL_LINKAGE', 'MUNICIPAL_LINKAGE',
				    'COUNTY_LINKAGE', 'EAST_WEST_COLLABORATION', 'DESIGNATED_ASSISTANCE', 'SOCIAL'], source)
				""").param("keys", projectKeys).query(ALLOCATION).list();
	}

	/** Totals per county, over projects of a year and money of a source when given. */
	Map<Long, ProjectTotals> totalsOfCounties(Collection<Long> countyKeys, @Nullable Integer year,
			FundAllocation.@Nullable Source source) {
		Map<Long, ProjectTotals> totals = new HashMap<>();
		this.jdbc.sql("""
				select p.county_id,
				       count(distinct p.id) as projects,
				       coalesce(sum(a.planned_fen), 0) as planned_fen,
				       coalesce(sum(a.spent_fen), 0) as spent_fen
				from project p
				left join fund_allocation a on a.project_id = p.id
				                           and (cast(:source as text) is null or a.source = :source)
				where p.county_id in (:keys)
				  and (cast(:year as integer) is null or p.year = :year)
				  and (cast(:source as text) is null or a.project_id is not null)
				group by p.county_id
				""")
			.param("keys", countyKeys)
			.param("year", year)
			.param("source", (source != null) ? source.name() : null)
			.query((rs) -> {
				totals.put(rs.getLong("county_id"),
						new ProjectTotals(rs.getInt("projects"), rs.getLong("planned_fen"), rs.getLong("spent_fen")));
			});
		return totals;
	}

	private static Map<String, @Nullable Object> filterParams(ProjectFilter filter, @Nullable Long unitKey) {
		Map<String, @Nullable Object> params = new HashMap<>();
		params.put("countyCode", filter.countyCode());
		params.put("townCode", filter.townCode());
		params.put("villageCode", filter.villageCode());
		params.put("year", filter.year());
		params.put("industry", (filter.industry() != null) ? filter.industry().name() : null);
		params.put("category", (filter.category() != null) ? filter.category().name() : null);
		params.put("status", (filter.status() != null) ? filter.status().name() : null);
		params.put("source", (filter.fundSource() != null) ? filter.fundSource().name() : null);
		params.put("unit", unitKey);
		return params;
	}

}
