package cn.ankang.bangfu.project;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.history.ClientChanges;
import cn.ankang.bangfu.history.Outcome;
import cn.ankang.bangfu.history.RecordPlaces;
import cn.ankang.bangfu.history.Refusals;
import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.jurisdiction.Place;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.shared.values.Amount;
import cn.ankang.bangfu.shared.values.ClientId;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.values.Money;
import cn.ankang.bangfu.shared.values.Text;
import cn.ankang.bangfu.shared.errors.UserError;
import cn.ankang.bangfu.unit.AssistanceUnit;
import cn.ankang.bangfu.unit.UnitService;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * A project's way through the pipeline (帮扶项目): a county enters it (入库) with the money
 * planned; it then moves, one recorded step at a time and never back, through approval,
 * implementation, completion and acceptance (验收) to the handover of its assets, which are
 * recorded at completion or acceptance.
 */
@Service
class ProjectPipeline {

	private final ProjectRepository projects;

	private final RecordPlaces places;

	private final UnitService units;

	private final ClientChanges changes;

	private final ProjectKeeping keeping;

	ProjectPipeline(ProjectRepository projects, RecordPlaces places, UnitService units, ClientChanges changes,
			ProjectKeeping keeping) {
		this.projects = projects;
		this.places = places;
		this.units = units;
		this.changes = changes;
		this.keeping = keeping;
	}

	/** Enters a project into the county's pipeline (入库). */
	@Transactional
	Outcome<Project> create(CreateInput input) {
		CurrentUser user = Auth.requireAny(ProjectKeeping.WHAT, Role.COUNTY_OFFICER, Role.ADMIN);
		List<UserError> errors = new ArrayList<>();
		if ((input.category() == Project.Category.INDUSTRY) != (input.industry() != null)) {
			errors.add(Refusals.invalid("An industry project names its industry, and only an industry project does.",
					"产业类项目须填写产业，其他类别不填。", "industry"));
		}
		if (input.year() > this.keeping.today().getYear() + 1) {
			errors.add(Refusals.invalid("The pipeline holds this year's and next year's projects.",
					"项目库只收录本年度和下一年度的项目。", "year"));
		}
		return this.changes.once("createProject", input.changeId(), input, errors, () -> {
			Outcome<RecordPlaces.Located> located = this.places.locate(input.countyCode(), input.townCode(),
					input.villageId(),
					Refusals.invalid("A project's village lies in the project's town.", "项目所在村须在所填镇内。", "villageId"));
			if (located.isRefused()) {
				return Outcome.refused(null, located.userErrors());
			}
			RecordPlaces.Located at = Objects.requireNonNull(located.value());
			if (!ProjectKeeping.mayKeep(user, at.place())) {
				return Outcome.refused(null, Refusals.outOfJurisdiction("county", "县区", "countyCode"));
			}
			Long unit = null;
			if (input.implementingUnitId() != null) {
				unit = GlobalId.numericKeyOf(input.implementingUnitId(), AssistanceUnit.TYPE)
					.filter((key) -> this.units.unitsByKeys(List.of(key)).containsKey(key))
					.orElse(null);
				if (unit == null) {
					return Outcome.refused(null, Refusals.notFound("assistance unit", "帮扶单位", "implementingUnitId"));
				}
			}
			Optional<UserError> day = Refusals.day(input.enteredOn(), this.keeping.today(),
					LocalDate.of(input.year() - 1, 1, 1), "enteredOn");
			if (day.isPresent()) {
				return Outcome.refused(null, day.get());
			}
			long key = this.projects.insertProject(new ProjectRepository.NewProject(input.name().strip(),
					input.category(), input.industry(), input.year(), at.county(), at.town(), at.village(), unit,
					input.beneficiaryHouseholds(), Money.fen(input.plannedAmount())));
			this.projects.insertStep(key, null, Project.Status.PIPELINE, input.enteredOn(), null,
					blankToNull(input.note()), user.userKey(), capacity(user, at.place(), null).name());
			return Outcome.done(this.keeping.project(key));
		}, Project::key, this.keeping::project);
	}

	/**
	 * Moves a project to its next status. Approval, acceptance and the handover name
	 * their document; the handover needs the assets recorded, and hands them all over.
	 */
	@Transactional
	Outcome<Project> advance(AdvanceInput input) {
		CurrentUser user = Auth.requireAny(ProjectKeeping.WHAT, Role.COUNTY_OFFICER, Role.UNIT_MANAGER, Role.ADMIN);
		return this.changes.once("advanceProject", input.changeId(), input, () -> {
			Project project = this.keeping.locked(input.projectId());
			if (project == null) {
				return Outcome.refused(null, Refusals.notFound("project", "项目", "projectId"));
			}
			Place place = this.keeping.placeOf(project);
			boolean progress = input.to().reportedByTheImplementingUnit();
			if (!ProjectKeeping.mayKeep(user, place) && !(progress && ProjectKeeping.implements_(user, project))) {
				return Outcome.refused(project, Refusals.outOfJurisdiction("project", "项目", "projectId"));
			}
			if (project.version() != input.baseVersion()) {
				return Outcome.refused(project, Refusals.stale(input.baseVersion(), project.version()));
			}
			Optional<Project.Status> next = project.status().next();
			if (next.isEmpty() || next.get() != input.to()) {
				return Outcome.refused(project, Refusals.invalidTransition(
						"A project that is %s moves on to %s, one step at a time and never back."
							.formatted(project.status(), next.map(Enum::name).orElse("nothing")),
						"项目当前为“%s”，只能按顺序推进到下一环节%s，不能跳过或退回。".formatted(ProjectKeeping.label(project.status()),
								next.map((status) -> "“" + ProjectKeeping.label(status) + "”").orElse("（已是最后环节）")),
						"to"));
			}
			if (input.to().namesItsDocument() && blankToNull(input.documentNumber()) == null) {
				return Outcome.refused(project,
						Refusals.invalid("Approval, acceptance and handover name their document (文号).",
								"批复、验收和资产移交须填写文号。", "documentNumber"));
			}
			LocalDate last = this.projects.lastStepOn(project.key());
			LocalDate notBefore = LocalDate.of(project.year(), 1, 1);
			if (last != null && last.isAfter(notBefore)) {
				notBefore = last;
			}
			Optional<UserError> day = Refusals.day(input.on(), this.keeping.today(), notBefore, "on");
			if (day.isPresent()) {
				return Outcome.refused(project, day.get());
			}
			if (input.to() == Project.Status.ASSETS_HANDED_OVER) {
				if (this.projects.countAssets(project.key()) == 0) {
					return Outcome.refused(project,
							Refusals.invalidTransition(
									"Record the assets the project created before handing them over.",
									"请先登记项目形成的资产，再办理移交。", "to"));
				}
				this.projects.handOverAssets(project.key(), input.on());
			}
			this.projects.insertStep(project.key(), project.status(), input.to(), input.on(),
					blankToNull(input.documentNumber()), blankToNull(input.note()), user.userKey(),
					capacity(user, place, project).name());
			this.projects.move(project.key(), input.to());
			return Outcome.done(this.keeping.project(project.key()));
		}, Project::key, this.keeping::project);
	}

	/** Records an asset the project created, at or after its completion. */
	@Transactional
	Outcome<ProjectAsset> recordAsset(AssetInput input) {
		CurrentUser user = Auth.requireAny(ProjectKeeping.WHAT, Role.COUNTY_OFFICER, Role.ADMIN);
		return this.changes.once("recordProjectAsset", input.changeId(), input, () -> {
			Project project = this.keeping.locked(input.projectId());
			if (project == null) {
				return Outcome.refused(null, Refusals.notFound("project", "项目", "projectId"));
			}
			if (!ProjectKeeping.mayKeep(user, this.keeping.placeOf(project))) {
				return Outcome.refused(null, Refusals.outOfJurisdiction("project", "项目", "projectId"));
			}
			if (!project.status().recordsAssets()) {
				return Outcome.refused(null, Refusals.invalidTransition(
						"Assets are recorded when the project is completed or accepted; this one is %s."
							.formatted(project.status()),
						"资产在项目竣工或验收时登记；该项目当前为“%s”。".formatted(ProjectKeeping.label(project.status())), "projectId"));
			}
			Optional<UserError> day = Refusals.day(input.recordedOn(), this.keeping.today(),
					LocalDate.of(project.year(), 1, 1), "recordedOn");
			if (day.isPresent()) {
				return Outcome.refused(null, day.get());
			}
			long key = this.projects.insertAsset(project.key(), input.name().strip(), input.kind(),
					Money.fen(input.value()), input.owner().strip(), input.maintenanceBody().strip(),
					input.recordedOn());
			this.projects.touch(project.key());
			return Outcome.done(asset(key));
		}, ProjectAsset::key, this::asset);
	}

	/** The capacity the user takes a step in, as the step records it. */
	private static Role capacity(CurrentUser user, Place place, @Nullable Project project) {
		if (user.covers(Role.COUNTY_OFFICER, place)) {
			return Role.COUNTY_OFFICER;
		}
		if (project != null && ProjectKeeping.implements_(user, project)) {
			return Role.UNIT_MANAGER;
		}
		return Role.ADMIN;
	}

	private @Nullable ProjectAsset asset(long key) {
		return this.projects.assetsByKeys(List.of(key)).stream().findFirst().orElse(null);
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	record CreateInput(@ClientId String changeId, @Text(min = 2, max = 100) String name, Project.Category category,
			Project.@Nullable Industry industry, @Min(2000) @Max(2100) int year, String countyCode,
			@Nullable String townCode, @Nullable String villageId, @Nullable String implementingUnitId,
			@Amount(max = ProjectKeeping.MAX_YUAN) BigDecimal plannedAmount, LocalDate enteredOn,
			@Min(0) @Max(100_000) @Nullable Integer beneficiaryHouseholds,
			@Text(max = 1000, lines = true) @Nullable String note) {
	}

	record AdvanceInput(@ClientId String changeId, String projectId, int baseVersion, Project.Status to, LocalDate on,
			@Text(max = 100) @Nullable String documentNumber, @Text(max = 1000, lines = true) @Nullable String note) {
	}

	record AssetInput(@ClientId String changeId, String projectId, @Text(max = 100) String name, ProjectAsset.Kind kind,
			@Amount(max = ProjectKeeping.MAX_YUAN) BigDecimal value, @Text(max = 100) String owner,
			@Text(max = 100) String maintenanceBody, LocalDate recordedOn) {
	}

}
