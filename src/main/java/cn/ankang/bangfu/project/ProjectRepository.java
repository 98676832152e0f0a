package cn.ankang.bangfu.project;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.relay.ChildPages;
import cn.ankang.bangfu.shared.relay.PageRequest;
import cn.ankang.bangfu.shared.values.Rows;

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
			rs.getLong("allocated_fen"), rs.getLong("spent_fen"), Rows.intOrNull(rs, "beneficiary_households"),
			Rows.intOrNull(rs, "beneficiary_people"), rs.getInt("version"));

	private static final RowMapper<FundAllocation> ALLOCATION = (rs, n) -> new FundAllocation(rs.getLong("project_id"),
			Rows.enumOf(rs, "source", FundAllocation.Source.class), rs.getLong("planned_fen"), rs.getLong("spent_fen"),
			rs.getString("document_number"), Rows.dateOrNull(rs, "allocated_on"));

	private static final String PROJECT_COLUMNS = """
			p.*,
			(select coalesce(sum(a.planned_fen), 0) from fund_allocation a where a.project_id = p.id) as allocated_fen,
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
				    'COUNTY_LINKAGE', 'EAST_WEST_COLLABORATION', 'DESIGNATED_ASSISTANCE', 'SOCIAL',
				    'SECTOR_DEPARTMENTS'], source)
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

	// Steps, spending, assets, beneficiaries
	// ---------------------------------------------------------------------------------

	private static final RowMapper<ProjectStep> STEP = (rs, n) -> new ProjectStep(rs.getLong("project_id"),
			Rows.enumOrNull(rs, "from_status", Project.Status.class),
			Rows.enumOf(rs, "to_status", Project.Status.class), Rows.date(rs, "occurred_on"),
			rs.getString("document_number"), rs.getString("note"), Rows.timestamp(rs, "recorded_at"),
			rs.getString("actor_name"), rs.getString("actor_role"));

	private static final RowMapper<ProjectSpending> SPENDING = (rs, n) -> new ProjectSpending(rs.getLong("id"),
			rs.getLong("project_id"), Rows.enumOf(rs, "source", FundAllocation.Source.class), rs.getLong("amount_fen"),
			Rows.date(rs, "spent_on"), rs.getString("voucher_number"));

	private static final RowMapper<ProjectAsset> ASSET = (rs, n) -> new ProjectAsset(rs.getLong("id"),
			rs.getLong("project_id"), rs.getString("name"), Rows.enumOf(rs, "kind", ProjectAsset.Kind.class),
			rs.getLong("value_fen"), rs.getString("owner"), rs.getString("maintenance_body"),
			Rows.date(rs, "recorded_on"), Rows.dateOrNull(rs, "handed_over_on"));

	List<ProjectStep> stepsOf(Collection<Long> projectKeys) {
		return this.jdbc
			.sql("select * from project_step where project_id in (:keys) order by project_id, occurred_on, id")
			.param("keys", projectKeys)
			.query(STEP)
			.list();
	}

	List<ProjectSpending> spendingOf(Collection<Long> projectKeys) {
		return this.jdbc
			.sql("select * from project_spending where project_id in (:keys) order by project_id, spent_on, id")
			.param("keys", projectKeys)
			.query(SPENDING)
			.list();
	}

	List<ProjectAsset> assetsOf(Collection<Long> projectKeys) {
		return this.jdbc.sql("select * from project_asset where project_id in (:keys) order by project_id, id")
			.param("keys", projectKeys)
			.query(ASSET)
			.list();
	}

	List<ProjectSpending> spendingByKeys(Collection<Long> keys) {
		return this.jdbc.sql("select * from project_spending where id in (:keys)")
			.param("keys", keys)
			.query(SPENDING)
			.list();
	}

	List<ProjectAsset> assetsByKeys(Collection<Long> keys) {
		return this.jdbc.sql("select * from project_asset where id in (:keys)").param("keys", keys).query(ASSET).list();
	}

	/** The beneficiary households of the projects the user may see, by project. */
	List<long[]> beneficiariesOf(Collection<Long> projectKeys) {
		return this.jdbc
			.sql("select project_id, household_id from project_beneficiary where project_id in (:keys) "
					+ "order by project_id, household_id")
			.param("keys", projectKeys)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.list();
	}

	/** The project, locked for the change. */
	java.util.Optional<Project> lock(long key) {
		return this.jdbc.sql("select " + PROJECT_COLUMNS + " from project p where p.id = :key for update of p")
			.param("key", key)
			.query(PROJECT)
			.optional();
	}

	/** The last step's day, or null for a project without steps. */
	java.time.@Nullable LocalDate lastStepOn(long projectKey) {
		return this.jdbc.sql("select max(occurred_on) from project_step where project_id = :p")
			.param("p", projectKey)
			.query(java.time.LocalDate.class)
			.single();
	}

	long insertProject(NewProject project) {
		return this.jdbc.sql("""
				insert into project (name, category, industry, year, status, county_id, town_id, village_id,
				                     implementing_unit_id, beneficiary_households, planned_fen)
				values (:name, :category, :industry, :year, 'PIPELINE', :county, :town, :village, :unit, :households,
				        :planned)
				returning id""")
			.param("name", project.name())
			.param("category", project.category().name())
			.param("industry", (project.industry() != null) ? project.industry().name() : null)
			.param("year", project.year())
			.param("county", project.countyKey())
			.param("town", project.townKey())
			.param("village", project.villageKey())
			.param("unit", project.unitKey())
			.param("households", project.beneficiaryHouseholds())
			.param("planned", project.plannedFen())
			.query(Long.class)
			.single();
	}

	void insertStep(long projectKey, Project.@Nullable Status from, Project.Status to, java.time.LocalDate on,
			@Nullable String document, @Nullable String note, long userKey, String role) {
		this.jdbc.sql("""
				insert into project_step (project_id, from_status, to_status, occurred_on, document_number, note,
				                          actor_user_id, actor_name, actor_role)
				values (:project, :from, :to, :on, :document, :note, :user,
				        (select display_name from app_user where id = :user), :role)""")
			.param("project", projectKey)
			.param("from", (from != null) ? from.name() : null)
			.param("to", to.name())
			.param("on", on)
			.param("document", document)
			.param("note", note)
			.param("user", userKey)
			.param("role", role)
			.update();
	}

	/** Moves the project on, raising its version. */
	void move(long projectKey, Project.Status to) {
		this.jdbc.sql("update project set status = :to, version = version + 1 where id = :p")
			.param("to", to.name())
			.param("p", projectKey)
			.update();
	}

	/** Raises the project's version for a change of its parts. */
	void touch(long projectKey) {
		this.jdbc.sql("update project set version = version + 1 where id = :p").param("p", projectKey).update();
	}

	void allocate(long projectKey, FundAllocation.Source source, long amountFen, String document,
			java.time.LocalDate on) {
		this.jdbc.sql("""
				insert into fund_allocation (project_id, source, planned_fen, document_number, allocated_on)
				values (:project, :source, :amount, :document, :on)
				on conflict (project_id, source) do update
				set planned_fen = excluded.planned_fen, document_number = excluded.document_number,
				    allocated_on = excluded.allocated_on""")
			.param("project", projectKey)
			.param("source", source.name())
			.param("amount", amountFen)
			.param("document", document)
			.param("on", on)
			.update();
	}

	boolean voucherRecorded(long projectKey, FundAllocation.Source source, String voucher) {
		return this.jdbc.sql("""
				select exists (select 1 from project_spending
				               where project_id = :p and source = :s and voucher_number = :v)""")
			.param("p", projectKey)
			.param("s", source.name())
			.param("v", voucher)
			.query(Boolean.class)
			.single();
	}

	long insertSpending(long projectKey, FundAllocation.Source source, long amountFen, java.time.LocalDate on,
			String voucher) {
		return this.jdbc.sql("""
				insert into project_spending (project_id, source, amount_fen, spent_on, voucher_number)
				values (:p, :s, :amount, :on, :voucher) returning id""")
			.param("p", projectKey)
			.param("s", source.name())
			.param("amount", amountFen)
			.param("on", on)
			.param("voucher", voucher)
			.query(Long.class)
			.single();
	}

	long insertAsset(long projectKey, String name, ProjectAsset.Kind kind, long valueFen, String owner,
			String maintenanceBody, java.time.LocalDate on) {
		return this.jdbc.sql("""
				insert into project_asset (project_id, name, kind, value_fen, owner, maintenance_body, recorded_on)
				values (:p, :name, :kind, :value, :owner, :body, :on) returning id""")
			.param("p", projectKey)
			.param("name", name)
			.param("kind", kind.name())
			.param("value", valueFen)
			.param("owner", owner)
			.param("body", maintenanceBody)
			.param("on", on)
			.query(Long.class)
			.single();
	}

	/** Hands over the project's assets not handed over yet; how many. */
	int handOverAssets(long projectKey, java.time.LocalDate on) {
		return this.jdbc
			.sql("update project_asset set handed_over_on = :on where project_id = :p and handed_over_on is null")
			.param("p", projectKey)
			.param("on", on)
			.update();
	}

	int countAssets(long projectKey) {
		return this.jdbc.sql("select count(*) from project_asset where project_id = :p")
			.param("p", projectKey)
			.query(Integer.class)
			.single();
	}

	void linkBeneficiaries(long projectKey, Collection<Long> householdKeys) {
		if (!householdKeys.isEmpty()) {
			this.jdbc.sql("""
					insert into project_beneficiary (project_id, household_id)
					select :p, h from unnest(cast(:households as bigint[])) h
					on conflict do nothing""")
				.param("p", projectKey)
				.param("households", householdKeys.toArray(Long[]::new))
				.update();
		}
	}

	void unlinkBeneficiaries(long projectKey, Collection<Long> householdKeys) {
		if (!householdKeys.isEmpty()) {
			this.jdbc.sql("delete from project_beneficiary where project_id = :p and household_id = any(:households)")
				.param("p", projectKey)
				.param("households", householdKeys.toArray(Long[]::new))
				.update();
		}
	}

	/** A new project's values. */
	record NewProject(String name, Project.Category category, Project.@Nullable Industry industry, int year,
			long countyKey, @Nullable Long townKey, @Nullable Long villageKey, @Nullable Long unitKey,
			@Nullable Integer beneficiaryHouseholds, long plannedFen) {
	}

}
