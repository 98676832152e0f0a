package cn.ankang.bangfu.project;

import java.sql.Date;
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
 * The SQL of the projects import: what is stored of the file's projects (their steps and
 * allocations), and the file's changes. Row-level security keeps the writes to the
 * uploader's counties; the database writes their history by trigger, under the import's
 * id.
 */
@Repository
class ProjectImportRepository {

	private final JdbcClient jdbc;

	ProjectImportRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Allocation(long plannedFen, long spentFen, @Nullable String document, @Nullable LocalDate allocatedOn) {
	}

	record Stored(long key, @Nullable String villageCode, String category, @Nullable String industry,
			@Nullable String unitName, long plannedFen, @Nullable Integer households, @Nullable Integer people,
			String status, List<ProjectImport.Step> steps, Map<String, Allocation> allocations) {
	}

	/**
	 * What a project's rows do: create it (no stored) with its steps, or add steps and
	 * change its fields; allocate the rows' sources.
	 */
	record Change(ProjectImport.ProjectRow project, long countyKey, @Nullable Long townKey, @Nullable Long villageKey,
			@Nullable Long unitKey, @Nullable Stored stored, boolean projectChanged, List<ProjectImport.Step> newSteps,
			List<ProjectImport.ProjectRow> allocations) {
	}

	/**
	 * The projects of these keys (county code|year|name), with their steps and
	 * allocations.
	 */
	Map<String, List<Stored>> projects(Collection<String> keys) {
		Map<String, List<Stored>> projects = new HashMap<>();
		this.jdbc
			.sql("""
					select p.id, c.code || '|' || p.year || '|' || p.name as key, v.code as village_code, p.category,
					       p.industry, u.name as unit_name, p.planned_fen, p.beneficiary_households, p.beneficiary_people,
					       p.status,
					       coalesce((select array_agg(s.to_status || '|' || s.occurred_on || '|' || coalesce(s.document_number, '')
					                                  order by s.occurred_on, s.id)
					                 from project_step s where s.project_id = p.id), '{}') as steps,
					       coalesce((select array_agg(a.source || '|' || a.planned_fen || '|' || a.spent_fen || '|'
					                                  || coalesce(a.document_number, '') || '|' || coalesce(a.allocated_on::text, ''))
					                 from fund_allocation a where a.project_id = p.id), '{}') as allocations
					from project p join county c on c.id = p.county_id left join village v on v.id = p.village_id
					left join assistance_unit u on u.id = p.implementing_unit_id
					where c.code || '|' || p.year || '|' || p.name = any(:keys)""")
			.param("keys", keys.toArray(String[]::new))
			.query((rs, n) -> {
				List<ProjectImport.Step> steps = new ArrayList<>();
				for (String step : (String[]) rs.getArray("steps").getArray()) {
					String[] parts = step.split("\\|", -1);
					steps.add(new ProjectImport.Step(parts[0], LocalDate.parse(parts[1]),
							parts[2].isEmpty() ? null : parts[2]));
				}
				Map<String, Allocation> allocations = new HashMap<>();
				for (String allocation : (String[]) rs.getArray("allocations").getArray()) {
					String[] parts = allocation.split("\\|", -1);
					allocations.put(parts[0],
							new Allocation(Long.parseLong(parts[1]), Long.parseLong(parts[2]),
									parts[3].isEmpty() ? null : parts[3],
									parts[4].isEmpty() ? null : LocalDate.parse(parts[4])));
				}
				return Map.entry(rs.getString("key"), new Stored(rs.getLong("id"), rs.getString("village_code"),
						rs.getString("category"), rs.getString("industry"), rs.getString("unit_name"),
						rs.getLong("planned_fen"), (Integer) rs.getObject("beneficiary_households"),
						(Integer) rs.getObject("beneficiary_people"), rs.getString("status"), steps, allocations));
			})
			.list()
			.forEach((entry) -> projects.computeIfAbsent(entry.getKey(), (k) -> new ArrayList<>())
				.add(entry.getValue()));
		return projects;
	}

	void apply(List<Change> changes, long userKey, String role) {
		for (Change change : changes) {
			ProjectImport.ProjectRow row = change.project();
			String status = row.steps().get(row.steps().size() - 1).status();
			long project;
			if (change.stored() == null) {
				project = this.jdbc
					.sql("""
							insert into project (name, category, industry, year, status, county_id, town_id, village_id,
							                     implementing_unit_id, beneficiary_households, beneficiary_people, planned_fen)
							values (:name, :category, :industry, :year, :status, :county, :town, :village, :unit,
							        :households, :people, :planned)
							returning id""")
					.param("name", row.name())
					.param("category", row.category())
					.param("industry", row.industry())
					.param("year", row.year())
					.param("status", status)
					.param("county", change.countyKey())
					.param("town", change.townKey())
					.param("village", change.villageKey())
					.param("unit", change.unitKey())
					.param("households", row.households())
					.param("people", row.people())
					.param("planned", row.plannedFen())
					.query(Long.class)
					.single();
			}
			else {
				project = change.stored().key();
				if (change.projectChanged()) {
					this.jdbc.sql("""
							update project set category = :category, industry = :industry, status = :status,
							       town_id = :town, village_id = :village, implementing_unit_id = :unit,
							       beneficiary_households = :households, beneficiary_people = :people,
							       planned_fen = :planned, version = version + 1
							where id = :id""")
						.param("id", project)
						.param("category", row.category())
						.param("industry", row.industry())
						.param("status", status)
						.param("town", change.townKey())
						.param("village", change.villageKey())
						.param("unit", change.unitKey())
						.param("households", row.households())
						.param("people", row.people())
						.param("planned", row.plannedFen())
						.update();
				}
			}
			String from = (change.stored() != null && !change.stored().steps().isEmpty())
					? change.stored().steps().get(change.stored().steps().size() - 1).status() : null;
			for (ProjectImport.Step step : change.newSteps()) {
				this.jdbc.sql("""
						insert into project_step (project_id, from_status, to_status, occurred_on, document_number,
						                          actor_user_id, actor_name, actor_role)
						values (:project, :from, :to, :on, :document, :user,
						        coalesce((select display_name from app_user where id = :user), '导入'), :role)""")
					.param("project", project)
					.param("from", from)
					.param("to", step.status())
					.param("on", Date.valueOf(step.on()))
					.param("document", step.document())
					.param("user", userKey)
					.param("role", role)
					.update();
				from = step.status();
			}
			for (ProjectImport.ProjectRow allocation : change.allocations()) {
				this.jdbc.sql("""
						insert into fund_allocation (project_id, source, planned_fen, document_number, allocated_on)
						values (:project, :source, :planned, :document, :on)
						on conflict (project_id, source) do update
						set planned_fen = excluded.planned_fen, document_number = excluded.document_number,
						    allocated_on = excluded.allocated_on""")
					.param("project", project)
					.param("source", allocation.source())
					.param("planned", allocation.allocatedFen())
					.param("document", allocation.allocationDocument())
					.param("on", allocation.allocatedOn())
					.update();
			}
		}
	}

}
