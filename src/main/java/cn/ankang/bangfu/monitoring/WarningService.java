package cn.ankang.bangfu.monitoring;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.household.Household;
import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.security.RoleGrant;
import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.relay.Connection;
import cn.ankang.bangfu.shared.relay.PageRequest;
import cn.ankang.bangfu.shared.errors.UserError;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Departments' risk warnings: imported in all-or-nothing batches, de-duplicated, matched
 * to households by ID number and turned into cases and tasks; the unmatched ones resolved
 * by town officers.
 */
@Service
class WarningService {

	/** The most rows one import takes. */
	static final int MAX_ROWS = 5_000;

	private static final Pattern ID_NUMBER = Pattern.compile("[0-9]{17}[0-9X]");

	private static final BigDecimal MAX_AMOUNT = BigDecimal.valueOf(100_000_000);

	private final WarningRepository warnings;

	private final TaskRepository tasks;

	private final TaskListRepository taskLists;

	private final CaseHouseholdRepository caseHouseholds;

	private final WarningIntake intake;

	private final Jurisdiction jurisdiction;

	private final MonitoringProperties properties;

	private final Clock clock;

	WarningService(WarningRepository warnings, TaskRepository tasks, TaskListRepository taskLists,
			CaseHouseholdRepository caseHouseholds, WarningIntake intake, Jurisdiction jurisdiction,
			MonitoringProperties properties, Clock clock) {
		this.warnings = warnings;
		this.tasks = tasks;
		this.taskLists = taskLists;
		this.caseHouseholds = caseHouseholds;
		this.intake = intake;
		this.jurisdiction = jurisdiction;
		this.properties = properties;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	Map<Long, RiskWarning> warningsByKeys(Collection<Long> keys) {
		return this.warnings.warningsByKeys(keys, this.jurisdiction.forQueries());
	}

	@Transactional(readOnly = true)
	Connection<RiskWarning> warnings(RiskWarning.@Nullable Status status, PageRequest page, boolean count) {
		Auth.require();
		Scope scope = this.jurisdiction.forQueries();
		List<RiskWarning> rows = this.warnings.warnings(status, page, scope);
		int total = count ? this.warnings.countWarnings(status, scope) : 0;
		return Connection.of(rows, page, (w) -> PageRequest.cursor(WarningRepository.WARNINGS, w.receivedAt(), w.key()),
				total);
	}

	/**
	 * Imports a batch: every row checked first, and nothing stored unless all are
	 * acceptable.
	 * @param rows the rows, with the errors found while reading them (a CSV file's
	 * unreadable values)
	 * @throws ApiException {@code FORBIDDEN} for users other than admins and county
	 * officers
	 */
	@Transactional
	ImportPayload importWarnings(List<Row> rows, List<RowError> readErrors) {
		CurrentUser user = Auth.require();
		Role role = user.has(Role.ADMIN) ? Role.ADMIN : user.has(Role.COUNTY_OFFICER) ? Role.COUNTY_OFFICER : null;
		if (role == null) {
			throw ApiException.forbidden("Warnings are imported by administrators and county officers.");
		}
		if (rows.isEmpty() && readErrors.isEmpty()) {
			return ImportPayload
				.refused(UserError.of("INVALID_INPUT", "The batch holds no warnings.", "input", "warnings"));
		}
		if (rows.size() > MAX_ROWS) {
			return ImportPayload.refused(UserError.of("INVALID_INPUT",
					"A batch holds at most %d warnings; this one holds %d.".formatted(MAX_ROWS, rows.size()), "input",
					"warnings"));
		}
		Set<Long> counties = new HashSet<>(user.grants()
			.stream()
			.filter((g) -> g.role() == Role.COUNTY_OFFICER)
			.map(RoleGrant::countyKey)
			.toList());
		Map<String, WarningRepository.Place> villages = this.warnings
			.villagesByCodes(rows.stream().map(Row::villageCode).filter(java.util.Objects::nonNull).toList());
		Map<String, WarningRepository.Place> towns = this.warnings
			.townsByCodes(rows.stream().map(Row::townCode).filter(java.util.Objects::nonNull).toList());
		List<RowError> errors = new ArrayList<>(readErrors);
		Map<Integer, WarningRepository.Place> places = new LinkedHashMap<>();
		for (Row row : rows) {
			validate(row, errors);
			WarningRepository.Place place = null;
			if (row.villageCode() != null) {
				place = villages.get(row.villageCode());
				if (place == null) {
					errors.add(
							new RowError(row.row(), "villageCode", "NOT_FOUND", "There is no village with this code."));
				}
			}
			else if (row.townCode() != null) {
				place = towns.get(row.townCode());
				if (place == null) {
					errors.add(new RowError(row.row(), "townCode", "NOT_FOUND", "There is no town with this code."));
				}
			}
			if (place != null && role == Role.COUNTY_OFFICER && !counties.contains(place.county())) {
				errors.add(new RowError(row.row(), (row.villageCode() != null) ? "villageCode" : "townCode",
						"INVALID_INPUT", "This place lies outside your county."));
			}
			if (place != null) {
				places.put(row.row(), place);
			}
		}
		if (!errors.isEmpty()) {
			errors.sort(java.util.Comparator.comparingInt(RowError::row));
			return new ImportPayload(0, 0, 0, 0, 0, errors, List.of());
		}
		// the same warning twice in one batch is one warning
		Map<String, Row> unique = new LinkedHashMap<>();
		Map<String, Integer> times = new HashMap<>();
		int merged = 0;
		for (Row row : rows) {
			if (unique.putIfAbsent(row.key(), row) != null) {
				merged++;
			}
			times.merge(row.key(), 1, Integer::sum);
		}
		Scope scope = this.jurisdiction.current();
		Map<String, CaseHouseholdRepository.Area> households = this.warnings
			.householdsByIdNumbers(unique.values().stream().map(Row::idNumber).distinct().toList(), scope);
		// an unmatched warning that names no place waits in the importing officer's
		// county
		Long ownCounty = (role == Role.COUNTY_OFFICER) ? counties.stream().min(Long::compare).orElse(null) : null;
		List<WarningRepository.NewWarning> toStore = new ArrayList<>();
		for (Row row : unique.values()) {
			CaseHouseholdRepository.Area household = households.get(row.idNumber());
			WarningRepository.Place place = places.get(row.row());
			toStore.add((household != null)
					? new WarningRepository.NewWarning(row, times.get(row.key()), household.household(),
							household.village(), household.town(), household.county())
					: new WarningRepository.NewWarning(row, times.get(row.key()), null,
							(place != null) ? place.village() : null, (place != null) ? place.town() : null,
							(place != null) ? Long.valueOf(place.county()) : ownCounty));
		}
		List<WarningRepository.@Nullable Stored> stored = this.warnings.storeAll(toStore, user.userKey());
		int matched = 0;
		int unmatched = 0;
		Map<Long, WarningIntake.Incoming> byHousehold = new LinkedHashMap<>();
		List<TaskRepository.NewTask> matching = new ArrayList<>();
		LocalDate due = LocalDate.now(this.clock).plusDays(this.properties.daysFor(Task.Kind.MATCH_WARNING));
		for (int i = 0; i < toStore.size(); i++) {
			WarningRepository.NewWarning warning = toStore.get(i);
			WarningRepository.Stored one = stored.get(i);
			if (one == null || !one.inserted()) {
				// received before: here, or by another area, which is all the importer
				// learns of it
				merged++;
				continue;
			}
			long key = one.key();
			if (warning.household() != null) {
				matched++;
				CaseHouseholdRepository.Area area = households.get(warning.row().idNumber());
				WarningIntake.Incoming in = byHousehold.computeIfAbsent(area.household(),
						(k) -> new WarningIntake.Incoming(area, new ArrayList<>(), new ArrayList<>(),
								warning.row().source().strip()));
				in.warningKeys().add(key);
				in.kinds().add(warning.row().kind());
			}
			else {
				unmatched++;
				Task.Assignee assignee = (warning.town() != null) ? Task.Assignee.TOWN_OFFICER
						: (warning.county() != null) ? Task.Assignee.COUNTY_OFFICER : Task.Assignee.ADMIN;
				matching.add(new TaskRepository.NewTask(Task.Kind.MATCH_WARNING, assignee, null, key, null, null,
						warning.town(), warning.county(), due));
			}
		}
		this.tasks.createAll(matching);
		WarningIntake.Received received = this.intake.receive(List.copyOf(byHousehold.values()), user, role);
		int casesOpened = received.casesOpened();
		int tasksCreated = matching.size() + received.tasks().size();
		return new ImportPayload(matched, unmatched, merged, casesOpened, tasksCreated, List.of(), List.of());
	}

	/**
	 * Which of these rows' warnings are on record already (a resend, merged on import).
	 */
	Set<String> knownWarnings(List<Row> rows) {
		Set<String> keys = this.warnings
			.keysOf(rows.stream().map(Row::idNumber).filter(java.util.Objects::nonNull).toList());
		keys.retainAll(rows.stream().map(Row::key).toList());
		return keys;
	}

	private void validate(Row row, List<RowError> errors) {
		LocalDate today = LocalDate.now(this.clock);
		if (row.idNumber() == null || !ID_NUMBER.matcher(row.idNumber()).matches()) {
			errors.add(new RowError(row.row(), "idNumber", "INVALID_INPUT",
					"An ID number has 18 characters: 17 digits, then a digit or X."));
		}
		if (row.personName() == null || row.personName().isBlank() || row.personName().strip().length() > 50) {
			errors.add(new RowError(row.row(), "personName", "INVALID_INPUT",
					"Give the person's name, 1 to 50 characters."));
		}
		if (row.kind() == null || row.kind() == RiskWarning.Kind.HEALTH_WITHHELD) {
			errors.add(new RowError(row.row(), "kind", "INVALID_INPUT",
					"The kind is one of MEDICAL_EXPENSE, DISABILITY, EDUCATION, DISASTER, EMPLOYMENT, OTHER."));
		}
		if (row.source() == null || row.source().isBlank() || row.source().strip().length() > 100) {
			errors.add(new RowError(row.row(), "source", "INVALID_INPUT",
					"Name the department that sends it, 1 to 100 characters."));
		}
		if (row.occurredOn() == null || row.occurredOn().isAfter(today)
				|| row.occurredOn().isBefore(LocalDate.of(2000, 1, 1))) {
			errors.add(new RowError(row.row(), "occurredOn", "INVALID_INPUT",
					"The date is between 2000-01-01 and today, as YYYY-MM-DD."));
		}
		if (row.amount() != null
				&& (row.amount().signum() < 0 || row.amount().compareTo(MAX_AMOUNT) > 0 || row.amount().scale() > 2)) {
			errors.add(new RowError(row.row(), "amount", "INVALID_INPUT",
					"An amount lies between 0 and 100,000,000 yuan, to the fen."));
		}
		if (row.detail() != null && (row.detail().length() > 1000 || row.detail().indexOf('\0') >= 0)) {
			errors.add(new RowError(row.row(), "detail", "INVALID_INPUT", "The detail is at most 1,000 characters."));
		}
		for (String text : new String[] { row.idNumber(), row.personName(), row.source() }) {
			if (text != null && text.indexOf('\0') >= 0) {
				errors.add(new RowError(row.row(), "row", "INVALID_INPUT", "The row holds a NUL character."));
				break;
			}
		}
	}

	/**
	 * Resolves an unmatched warning: matched to a household (which gets its task), or
	 * dismissed.
	 * @throws ApiException {@code FORBIDDEN} for users other than the officers of the
	 * warning's town or county (admins for warnings without either)
	 */
	@Transactional
	ResolvePayload resolve(ResolveInput input) {
		CurrentUser user = Auth.require();
		List<UserError> errors = new ArrayList<>();
		Long key = WorkflowInputs.numericId(input.warningId(), RiskWarning.TYPE);
		if (key == null) {
			errors.add(UserError.of("INVALID_INPUT", "'warningId' is not a warning's id.", "input", "warningId"));
		}
		if ((input.householdId() == null) == (input.dismissReason() == null)) {
			errors
				.add(UserError.of("INVALID_INPUT", "Give either the household or the reason for dismissing.", "input"));
		}
		if (input.dismissReason() != null) {
			WorkflowInputs.text(input.dismissReason(), 2, 500, errors, "dismissReason");
		}
		Long household = (input.householdId() != null) ? WorkflowInputs.numericId(input.householdId(), Household.TYPE)
				: null;
		if (input.householdId() != null && household == null) {
			errors.add(UserError.of("INVALID_INPUT", "'householdId' is not a household's id.", "input", "householdId"));
		}
		if (!errors.isEmpty()) {
			return new ResolvePayload(null, null, errors);
		}
		Scope scope = this.jurisdiction.current();
		WarningRepository.Locked locked = this.warnings.lock(key, scope).orElse(null);
		if (locked == null) {
			return new ResolvePayload(null, null,
					List.of(UserError.of("NOT_FOUND", "There is no such warning.", "input", "warningId")));
		}
		RiskWarning warning = locked.warning();
		Long county = (locked.county() != null) ? locked.county() : null;
		Optional<Role> role = (locked.town() == null && county == null)
				? Actors.capacity(user, Task.Assignee.ADMIN, false, null, null)
				: Actors.capacity(user, Task.Assignee.TOWN_OFFICER, false, locked.town(), county)
					.or(() -> Actors.capacity(user, Task.Assignee.COUNTY_OFFICER, false, locked.town(), county));
		if (role.isEmpty()) {
			throw ApiException.forbidden("Unmatched warnings are resolved by the officers of their town or county.");
		}
		if (warning.status() != RiskWarning.Status.UNMATCHED) {
			boolean same = (household != null && household.equals(warning.householdKey()))
					|| (input.dismissReason() != null && input.dismissReason().strip().equals(warning.dismissReason()));
			return new ResolvePayload(warning, null, same ? List.of() : List.of(UserError.of("INVALID_TRANSITION",
					"The warning was resolved already: it is %s.".formatted(warning.status()), "input", "warningId")));
		}
		if (household == null) {
			this.warnings.dismiss(warning.key(), input.dismissReason().strip());
			this.tasks.closeForWarning(warning.key(), user.userKey());
			return new ResolvePayload(reload(warning.key()), null, List.of());
		}
		CaseHouseholdRepository.Area area = this.caseHouseholds.areaOf(household, null, LocalDate.now(this.clock))
			.orElse(null);
		if (area == null) {
			return new ResolvePayload(warning, null,
					List.of(UserError.of("NOT_FOUND", "There is no such household.", "input", "householdId")));
		}
		this.warnings.match(warning.key(), area);
		this.tasks.closeForWarning(warning.key(), user.userKey());
		WarningIntake.Received received = this.intake.receive(List
			.of(new WarningIntake.Incoming(area, List.of(warning.key()), List.of(warning.kind()), warning.source())),
				user, role.get());
		Long taskKey = received.tasks().get(area.household());
		Task task = (taskKey != null) ? this.taskLists.tasksByKeys(List.of(taskKey), scope).get(taskKey) : null;
		return new ResolvePayload(reload(warning.key()), task, List.of());
	}

	private RiskWarning reload(long key) {
		return this.warnings.warningsByKeys(List.of(key), this.jurisdiction.current()).get(key);
	}

	/**
	 * One warning of an import, as read; what could not be read is null and reported
	 * separately.
	 *
	 * @param row its position, from 1
	 */
	record Row(int row, @Nullable String idNumber, @Nullable String personName, RiskWarning.@Nullable Kind kind,
			@Nullable String source, @Nullable LocalDate occurredOn, @Nullable BigDecimal amount,
			@Nullable String detail, @Nullable String villageCode, @Nullable String townCode) {

		/** What makes two rows the same warning. */
		String key() {
			return String.valueOf(this.source).strip() + "|" + this.idNumber + "|" + this.kind + "|" + this.occurredOn;
		}

		@Nullable Long amountFen() {
			return (this.amount != null) ? this.amount.movePointRight(2).longValueExact() : null;
		}

	}

	/**
	 * A row that is not acceptable.
	 *
	 * @param row its position, from 1
	 * @param column the column at fault
	 * @param code what is wrong, for programs
	 * @param message what is wrong, for people
	 */
	record RowError(int row, String column, String code, String message) {
	}

	record ImportPayload(int matched, int unmatched, int merged, int casesOpened, int tasksCreated,
			List<RowError> rowErrors, List<UserError> userErrors) {

		static ImportPayload refused(UserError error) {
			return new ImportPayload(0, 0, 0, 0, 0, List.of(), List.of(error));
		}

	}

	record ResolveInput(String warningId, @Nullable String householdId, @Nullable String dismissReason) {
	}

	record ResolvePayload(@Nullable RiskWarning warning, @Nullable Task task, List<UserError> userErrors) {
	}

}
