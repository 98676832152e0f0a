package cn.ankang.bangfu.project;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.geo.County;
import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.geo.Town;
import cn.ankang.bangfu.history.ClientChanges;
import cn.ankang.bangfu.history.Outcome;
import cn.ankang.bangfu.history.Refusals;
import cn.ankang.bangfu.household.Household;
import cn.ankang.bangfu.household.HouseholdService;
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

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * Keeps projects (帮扶项目): a county enters a project into its pipeline (入库) with the money
 * planned; the project then moves, one recorded step at a time and never back, through
 * approval, implementation, completion and acceptance (验收) to the handover of its assets;
 * money is allocated per source by documents and spent against vouchers, never beyond
 * what a source allocated; the households it benefits are linked, and the assets it
 * created recorded at acceptance.
 * <p>
 * Who may: admins; county officers for the projects of their county; the implementing
 * unit's managers for the progress they report (starting and completing the work, the
 * money they spend).
 */
@Service
class ProjectRecords {

	private static final String WHAT = "Keeping projects";

	/** The most a project plans or a source allocates: ten billion yuan. */
	static final long MAX_YUAN = 10_000_000_000L;

	private final ProjectRepository projects;

	private final GeoService geo;

	private final UnitService units;

	private final HouseholdService households;

	private final ClientChanges changes;

	private final Clock clock;

	ProjectRecords(ProjectRepository projects, GeoService geo, UnitService units, HouseholdService households,
			ClientChanges changes, Clock clock) {
		this.projects = projects;
		this.geo = geo;
		this.units = units;
		this.households = households;
		this.changes = changes;
		this.clock = clock;
	}

	/** Enters a project into the county's pipeline (入库). */
	@Transactional
	Outcome<Project> create(CreateInput input) {
		CurrentUser user = Auth.requireAny(WHAT, Role.COUNTY_OFFICER, Role.ADMIN);
		List<UserError> errors = new ArrayList<>();
		if ((input.category() == Project.Category.INDUSTRY) != (input.industry() != null)) {
			errors.add(Refusals.invalid("An industry project names its industry, and only an industry project does.",
					"产业类项目须填写产业，其他类别不填。", "industry"));
		}
		if (input.year() > today().getYear() + 1) {
			errors.add(Refusals.invalid("The pipeline holds this year's and next year's projects.",
					"项目库只收录本年度和下一年度的项目。", "year"));
		}
		return this.changes.once("createProject", input.changeId(), input, errors, () -> {
			Optional<County> county = this.geo.county(input.countyCode());
			if (county.isEmpty()) {
				return Outcome.refused(null, Refusals.notFound("county", "县区", "countyCode"));
			}
			Place place = this.geo.placeOfCounty(county.get().key()).orElseThrow();
			Long town = null;
			Long village = null;
			if (input.townCode() != null) {
				Optional<Town> found = this.geo.town(input.townCode());
				if (found.isEmpty()) {
					return Outcome.refused(null, Refusals.notFound("town", "镇", "townCode"));
				}
				if (found.get().countyKey() != county.get().key()) {
					return Outcome.refused(null,
							Refusals.invalid("The town lies in another county.", "该镇不在所填县区。", "townCode"));
				}
				town = found.get().key();
				place = this.geo.placeOfTown(town).orElseThrow();
			}
			if (input.villageId() != null) {
				Optional<Place> found = GlobalId.numericKeyOf(input.villageId(), "Village")
					.flatMap(this.geo::placeOfVillage);
				if (found.isEmpty()) {
					return Outcome.refused(null, Refusals.notFound("village", "村", "villageId"));
				}
				if (town == null || !town.equals(found.get().townKey())) {
					return Outcome.refused(null, Refusals.invalid("A project's village lies in the project's town.",
							"项目所在村须在所填镇内。", "villageId"));
				}
				village = found.get().villageKey();
				place = found.get();
			}
			if (!mayKeep(user, place)) {
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
			Optional<UserError> day = Refusals.day(input.enteredOn(), today(), LocalDate.of(input.year() - 1, 1, 1),
					"enteredOn");
			if (day.isPresent()) {
				return Outcome.refused(null, day.get());
			}
			long key = this.projects.insertProject(new ProjectRepository.NewProject(input.name().strip(),
					input.category(), input.industry(), input.year(), county.get().key(), town, village, unit,
					input.beneficiaryHouseholds(), Money.fen(input.plannedAmount())));
			this.projects.insertStep(key, null, Project.Status.PIPELINE, input.enteredOn(), null,
					blankToNull(input.note()), user.userKey(), capacity(user, place, null).name());
			return Outcome.done(project(key));
		}, Project::key, this::project);
	}

	/**
	 * Moves a project to its next status. Approval, acceptance and the handover name
	 * their document; the handover needs the assets recorded, and hands them all over.
	 */
	@Transactional
	Outcome<Project> advance(AdvanceInput input) {
		CurrentUser user = Auth.requireAny(WHAT, Role.COUNTY_OFFICER, Role.UNIT_MANAGER, Role.ADMIN);
		return this.changes.once("advanceProject", input.changeId(), input, () -> {
			Project project = locked(input.projectId());
			if (project == null) {
				return Outcome.refused(null, Refusals.notFound("project", "项目", "projectId"));
			}
			Place place = placeOf(project);
			boolean progress = input.to().reportedByTheImplementingUnit();
			if (!mayKeep(user, place) && !(progress && implements_(user, project))) {
				return Outcome.refused(project, Refusals.outOfJurisdiction("project", "项目", "projectId"));
			}
			if (project.version() != input.baseVersion()) {
				return Outcome.refused(project, Refusals.stale(input.baseVersion(), project.version()));
			}
			Optional<Project.Status> next = project.status().next();
			if (next.isEmpty() || next.get() != input.to()) {
				return Outcome.refused(project,
						Refusals.invalidTransition(
								"A project that is %s moves on to %s, one step at a time and never back."
									.formatted(project.status(), next.map(Enum::name).orElse("nothing")),
								"项目当前为“%s”，只能按顺序推进到下一环节%s，不能跳过或退回。".formatted(label(project.status()),
										next.map((status) -> "“" + label(status) + "”").orElse("（已是最后环节）")),
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
			Optional<UserError> day = Refusals.day(input.on(), today(), notBefore, "on");
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
			return Outcome.done(project(project.key()));
		}, Project::key, this::project);
	}

	/**
	 * Allocates a source's money to a project by a document (资金下达), or changes that
	 * allocation; never below what was spent from it.
	 */
	@Transactional
	Outcome<Project> allocate(AllocateInput input) {
		CurrentUser user = Auth.requireAny(WHAT, Role.COUNTY_OFFICER, Role.ADMIN);
		return this.changes.once("allocateProjectFunds", input.changeId(), input, () -> {
			Project project = locked(input.projectId());
			if (project == null) {
				return Outcome.refused(null, Refusals.notFound("project", "项目", "projectId"));
			}
			if (!mayKeep(user, placeOf(project))) {
				return Outcome.refused(project, Refusals.outOfJurisdiction("project", "项目", "projectId"));
			}
			if (project.version() != input.baseVersion()) {
				return Outcome.refused(project, Refusals.stale(input.baseVersion(), project.version()));
			}
			if (!project.status().takesFunds()) {
				return Outcome.refused(project,
						Refusals.invalidTransition(
								"Funds are allocated to approved projects until their completion; this one is %s."
									.formatted(project.status()),
								"资金在项目批复后、竣工前下达；该项目当前为“%s”。".formatted(label(project.status())), "projectId"));
			}
			Optional<UserError> day = Refusals.day(input.allocatedOn(), today(), LocalDate.of(project.year() - 1, 1, 1),
					"allocatedOn");
			if (day.isPresent()) {
				return Outcome.refused(project, day.get());
			}
			long amount = Money.fen(input.amount());
			long spent = this.projects.allocationsOf(List.of(project.key()))
				.stream()
				.filter((allocation) -> allocation.source() == input.source())
				.mapToLong(FundAllocation::spentFen)
				.sum();
			if (amount < spent) {
				return Outcome.refused(project,
						spendingExceeds(
								"%s yuan were spent from this source already: the allocation cannot be less."
									.formatted(Money.yuan(spent).toPlainString()),
								"该来源已支出 %s 元，下达金额不能少于已支出金额。".formatted(Money.yuan(spent).toPlainString()), "amount"));
			}
			this.projects.allocate(project.key(), input.source(), amount, input.documentNumber().strip(),
					input.allocatedOn());
			this.projects.touch(project.key());
			return Outcome.done(project(project.key()));
		}, Project::key, this::project);
	}

	/** Records money spent from a source against a voucher (支出). */
	@Transactional
	Outcome<ProjectSpending> spend(SpendInput input) {
		CurrentUser user = Auth.requireAny(WHAT, Role.COUNTY_OFFICER, Role.UNIT_MANAGER, Role.ADMIN);
		return this.changes.once("recordProjectSpending", input.changeId(), input, () -> {
			Project project = locked(input.projectId());
			if (project == null) {
				return Outcome.refused(null, Refusals.notFound("project", "项目", "projectId"));
			}
			if (!mayKeep(user, placeOf(project)) && !implements_(user, project)) {
				return Outcome.refused(null, Refusals.outOfJurisdiction("project", "项目", "projectId"));
			}
			if (!project.status().spends()) {
				return Outcome.refused(null, Refusals.invalidTransition(
						"Nothing is spent on a project before its approval.", "项目批复前不能支出。", "projectId"));
			}
			FundAllocation allocation = this.projects.allocationsOf(List.of(project.key()))
				.stream()
				.filter((a) -> a.source() == input.source())
				.findFirst()
				.orElse(null);
			if (allocation == null) {
				return Outcome.refused(null, spendingExceeds("Nothing was allocated to the project from this source.",
						"该项目没有这一来源的资金下达。", "source"));
			}
			LocalDate notBefore = (allocation.allocatedOn() != null) ? allocation.allocatedOn()
					: LocalDate.of(project.year(), 1, 1);
			Optional<UserError> day = Refusals.day(input.spentOn(), today(), notBefore, "spentOn");
			if (day.isPresent()) {
				return Outcome.refused(null, day.get());
			}
			long amount = Money.fen(input.amount());
			long left = allocation.plannedFen() - allocation.spentFen();
			if (amount > left) {
				return Outcome.refused(null,
						spendingExceeds(
								"Only %s yuan of this source's allocation are left to spend."
									.formatted(Money.yuan(left).toPlainString()),
								"该来源下达的资金只剩 %s 元可支出。".formatted(Money.yuan(left).toPlainString()), "amount"));
			}
			String voucher = input.voucherNumber().strip();
			if (this.projects.voucherRecorded(project.key(), input.source(), voucher)) {
				return Outcome.refused(null,
						Refusals.alreadyExists("Spending under this voucher", "该凭证号的支出记录", "voucherNumber"));
			}
			try {
				long key = this.projects.insertSpending(project.key(), input.source(), amount, input.spentOn(),
						voucher);
				this.projects.touch(project.key());
				return Outcome.done(spending(key));
			}
			catch (DataIntegrityViolationException ex) {
				if (String.valueOf(ex.getMostSpecificCause().getMessage())
					.contains("fund_allocation_spent_within_allocated")) {
					return Outcome.refused(null, spendingExceeds("The allocation has not that much left to spend.",
							"该来源下达的资金余额不足。", "amount"));
				}
				throw ex;
			}
		}, ProjectSpending::key, this::spending);
	}

	/** Records an asset the project created, at or after its completion. */
	@Transactional
	Outcome<ProjectAsset> recordAsset(AssetInput input) {
		CurrentUser user = Auth.requireAny(WHAT, Role.COUNTY_OFFICER, Role.ADMIN);
		return this.changes.once("recordProjectAsset", input.changeId(), input, () -> {
			Project project = locked(input.projectId());
			if (project == null) {
				return Outcome.refused(null, Refusals.notFound("project", "项目", "projectId"));
			}
			if (!mayKeep(user, placeOf(project))) {
				return Outcome.refused(null, Refusals.outOfJurisdiction("project", "项目", "projectId"));
			}
			if (!project.status().recordsAssets()) {
				return Outcome.refused(null,
						Refusals.invalidTransition(
								"Assets are recorded when the project is completed or accepted; this one is %s."
									.formatted(project.status()),
								"资产在项目竣工或验收时登记；该项目当前为“%s”。".formatted(label(project.status())), "projectId"));
			}
			Optional<UserError> day = Refusals.day(input.recordedOn(), today(), LocalDate.of(project.year(), 1, 1),
					"recordedOn");
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

	/**
	 * Links the households a project benefits (受益户) and unlinks others; the project's
	 * counts follow.
	 */
	@Transactional
	Outcome<Project> linkBeneficiaries(BeneficiariesInput input) {
		CurrentUser user = Auth.requireAny(WHAT, Role.COUNTY_OFFICER, Role.ADMIN);
		return this.changes.once("linkProjectBeneficiaries", input.changeId(), input, () -> {
			Project project = locked(input.projectId());
			if (project == null) {
				return Outcome.refused(null, Refusals.notFound("project", "项目", "projectId"));
			}
			Place place = placeOf(project);
			if (!mayKeep(user, place)) {
				return Outcome.refused(project, Refusals.outOfJurisdiction("project", "项目", "projectId"));
			}
			if (project.version() != input.baseVersion()) {
				return Outcome.refused(project, Refusals.stale(input.baseVersion(), project.version()));
			}
			List<Long> add = new ArrayList<>();
			for (String id : orEmpty(input.addHouseholdIds())) {
				Household household = GlobalId.numericKeyOf(id, Household.TYPE)
					.map((key) -> this.households.householdsByKeys(List.of(key)).get(key))
					.orElse(null);
				if (household == null) {
					return Outcome.refused(project, Refusals.notFound("household", "农户", "addHouseholdIds"));
				}
				if (!within(place, this.geo.placeOfVillage(household.villageKey()).orElseThrow())) {
					return Outcome.refused(project, Refusals.invalid("A project benefits households of its own area.",
							"受益户须在项目所在区域内。", "addHouseholdIds"));
				}
				add.add(household.key());
			}
			List<Long> remove = new ArrayList<>();
			for (String id : orEmpty(input.removeHouseholdIds())) {
				remove.add(GlobalId.numericKeyOf(id, Household.TYPE).orElse(0L));
			}
			this.projects.unlinkBeneficiaries(project.key(), remove);
			this.projects.linkBeneficiaries(project.key(), add);
			this.projects.touch(project.key());
			return Outcome.done(project(project.key()));
		}, Project::key, this::project);
	}

	/**
	 * Whether the place lies in the area: the same county, and town and village where the
	 * area names them.
	 */
	private static boolean within(Place area, Place place) {
		return area.countyKey().equals(place.countyKey())
				&& (area.townKey() == null || area.townKey().equals(place.townKey()))
				&& (area.villageKey() == null || area.villageKey().equals(place.villageKey()));
	}

	private static boolean mayKeep(CurrentUser user, Place place) {
		return user.covers(Role.ADMIN, place) || user.covers(Role.COUNTY_OFFICER, place);
	}

	private static boolean implements_(CurrentUser user, Project project) {
		return project.implementingUnitKey() != null && user.manages(project.implementingUnitKey());
	}

	/** The capacity the user takes a step in, as the step records it. */
	private static Role capacity(CurrentUser user, Place place, @Nullable Project project) {
		if (user.covers(Role.COUNTY_OFFICER, place)) {
			return Role.COUNTY_OFFICER;
		}
		if (project != null && implements_(user, project)) {
			return Role.UNIT_MANAGER;
		}
		return Role.ADMIN;
	}

	private Place placeOf(Project project) {
		if (project.villageKey() != null) {
			return this.geo.placeOfVillage(project.villageKey()).orElseThrow();
		}
		if (project.townKey() != null) {
			return this.geo.placeOfTown(project.townKey()).orElseThrow();
		}
		return this.geo.placeOfCounty(project.countyKey()).orElseThrow();
	}

	private static UserError spendingExceeds(String english, String chinese, String field) {
		return new UserError("SPENDING_EXCEEDS_ALLOCATION", english, List.of("input", field), chinese);
	}

	private static String label(Project.Status status) {
		return switch (status) {
			case PIPELINE -> "入库";
			case APPROVED -> "已批复";
			case IN_PROGRESS -> "实施中";
			case COMPLETED -> "已完工";
			case ACCEPTED -> "已验收";
			case ASSETS_HANDED_OVER -> "资产已移交";
		};
	}

	private @Nullable Project locked(String id) {
		return GlobalId.numericKeyOf(id, Project.TYPE).flatMap(this.projects::lock).orElse(null);
	}

	private @Nullable Project project(long key) {
		List<Project> found = this.projects.projectsByKeys(List.of(key));
		return found.isEmpty() ? null : found.get(0);
	}

	private @Nullable ProjectSpending spending(long key) {
		return this.projects.spendingByKeys(List.of(key)).stream().findFirst().orElse(null);
	}

	private @Nullable ProjectAsset asset(long key) {
		return this.projects.assetsByKeys(List.of(key)).stream().findFirst().orElse(null);
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

	private static <T> List<T> orEmpty(@Nullable List<T> list) {
		return (list != null) ? list : List.of();
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	record CreateInput(@ClientId String changeId, @Text(min = 2, max = 100) String name, Project.Category category,
			Project.@Nullable Industry industry, @Min(2000) @Max(2100) int year, String countyCode,
			@Nullable String townCode, @Nullable String villageId, @Nullable String implementingUnitId,
			@Amount(max = MAX_YUAN) BigDecimal plannedAmount, LocalDate enteredOn,
			@Min(0) @Max(100_000) @Nullable Integer beneficiaryHouseholds,
			@Text(max = 1000, lines = true) @Nullable String note) {
	}

	record AdvanceInput(@ClientId String changeId, String projectId, int baseVersion, Project.Status to, LocalDate on,
			@Text(max = 100) @Nullable String documentNumber, @Text(max = 1000, lines = true) @Nullable String note) {
	}

	record AllocateInput(@ClientId String changeId, String projectId, int baseVersion, FundAllocation.Source source,
			@Amount(max = MAX_YUAN) BigDecimal amount, @Text(max = 100) String documentNumber, LocalDate allocatedOn) {
	}

	record SpendInput(@ClientId String changeId, String projectId, FundAllocation.Source source,
			@Amount(max = MAX_YUAN) BigDecimal amount, LocalDate spentOn, @Text(max = 100) String voucherNumber) {
	}

	record AssetInput(@ClientId String changeId, String projectId, @Text(max = 100) String name, ProjectAsset.Kind kind,
			@Amount(max = MAX_YUAN) BigDecimal value, @Text(max = 100) String owner,
			@Text(max = 100) String maintenanceBody, LocalDate recordedOn) {
	}

	record BeneficiariesInput(@ClientId String changeId, String projectId, int baseVersion,
			@Size(max = 5000) @Nullable List<String> addHouseholdIds,
			@Size(max = 5000) @Nullable List<String> removeHouseholdIds) {
	}

}
