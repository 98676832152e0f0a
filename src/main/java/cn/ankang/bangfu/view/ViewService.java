package cn.ankang.bangfu.view;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import graphql.parser.InvalidSyntaxException;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.figure.FigureCatalog;
import cn.ankang.bangfu.security.audit.AuditTrail;
import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.errors.UserError;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Saved views: who may see them, saving one only when its document is a query that runs
 * within the limits, and running one as the runner.
 */
@Service
public class ViewService {

	/** Named users a view may be shared with; more is a role's or a level's work. */
	static final int MAX_SHARED_USERS = 100;

	private final ViewRepository repository;

	private final ViewRunner runner;

	private final TransactionTemplate readOnly;

	private final TransactionTemplate writing;

	private final Clock clock;

	private final FigureCatalog catalog;

	private final ViewTables tables;

	ViewService(ViewRepository repository, ViewRunner runner, ViewTables tables,
			PlatformTransactionManager transactions, Clock clock, FigureCatalog catalog) {
		this.repository = repository;
		this.catalog = catalog;
		this.runner = runner;
		this.tables = tables;
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
		this.writing = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	List<SavedView> visible() {
		ViewRepository.Viewer viewer = viewer();
		return this.readOnly.execute((status) -> this.repository.visible(viewer));
	}

	Map<Long, SavedView> visible(java.util.Collection<Long> keys) {
		ViewRepository.Viewer viewer = viewer();
		return this.readOnly.execute((status) -> this.repository.visible(viewer, keys));
	}

	/**
	 * Runs a view the user may see, with their variables over its own. A figure's keys
	 * come with their dimension, value and label, for the table.
	 * @throws ApiException {@code NOT_FOUND} for a view the user may not see
	 */
	Run run(String id, @Nullable Map<String, Object> variables, Locale locale, AuditTrail trail, boolean fresh) {
		SavedView view = visibleView(id);
		Map<String, Object> merged = merged(view, variables);
		TablePlan plan = planOrNull(view.document(), merged);
		// outside any transaction of ours: the view's own fields open theirs, as the
		// runner
		ViewRunner.Result result = this.runner.run((plan != null) ? plan.document() : view.document(), merged, locale,
				trail, fresh);
		return new Run(view, result.data(), result.errors(), OffsetDateTime.now(this.clock), plan);
	}

	/** The table of a view as run: its rows as run, a connection's one page. */
	ViewTable table(Run run) {
		return (run.plan() != null) ? run.plan().table(run.data()) : new ViewTable(List.of(), List.of());
	}

	/**
	 * A saved view to download, its first page run as the signed-in user.
	 * @throws ApiException {@code NOT_FOUND} for a view the user may not see,
	 * {@code EXPORT_NOT_PAGEABLE} for one whose list cannot be paged through,
	 * {@code INVALID_ARGUMENT} when it fails
	 */
	public ViewExport exportView(String id, Locale locale, AuditTrail trail) {
		SavedView view = visibleView(id);
		Map<String, Object> variables = merged(view, null);
		return export(view.name(), true, plan(view.document(), variables), variables, locale, trail);
	}

	/**
	 * A query's data to download, its first page run as the signed-in user.
	 * @throws ApiException {@code INVALID_ARGUMENT} for a document that is not one query,
	 * or that fails, {@code EXPORT_NOT_PAGEABLE} for one whose list cannot be paged
	 * through
	 */
	public ViewExport exportQuery(String document, @Nullable Map<String, Object> variables, Locale locale,
			AuditTrail trail) {
		String problem = ViewDocumentChecks.queryProblem(document);
		if (problem != null) {
			throw ApiException.invalidArgument(problem);
		}
		Map<String, Object> given = (variables != null) ? variables : Map.of();
		TablePlan plan = plan(document, given);
		return export(this.tables.title(plan), false, plan, given, locale, trail);
	}

	private ViewExport export(String title, boolean ofView, TablePlan plan, Map<String, Object> variables,
			Locale locale, AuditTrail trail) {
		if (plan.notPageable() != null) {
			// refused before anything is written: a download that stopped at a page would
			// pass for the whole list
			throw new ApiException(cn.ankang.bangfu.shared.errors.ErrorCode.EXPORT_NOT_PAGEABLE, plan.notPageable()
					+ " Ask for the list itself (with a filter instead of the list around it), or for a figure.");
		}
		return new ViewExport(this.runner, plan, variables, locale, trail, title, ofView).start();
	}

	private TablePlan plan(String document, Map<String, Object> variables) {
		try {
			return this.tables.plan(document, variables);
		}
		catch (InvalidSyntaxException | IllegalArgumentException ex) {
			throw ApiException.invalidArgument("The query cannot be read: " + ex.getMessage());
		}
	}

	private @Nullable TablePlan planOrNull(String document, Map<String, Object> variables) {
		try {
			return this.tables.plan(document, variables);
		}
		catch (RuntimeException ex) {
			// the run says what is wrong with the document
			return null;
		}
	}

	private SavedView visibleView(String id) {
		long key = GlobalId.decodeNumeric(id, SavedView.TYPE);
		return Optional.ofNullable(visible(List.of(key)).get(key))
			.orElseThrow(() -> new ApiException(cn.ankang.bangfu.shared.errors.ErrorCode.NOT_FOUND,
					"There is no such view you may run."));
	}

	private static Map<String, Object> merged(SavedView view, @Nullable Map<String, Object> variables) {
		Map<String, Object> merged = new HashMap<>(view.variables());
		if (variables != null) {
			merged.putAll(variables);
		}
		return merged;
	}

	/**
	 * Saves a view, new or changed, after running its document once as its owner.
	 */
	SavePayload save(SaveViewInput input, Locale locale, AuditTrail trail) {
		CurrentUser user = Auth.require();
		List<UserError> errors = new ArrayList<>();
		String name = (input.name() != null) ? input.name().strip() : "";
		if (name.isEmpty() || name.length() > 100) {
			errors.add(UserError.of("INVALID_INPUT", "Name the view in 1 to 100 characters.", "input", "name"));
		}
		String description = (input.description() != null) ? input.description() : "";
		if (description.length() > 2000) {
			errors.add(UserError.of("INVALID_INPUT", "A description has at most 2,000 characters.", "input",
					"description"));
		}
		Map<String, Object> variables = (input.variables() != null) ? input.variables() : Map.of();
		String problem = ViewDocumentChecks.queryProblem(input.document());
		if (problem != null) {
			errors.add(UserError.of("INVALID_INPUT", problem, "input", "document"));
		}
		SavedView.Recipe recipe = null;
		if (input.recipe() != null && problem == null) {
			recipe = new SavedView.Recipe(input.recipe().figure(), (input.recipe().measures() != null)
					? List.copyOf(new LinkedHashSet<>(input.recipe().measures())) : List.of());
			String mismatch = ViewDocumentChecks.recipeProblem(this.catalog, recipe, input.document());
			if (mismatch != null) {
				errors.add(UserError.of("INVALID_INPUT", mismatch, "input", "recipe"));
			}
		}
		Long key = null;
		if (input.id() != null) {
			key = idOf(input.id());
			if (key == null) {
				errors.add(UserError.of("NOT_FOUND", "There is no such view of yours.", "input", "id"));
			}
		}
		List<Long> users = new ArrayList<>();
		if (input.sharedWithUserIds() != null && input.sharedWithUserIds().size() > MAX_SHARED_USERS) {
			errors.add(UserError.of("INVALID_INPUT",
					"A view is shared with at most %d named users; share it with a role or level instead."
						.formatted(MAX_SHARED_USERS),
					"input", "sharedWithUserIds"));
		}
		for (String userId : (input.sharedWithUserIds() != null) ? input.sharedWithUserIds() : List.<String>of()) {
			try {
				users.add(GlobalId.decodeNumeric(userId, "User"));
			}
			catch (ApiException ex) {
				errors.add(UserError.of("INVALID_INPUT", "'%s' is not a user's id.".formatted(userId), "input",
						"sharedWithUserIds"));
			}
		}
		if (!errors.isEmpty()) {
			return SavePayload.refused(errors);
		}
		// the same engine, limits and fields as any request: a view that fails now is
		// refused
		ViewRunner.Result tried = this.runner.run(input.document(), variables, locale, trail, false);
		if (!tried.errors().isEmpty()) {
			return SavePayload.refused(List.of(UserError.of("INVALID_INPUT",
					"The query fails when run: " + tried.firstError(), "input", "document")));
		}
		ViewRepository.ViewInput view = new ViewRepository.ViewInput(name, description, input.document(), variables,
				distinct(input.sharedWithRoles()), distinct(input.sharedWithLevels()),
				(input.chart() != null) ? input.chart() : "BAR", recipe);
		Long existing = key;
		return this.writing.execute((status) -> {
			Set<Long> wanted = new LinkedHashSet<>(users);
			List<Long> known = this.repository.existingUsers(wanted);
			if (known.size() != wanted.size()) {
				return SavePayload.refused(List.of(UserError.of("NOT_FOUND", "There is no such user to share with.",
						"input", "sharedWithUserIds")));
			}
			if (this.repository.nameTaken(user.userKey(), name, existing)) {
				return SavePayload.refused(List
					.of(UserError.of("INVALID_INPUT", "You have a view with that name already.", "input", "name")));
			}
			long saved;
			if (existing == null) {
				saved = this.repository.insert(user.userKey(), view);
			}
			else if (this.repository.update(existing, user.userKey(), view)) {
				saved = existing;
			}
			else {
				return SavePayload
					.refused(List.of(UserError.of("NOT_FOUND", "There is no such view of yours.", "input", "id")));
			}
			this.repository.share(saved, view, known);
			return new SavePayload(this.repository.visible(viewer(), List.of(saved)).get(saved), List.of());
		});
	}

	DeletePayload delete(String id) {
		CurrentUser user = Auth.require();
		Long key = idOf(id);
		boolean deleted = key != null
				&& Boolean.TRUE.equals(this.writing.execute((status) -> this.repository.delete(key, user.userKey())));
		return deleted ? new DeletePayload(id, List.of())
				: new DeletePayload(null, List.of(UserError.of("NOT_FOUND", "There is no such view of yours.", "id")));
	}

	private static @Nullable Long idOf(String id) {
		try {
			return GlobalId.decodeNumeric(id, SavedView.TYPE);
		}
		catch (ApiException ex) {
			return null;
		}
	}

	private static List<String> distinct(@Nullable List<String> values) {
		return (values != null) ? List.copyOf(new LinkedHashSet<>(values)) : List.of();
	}

	private static ViewRepository.Viewer viewer() {
		CurrentUser user = Auth.require();
		List<String> roles = user.grants().stream().map((grant) -> grant.role().name()).distinct().toList();
		List<String> levels = new ArrayList<>();
		if (user.has(Role.CITY_LEADER)) {
			levels.add("CITY");
		}
		if (user.has(Role.COUNTY_OFFICER)) {
			levels.add("COUNTY");
		}
		if (user.has(Role.TOWN_OFFICER)) {
			levels.add("TOWN");
		}
		if (user.has(Role.FIRST_SECRETARY) || user.has(Role.TEAM_MEMBER)) {
			levels.add("VILLAGE");
		}
		return new ViewRepository.Viewer(user.userKey(), roles, levels);
	}

	/**
	 * A view as a client sends it to save.
	 *
	 * @param id the view to change
	 * @param name its name
	 * @param description what it shows
	 * @param document the query
	 * @param variables the query's variables
	 * @param sharedWithRoles roles to share with
	 * @param sharedWithLevels levels to share with
	 * @param sharedWithUserIds users to share with
	 * @param chart how it is drawn
	 * @param recipe what the view builder made it from
	 */
	record SaveViewInput(@Nullable String id, @Nullable String name, @Nullable String description,
			@Nullable String document, @Nullable Map<String, Object> variables, @Nullable List<String> sharedWithRoles,
			@Nullable List<String> sharedWithLevels, @Nullable List<String> sharedWithUserIds, @Nullable String chart,
			@Nullable RecipeInput recipe) {
	}

	/**
	 * What the view builder made a view from.
	 *
	 * @param figure the figure's query field
	 * @param measures the numbers it shows
	 */
	record RecipeInput(String figure, @Nullable List<String> measures) {
	}

	record SavePayload(@Nullable SavedView view, List<UserError> userErrors) {

		static SavePayload refused(List<UserError> errors) {
			return new SavePayload(null, errors);
		}

	}

	record DeletePayload(@Nullable String deletedViewId, List<UserError> userErrors) {
	}

	/**
	 * A view as run.
	 *
	 * @param view the view
	 * @param data its data
	 * @param errors its errors
	 * @param asOf when it ran
	 * @param plan how its data makes a table; null for a document that cannot be read
	 */
	record Run(SavedView view, @Nullable Object data, List<Map<String, Object>> errors, OffsetDateTime asOf,
			@Nullable TablePlan plan) {
	}

}
