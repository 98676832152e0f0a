package cn.ankang.bangfu.view;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.values.Labels;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of saved views. A user sees the views they saved and those shared with one of
 * their roles, their jurisdiction levels, or them by name.
 */
@Repository
class ViewRepository {

	private static final String COLUMNS = """
			v.*, coalesce(o.display_name, :built_in_owner) as owner_name,
			coalesce((select array_agg(s.role order by s.role) from saved_view_share s where s.view_id = v.id and s.role is not null), '{}') as roles,
			coalesce((select array_agg(s.level order by s.level) from saved_view_share s where s.view_id = v.id and s.level is not null), '{}') as levels,
			coalesce((select array_agg(s.user_id order by s.user_id) from saved_view_share s where s.view_id = v.id and s.user_id is not null), '{}') as users
			from saved_view v left join app_user o on o.id = v.owner_id""";

	private static final String VISIBLE = """
			(v.owner_id = :user or exists (select 1 from saved_view_share s where s.view_id = v.id
			   and (s.user_id = :user or s.role = any(string_to_array(:roles, ',')) or s.level = any(string_to_array(:levels, ',')))))""";

	/** Whom people read as the author of a built-in view. */
	static final String BUILT_IN_OWNER = Labels.of("view", "BUILT_IN_OWNER");

	private final JdbcClient jdbc;

	private final JsonMapper json;

	ViewRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	List<SavedView> visible(Viewer viewer) {
		return this.jdbc.sql("select " + COLUMNS + " where " + VISIBLE + " order by v.name, v.id")
			.params(viewer.parameters())
			.param("built_in_owner", BUILT_IN_OWNER)
			.query((rs, n) -> view(rs, viewer))
			.list();
	}

	Map<Long, SavedView> visible(Viewer viewer, Collection<Long> keys) {
		return this.jdbc.sql("select " + COLUMNS + " where v.id in (:keys) and " + VISIBLE)
			.param("keys", keys)
			.params(viewer.parameters())
			.param("built_in_owner", BUILT_IN_OWNER)
			.query((rs, n) -> view(rs, viewer))
			.list()
			.stream()
			.collect(java.util.stream.Collectors.toMap(SavedView::key, (view) -> view));
	}

	boolean nameTaken(long owner, String name, @Nullable Long except) {
		return this.jdbc
			.sql("select exists (select 1 from saved_view where owner_id = :owner and name = :name "
					+ "and id is distinct from :except)")
			.param("owner", owner)
			.param("name", name)
			.param("except", except)
			.query(Boolean.class)
			.single();
	}

	long insert(long owner, ViewInput input) {
		return this.jdbc.sql("""
				insert into saved_view (owner_id, name, description, document, variables, chart, figure, measures)
				values (:owner, :name, :description, :document, cast(:variables as jsonb), :chart, :figure,
				        cast(:measures as text[]))
				returning id""").param("owner", owner).params(columns(input)).query(Long.class).single();
	}

	/** Changes a view of the owner's; false when there is none. */
	boolean update(long key, long owner, ViewInput input) {
		return this.jdbc.sql("""
				update saved_view set name = :name, description = :description, document = :document,
				       variables = cast(:variables as jsonb), chart = :chart, figure = :figure,
				       measures = cast(:measures as text[]), updated_at = now()
				where id = :id and owner_id = :owner""")
			.param("id", key)
			.param("owner", owner)
			.params(columns(input))
			.update() == 1;
	}

	/** Replaces whom the view is shared with, in one statement. */
	void share(long key, ViewInput input, List<Long> users) {
		this.jdbc.sql("delete from saved_view_share where view_id = :id").param("id", key).update();
		this.jdbc.sql("""
				insert into saved_view_share (view_id, role, level, user_id)
				select :id, r, null, cast(null as bigint) from unnest(cast(:roles as text[])) r
				union all select :id, null, l, null from unnest(cast(:levels as text[])) l
				union all select :id, null, null, u from unnest(cast(:users as bigint[])) u""")
			.param("id", key)
			.param("roles", input.roles().toArray(String[]::new))
			.param("levels", input.levels().toArray(String[]::new))
			.param("users", users.toArray(Long[]::new))
			.update();
	}

	/** The accounts among these that exist. */
	List<Long> existingUsers(Collection<Long> keys) {
		return keys.isEmpty() ? List.of()
				: this.jdbc.sql("select id from app_user where id in (:keys)")
					.param("keys", keys)
					.query(Long.class)
					.list();
	}

	boolean delete(long key, long owner) {
		return this.jdbc.sql("delete from saved_view where id = :id and owner_id = :owner")
			.param("id", key)
			.param("owner", owner)
			.update() == 1;
	}

	/** The villages in a scope, for telling which changes a live view hears. */
	List<Long> villagesIn(Scope scope) {
		return this.jdbc.sql("select v.id from village v where " + scope.villagePredicate("v.id"))
			.params(scope.parameters())
			.query(Long.class)
			.list();
	}

	/**
	 * Writes a built-in view as the service's list has it, new or changed, shared with
	 * its roles; its key names it across versions of the list.
	 */
	void putBuiltIn(String builtInKey, ViewInput input) {
		long key = this.jdbc.sql("""
				insert into saved_view (built_in_key, name, description, document, variables, chart, figure, measures)
				values (:key, :name, :description, :document, cast(:variables as jsonb), :chart, :figure,
				        cast(:measures as text[]))
				on conflict (built_in_key) do update set name = excluded.name, description = excluded.description,
				    document = excluded.document, variables = excluded.variables, chart = excluded.chart,
				    figure = excluded.figure, measures = excluded.measures,
				    updated_at = case when (saved_view.name, saved_view.description, saved_view.document,
				                            saved_view.variables, saved_view.chart, saved_view.figure,
				                            saved_view.measures)
				                           is not distinct from
				                           (excluded.name, excluded.description, excluded.document, excluded.variables,
				                            excluded.chart, excluded.figure, excluded.measures)
				                      then saved_view.updated_at else now() end
				returning id""").param("key", builtInKey).params(columns(input)).query(Long.class).single();
		share(key, input, List.of());
	}

	/** Removes the built-in views the service's list no longer has. */
	int removeBuiltInsExcept(Collection<String> builtInKeys) {
		return this.jdbc.sql("delete from saved_view where built_in_key is not null and built_in_key <> all(:keys)")
			.param("keys", builtInKeys.toArray(String[]::new))
			.update();
	}

	private Map<String, @Nullable Object> columns(ViewInput input) {
		Map<String, @Nullable Object> columns = new java.util.HashMap<>();
		columns.put("name", input.name());
		columns.put("description", input.description());
		columns.put("document", input.document());
		columns.put("variables", this.json.writeValueAsString(input.variables()));
		columns.put("chart", input.chart());
		columns.put("figure", (input.recipe() != null) ? input.recipe().figure() : null);
		columns.put("measures",
				(input.recipe() != null) ? input.recipe().measures().toArray(String[]::new) : new String[0]);
		return columns;
	}

	private SavedView view(ResultSet rs, Viewer viewer) throws SQLException {
		Long owner = rs.getObject("owner_id", Long.class);
		String figure = rs.getString("figure");
		SavedView.Recipe recipe = (figure != null)
				? new SavedView.Recipe(figure, List.of((String[]) rs.getArray("measures").getArray())) : null;
		return new SavedView(rs.getLong("id"), owner, rs.getString("owner_name"), rs.getString("name"),
				rs.getString("description"), rs.getString("document"),
				this.json.readValue(rs.getString("variables"), new TypeReference<Map<String, Object>>() {
				}), List.of((String[]) rs.getArray("roles").getArray()),
				List.of((String[]) rs.getArray("levels").getArray()),
				Arrays.asList((Long[]) rs.getArray("users").getArray()),
				rs.getObject("updated_at", java.time.OffsetDateTime.class), owner != null && owner == viewer.userKey(),
				rs.getString("chart"), recipe, rs.getString("built_in_key") != null);
	}

	/**
	 * Who asks: the account, its roles and its jurisdiction levels.
	 *
	 * @param userKey the account
	 * @param roles its roles
	 * @param levels its levels
	 */
	record Viewer(long userKey, List<String> roles, List<String> levels) {

		Map<String, Object> parameters() {
			return Map.of("user", this.userKey, "roles", String.join(",", this.roles), "levels",
					String.join(",", this.levels));
		}

	}

	/**
	 * A view as given to save.
	 *
	 * @param name its name
	 * @param description what it shows
	 * @param document the query
	 * @param variables the query's variables
	 * @param roles roles to share with
	 * @param levels levels to share with
	 * @param chart how it is drawn
	 * @param recipe what the view builder made it from, or null
	 */
	record ViewInput(String name, String description, String document, Map<String, Object> variables,
			List<String> roles, List<String> levels, String chart, SavedView.@Nullable Recipe recipe) {
	}

}
