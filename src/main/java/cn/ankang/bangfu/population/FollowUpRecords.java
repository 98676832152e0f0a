package cn.ankang.bangfu.population;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.history.ClientChanges;
import cn.ankang.bangfu.history.Outcome;
import cn.ankang.bangfu.history.Refusals;
import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.values.ClientId;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.values.Money;
import cn.ankang.bangfu.shared.errors.UserError;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps what the register records beyond incomes and loans: a household's training in a
 * year (雨露计划 and other courses), the public-welfare jobs its people hold (公益性岗位), and for
 * a relocated household its relocation community and the follow-up support it is given
 * (易地搬迁后续扶持). For those responsible for the household's village; each change is applied
 * once however often it is sent, whole or not at all, and kept in the household's history
 * by the database.
 */
@Service
class FollowUpRecords {

	private static final String WHAT = "Keeping the out-of-poverty register";

	private static final int FIRST_YEAR = 2013;

	/** Follow-up support began with the moves of the 13th five-year plan. */
	private static final int FIRST_SUPPORT_YEAR = 2016;

	private static final LocalDate FIRST_JOB_DAY = LocalDate.of(2014, 1, 1);

	private final PopulationRepository households;

	private final FollowUpRepository repository;

	private final Jurisdiction jurisdiction;

	private final ClientChanges changes;

	private final Clock clock;

	FollowUpRecords(PopulationRepository households, FollowUpRepository repository, Jurisdiction jurisdiction,
			ClientChanges changes, Clock clock) {
		this.households = households;
		this.repository = repository;
		this.jurisdiction = jurisdiction;
		this.changes = changes;
		this.clock = clock;
	}

	/**
	 * Records a household's training of a year, one entry per programme. Recording a year
	 * again replaces what was recorded of it.
	 */
	@Transactional
	Outcome<ExitedHousehold> recordTraining(RecordTrainingInput input) {
		requireKeeper();
		return this.changes.once("recordExitedHouseholdTraining", input.changeId(), input, () -> {
			HeldHousehold held = held(input.householdId(), input.baseVersion());
			if (held.refusal() != null) {
				return Outcome.refused(held.household(), held.refusal());
			}
			ExitedHousehold household = held.household();
			List<UserError> errors = new ArrayList<>();
			year(input.year(), FIRST_YEAR).ifPresent(errors::add);
			List<TrainingInput> courses = (input.courses() != null) ? input.courses() : List.of();
			Set<Training.Programme> seen = new HashSet<>();
			List<Training> rows = new ArrayList<>();
			for (TrainingInput course : courses) {
				if (!seen.add(course.programme())) {
					errors.add(Refusals.invalid("Each programme is given once: %s twice.".formatted(course.programme()),
							"每个培训项目只填一次。", "courses"));
				}
				if (course.people() < 1 || course.people() > household.people()) {
					errors.add(Refusals.invalid(
							"%d people trained: from 1 to the household's %d.".formatted(course.people(),
									household.people()),
							"培训人数 %d：应在 1 至家庭人口 %d 之间。".formatted(course.people(), household.people()), "courses"));
					continue;
				}
				BigDecimal subsidy = (course.subsidy() != null) ? course.subsidy() : BigDecimal.ZERO;
				Optional<UserError> refused = PopulationRecords.amount(subsidy,
						Money.yuan(Training.MAX_SUBSIDY_PER_PERSON_FEN * course.people()), true, "courses");
				refused.ifPresent(errors::add);
				if (course.completedOn() != null) {
					Refusals.day(course.completedOn(), today(), LocalDate.of(input.year(), 1, 1), "courses")
						.ifPresent(errors::add);
				}
				if (refused.isEmpty()) {
					rows.add(new Training(household.key(), input.year(), course.programme(), course.people(),
							Money.fen(subsidy), course.completedOn()));
				}
			}
			if (!errors.isEmpty()) {
				return Outcome.refused(household, errors);
			}
			this.repository.replaceTraining(household.key(), household.villageKey(), input.year(), rows);
			this.households.raiseVersion(household.key());
			return Outcome.done(household(household.key()));
		}, ExitedHousehold::key, this::household);
	}

	/**
	 * Records the relocation community a relocated household moved to (安置社区), or that it
	 * names none.
	 */
	@Transactional
	Outcome<ExitedHousehold> setRelocationCommunity(SetRelocationCommunityInput input) {
		requireKeeper();
		return this.changes.once("setRelocationCommunity", input.changeId(), input, () -> {
			HeldHousehold held = held(input.householdId(), input.baseVersion());
			if (held.refusal() != null) {
				return Outcome.refused(held.household(), held.refusal());
			}
			ExitedHousehold household = held.household();
			if (!household.relocated()) {
				return Outcome.refused(household, notRelocated("communityId"));
			}
			Long community = null;
			if (input.communityId() != null) {
				community = GlobalId.numericKeyOf(input.communityId(), "Village")
					.filter((key) -> this.repository.communityCounty(key) != null)
					.orElse(null);
				if (community == null) {
					return Outcome.refused(household, Refusals.notFound("relocation community", "安置社区", "communityId"));
				}
			}
			this.repository.setCommunity(household.key(), community);
			return Outcome.done(household(household.key()));
		}, ExitedHousehold::key, this::household);
	}

	/**
	 * Records the follow-up support of a relocated household in a year, one entry per
	 * kind. Recording a year again replaces what was recorded of it.
	 */
	@Transactional
	Outcome<ExitedHousehold> recordSupport(RecordSupportInput input) {
		requireKeeper();
		return this.changes.once("recordRelocationSupport", input.changeId(), input, () -> {
			HeldHousehold held = held(input.householdId(), input.baseVersion());
			if (held.refusal() != null) {
				return Outcome.refused(held.household(), held.refusal());
			}
			ExitedHousehold household = held.household();
			if (!household.relocated()) {
				return Outcome.refused(household, notRelocated("householdId"));
			}
			List<UserError> errors = new ArrayList<>();
			year(input.year(), FIRST_SUPPORT_YEAR).ifPresent(errors::add);
			List<SupportInput> given = (input.support() != null) ? input.support() : List.of();
			Set<RelocationSupport.Kind> seen = new HashSet<>();
			List<RelocationSupport> rows = new ArrayList<>();
			for (SupportInput support : given) {
				if (!seen.add(support.kind())) {
					errors
						.add(Refusals.invalid("Each kind of support is given once: %s twice.".formatted(support.kind()),
								"每种扶持方式只填一次。", "support"));
				}
				Optional<UserError> refused = (support.amount() != null) ? PopulationRecords.amount(support.amount(),
						Money.yuan(RelocationSupport.MAX_AMOUNT_FEN), true, "support") : Optional.empty();
				refused.ifPresent(errors::add);
				if (refused.isEmpty()) {
					rows.add(new RelocationSupport(household.key(), input.year(), support.kind(),
							(support.amount() != null) ? Money.fen(support.amount()) : null));
				}
			}
			if (!errors.isEmpty()) {
				return Outcome.refused(household, errors);
			}
			this.repository.replaceSupport(household.key(), household.villageKey(), input.year(), rows);
			this.households.raiseVersion(household.key());
			return Outcome.done(household(household.key()));
		}, ExitedHousehold::key, this::household);
	}

	/** Records a public-welfare job a member of a registered household took up. */
	@Transactional
	Outcome<PublicWelfareJob> postJob(PostJobInput input) {
		requireKeeper();
		return this.changes.once("postPublicWelfareJob", input.changeId(), input, () -> {
			HeldHousehold held = held(input.householdId(), null);
			if (held.refusal() != null) {
				return Outcome.refused(null, held.refusal());
			}
			ExitedHousehold household = held.household();
			List<UserError> errors = new ArrayList<>();
			PopulationRecords
				.amount(input.monthlyPay(), Money.yuan(PublicWelfareJob.MAX_MONTHLY_PAY_FEN), false, "monthlyPay")
				.ifPresent(errors::add);
			Refusals.day(input.startedOn(), today(), FIRST_JOB_DAY, "startedOn").ifPresent(errors::add);
			if (input.endedOn() != null) {
				Refusals.day(input.endedOn(), today(), input.startedOn(), "endedOn").ifPresent(errors::add);
			}
			if (!errors.isEmpty()) {
				return Outcome.refused(null, errors);
			}
			long key = this.repository.insertJob(household.key(), household.villageKey(), input.kind(),
					input.startedOn(), input.endedOn(), Money.fen(input.monthlyPay()));
			return Outcome.done(job(key));
		}, PublicWelfareJob::key, this::job);
	}

	/** Records the last day a public-welfare job was held. */
	@Transactional
	Outcome<PublicWelfareJob> endJob(EndJobInput input) {
		requireKeeper();
		return this.changes.once("endPublicWelfareJob", input.changeId(), input, () -> {
			Scope scope = this.jurisdiction.current();
			PublicWelfareJob job = GlobalId.numericKeyOf(input.jobId(), PublicWelfareJob.TYPE)
				.flatMap((key) -> this.repository.lockJob(key, scope))
				.orElse(null);
			if (job == null) {
				return Outcome.refused(null, Refusals.notFound("public-welfare job", "公益性岗位", "jobId"));
			}
			if (!Boolean.TRUE.equals(this.households.villageResponsible(job.villageKey(), scope))) {
				return Outcome.refused(job, Refusals.outOfJurisdiction("public-welfare job", "公益性岗位", "jobId"));
			}
			if (job.version() != input.baseVersion()) {
				return Outcome.refused(job, Refusals.stale(input.baseVersion(), job.version()));
			}
			if (job.endedOn() != null) {
				return Outcome.refused(job,
						Refusals.invalidTransition("The job ended on %s already.".formatted(job.endedOn()),
								"该岗位已于 %s 结束。".formatted(job.endedOn()), "jobId"));
			}
			Optional<UserError> day = Refusals.day(input.endedOn(), today(), job.startedOn(), "endedOn");
			if (day.isPresent()) {
				return Outcome.refused(job, day.get());
			}
			this.repository.endJob(job.key(), input.endedOn());
			return Outcome.done(job(job.key()));
		}, PublicWelfareJob::key, this::job);
	}

	private static void requireKeeper() {
		Auth.requireAny(WHAT, Role.COUNTY_OFFICER, Role.TOWN_OFFICER, Role.FIRST_SECRETARY, Role.TEAM_MEMBER);
	}

	private static UserError notRelocated(String field) {
		return Refusals.invalid("The household was not relocated: it has no relocation community or support.",
				"该户不是易地扶贫搬迁户，没有安置社区和后续扶持。", field);
	}

	private Optional<UserError> year(int year, int first) {
		if (year < first || year > today().getYear()) {
			return Optional.of(Refusals.invalid("A year from %d that has begun, not %d.".formatted(first, year),
					"年度应为 %d 年以来已开始的年度，而不是 %d。".formatted(first, year), "year"));
		}
		return Optional.empty();
	}

	private HeldHousehold held(String householdId, @Nullable Integer baseVersion) {
		return HeldHousehold.lock(this.households, this.jurisdiction.current(), householdId, baseVersion);
	}

	private @Nullable ExitedHousehold household(long key) {
		List<ExitedHousehold> found = this.households.householdsByKeys(List.of(key), this.jurisdiction.current());
		return found.isEmpty() ? null : found.get(0);
	}

	private @Nullable PublicWelfareJob job(long key) {
		List<PublicWelfareJob> found = this.repository.jobsByKeys(List.of(key), this.jurisdiction.current());
		return found.isEmpty() ? null : found.get(0);
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

	record RecordTrainingInput(@ClientId String changeId, String householdId, int baseVersion, int year,
			@Valid @Size(max = 4) @Nullable List<TrainingInput> courses) {
	}

	record TrainingInput(Training.Programme programme, int people, @Nullable BigDecimal subsidy,
			@Nullable LocalDate completedOn) {
	}

	record SetRelocationCommunityInput(@ClientId String changeId, String householdId, int baseVersion,
			@Nullable String communityId) {
	}

	record RecordSupportInput(@ClientId String changeId, String householdId, int baseVersion, int year,
			@Valid @Size(max = 5) @Nullable List<SupportInput> support) {
	}

	record SupportInput(RelocationSupport.Kind kind, @Nullable BigDecimal amount) {
	}

	record PostJobInput(@ClientId String changeId, String householdId, PublicWelfareJob.Kind kind, LocalDate startedOn,
			@Nullable LocalDate endedOn, BigDecimal monthlyPay) {
	}

	record EndJobInput(@ClientId String changeId, String jobId, int baseVersion, LocalDate endedOn) {
	}

}
