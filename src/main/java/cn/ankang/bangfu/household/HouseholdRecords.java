package cn.ankang.bangfu.household;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.history.ClientChanges;
import cn.ankang.bangfu.history.Outcome;
import cn.ankang.bangfu.history.Refusals;
import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.shared.values.Amount;
import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.values.ClientId;
import cn.ankang.bangfu.shared.values.Gender;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.values.IdNumber;
import cn.ankang.bangfu.shared.values.MobilePhone;
import cn.ankang.bangfu.shared.values.Money;
import cn.ankang.bangfu.shared.values.Text;
import cn.ankang.bangfu.shared.errors.UserError;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps a monitored household's records (户档案): its members as they are born, die and move
 * (recorded with the day; nothing deleted), a year's income by source with the per-capita
 * figure computed from the members present, and its assistance measures from start
 * through their result to their end. A measure that ends without its result becomes a
 * task for the village's cadres (the monitoring workflow hears of it).
 * <p>
 * Who may: those responsible for the household (its village's resident cadres, its town's
 * and county's officers). Changes of what is recorded name the household's
 * {@code version}; additions (a member, a measure) need none. Every change raises the
 * version, so that phones holding the household learn of it.
 */
@Service
public class HouseholdRecords {

	private static final String WHAT = "Keeping a household's records";

	private static final LocalDate OLDEST_BIRTH = LocalDate.of(1900, 1, 1);

	private final HouseholdRepository households;

	private final Jurisdiction jurisdiction;

	private final ClientChanges changes;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	HouseholdRecords(HouseholdRepository households, Jurisdiction jurisdiction, ClientChanges changes,
			ApplicationEventPublisher events, Clock clock) {
		this.households = households;
		this.jurisdiction = jurisdiction;
		this.changes = changes;
		this.events = events;
		this.clock = clock;
	}

	// Registering a household found for monitoring
	// ------------------------------------------------------------

	/**
	 * Registers a household found for monitoring, with its head and members, as
	 * {@code IDENTIFIED}: for the monitoring workflow, which has decided the user may and
	 * opens its case in the same transaction. The input is checked already.
	 * @return the household, or why it cannot be registered (fields under {@code field})
	 */
	public Outcome<Household> register(long villageKey, NewHousehold input, Household.Category category,
			List<RiskType> risks, LocalDate identifiedOn, String field) {
		LocalDate today = today();
		List<UserError> errors = new ArrayList<>();
		Refusals.day(input.headBirthDate(), today, OLDEST_BIRTH, "headBirthDate")
			.map((error) -> under(error, field))
			.ifPresent(errors::add);
		List<NewMember> members = (input.members() != null) ? input.members() : List.of();
		List<String> idNumbers = new ArrayList<>(List.of(input.headIdNumber()));
		for (int i = 0; i < members.size(); i++) {
			NewMember member = members.get(i);
			String path = field + "." + "members." + i;
			if (member.relation() == HouseholdMember.Relation.HEAD) {
				errors.add(under(Refusals.invalid("The head is given apart; a member is not the head.",
						"户主单独填写，家庭成员不能再填为户主。", "relation"), path));
			}
			Refusals.day(member.birthDate(), today, OLDEST_BIRTH, "birthDate")
				.map((error) -> under(error, path))
				.ifPresent(errors::add);
			if (member.idNumber() != null) {
				if (idNumbers.contains(member.idNumber())) {
					errors.add(
							under(Refusals.alreadyExists("Another member with this ID number", "同一身份证号的成员", "idNumber"),
									path));
				}
				idNumbers.add(member.idNumber());
			}
		}
		for (String idNumber : this.households.idNumbersTaken(idNumbers)) {
			errors.add(under(Refusals.alreadyExists("A person with the ID number %s".formatted(idNumber),
					"身份证号为 %s 的人员".formatted(idNumber), "idNumber"), field));
		}
		if (!errors.isEmpty()) {
			return Outcome.refused(null, errors);
		}
		long key = this.households.insertHousehold(villageKey, input.headName().strip(), input.headIdNumber(),
				input.headPhone(), category, risks, identifiedOn);
		this.households.insertMember(key, input.headName().strip(), HouseholdMember.Relation.HEAD, input.headGender(),
				input.headBirthDate(), input.headIdNumber());
		for (NewMember member : members) {
			this.households.insertMember(key, member.name().strip(), member.relation(), member.gender(),
					member.birthDate(), member.idNumber());
		}
		return Outcome.done(household(key));
	}

	// Members
	// ---------------------------------------------------------------------------------------------

	/** Adds a member (born, married in, moved in). */
	@Transactional
	Outcome<MemberChange> addMember(AddMemberInput input) {
		CurrentUser user = requireKeeper();
		return this.changes.once("addHouseholdMember", input.changeId(), input, () -> {
			Household household = responsibleFor(input.householdId());
			if (household == null) {
				return Outcome.refused(null, Refusals.notFound("household", "农户", "householdId"));
			}
			Optional<UserError> refused = Refusals.day(input.birthDate(), today(), OLDEST_BIRTH, "birthDate")
				.or(() -> idNumberTaken(input.idNumber(), 0))
				.or(() -> headTaken(input.relation(), household.key(), 0, input.idNumber()));
			if (refused.isPresent()) {
				return Outcome.refused(null, refused.get());
			}
			long key = this.households.insertMember(household.key(), input.name().strip(), input.relation(),
					input.gender(), input.birthDate(), input.idNumber());
			if (input.relation() == HouseholdMember.Relation.HEAD) {
				this.households.setHead(household.key(), input.name().strip(), input.idNumber());
			}
			this.households.raiseVersion(household.key(), null);
			return Outcome.done(memberChange(key));
		}, (change) -> change.member().key(), this::memberChange);
	}

	/** Corrects what is recorded of a member; the fields given change. */
	@Transactional
	Outcome<MemberChange> correctMember(CorrectMemberInput input) {
		CurrentUser user = requireKeeper();
		return this.changes.once("correctHouseholdMember", input.changeId(), input, () -> {
			Held<HouseholdMember> held = heldMember(input.memberId(), input.baseVersion());
			if (held.refusal() != null) {
				return Outcome.refused((held.item() != null) ? memberChange(held.item().key()) : null, held.refusal());
			}
			HouseholdMember member = held.item();
			Household household = held.household();
			String name = (input.name() != null) ? input.name().strip() : member.name();
			HouseholdMember.Relation relation = (input.relation() != null) ? input.relation() : member.relation();
			Gender gender = (input.gender() != null) ? input.gender() : member.gender();
			LocalDate birth = (input.birthDate() != null) ? input.birthDate() : member.birthDate();
			String idNumber = (input.idNumber() != null) ? input.idNumber() : member.idNumber();
			Optional<UserError> refused = Refusals.day(birth, today(), OLDEST_BIRTH, "birthDate")
				.or(() -> (input.idNumber() != null) ? idNumberTaken(idNumber, member.key()) : Optional.empty())
				.or(() -> (member.status() == HouseholdMember.Status.PRESENT)
						? headTaken(relation, household.key(), member.key(), idNumber) : Optional.empty());
			if (refused.isPresent()) {
				return Outcome.refused(memberChange(member.key()), refused.get());
			}
			this.households.updateMember(member.key(), name, relation, gender, birth, idNumber);
			if (relation == HouseholdMember.Relation.HEAD && member.status() == HouseholdMember.Status.PRESENT) {
				this.households.setHead(household.key(), name, idNumber);
			}
			this.households.raiseVersion(household.key(), null);
			return Outcome.done(memberChange(member.key()));
		}, (change) -> change.member().key(), this::memberChange);
	}

	/** Records that a member died or moved out, on a day; the member stays on record. */
	@Transactional
	Outcome<MemberChange> memberLeaves(MemberLeavesInput input) {
		CurrentUser user = requireKeeper();
		return this.changes.once("recordMemberLeaving", input.changeId(), input, () -> {
			Held<HouseholdMember> held = heldMember(input.memberId(), input.baseVersion());
			if (held.refusal() != null) {
				return Outcome.refused((held.item() != null) ? memberChange(held.item().key()) : null, held.refusal());
			}
			HouseholdMember member = held.item();
			Household household = held.household();
			if (member.status() != HouseholdMember.Status.PRESENT) {
				return Outcome.refused(memberChange(member.key()),
						Refusals.invalidTransition("The member left on %s already.".formatted(member.leftOn()),
								"该成员已于 %s 离开本户。".formatted(member.leftOn()), "memberId"));
			}
			if (input.reason() == HouseholdMember.Status.PRESENT) {
				return Outcome.refused(memberChange(member.key()), Refusals.invalid(
						"A member leaves as DECEASED or MOVED_OUT.", "成员离开的原因应为死亡（DECEASED）或迁出（MOVED_OUT）。", "reason"));
			}
			Optional<UserError> day = Refusals.day(input.on(), today(), member.birthDate(), "on");
			if (day.isPresent()) {
				return Outcome.refused(memberChange(member.key()), day.get());
			}
			this.households.memberLeaves(member.key(), input.reason(), input.on());
			this.households.raiseVersion(household.key(), null);
			return Outcome.done(memberChange(member.key()));
		}, (change) -> change.member().key(), this::memberChange);
	}

	// Incomes
	// ---------------------------------------------------------------------------------------------

	/**
	 * Records a year's net income by source; the per-capita income is their sum over the
	 * members present. Replaces what was recorded for the year.
	 */
	@Transactional
	Outcome<Household> recordIncome(IncomeInput input) {
		CurrentUser user = requireKeeper();
		List<UserError> future = (input.year() > today().getYear())
				? List.of(Refusals.invalid("An income is recorded for a year that has begun.", "只能录入已开始年度的收入。", "year"))
				: List.of();
		return this.changes.once("recordHouseholdIncome", input.changeId(), input, future, () -> {
			Household household = responsibleFor(input.householdId());
			if (household == null) {
				return Outcome.refused(null, Refusals.notFound("household", "农户", "householdId"));
			}
			if (household.version() != input.baseVersion()) {
				return Outcome.refused(household, Refusals.stale(input.baseVersion(), household.version()));
			}
			int people = this.households.presentMembers(household.key());
			if (people == 0) {
				return Outcome.refused(household,
						Refusals.invalid(
								"The household has no member present to share the income: record its members first.",
								"该户没有在册成员，无法计算人均收入：请先录入家庭成员。", "householdId"));
			}
			this.households.upsertIncome(household.key(), input.year(), Money.fen(input.wages()),
					Money.fen(input.business()), Money.fen(input.transfers()), Money.fen(input.property()), people);
			this.households.raiseVersion(household.key(), null);
			return Outcome.done(household(household.key()));
		}, Household::key, this::household);
	}

	// Measures
	// --------------------------------------------------------------------------------------------

	/** Starts an assistance measure. */
	@Transactional
	Outcome<MeasureChange> startMeasure(StartMeasureInput input) {
		CurrentUser user = requireKeeper();
		return this.changes.once("startAssistanceMeasure", input.changeId(), input, () -> {
			Household household = responsibleFor(input.householdId());
			if (household == null) {
				return Outcome.refused(null, Refusals.notFound("household", "农户", "householdId"));
			}
			Optional<UserError> day = Refusals.day(input.startedOn(), today(), Refusals.EARLIEST, "startedOn");
			if (day.isPresent()) {
				return Outcome.refused(null, day.get());
			}
			long key = this.households.insertMeasure(household.key(), input.type(), input.description().strip(),
					input.startedOn());
			this.households.raiseVersion(household.key(), null);
			return Outcome.done(measureChange(key));
		}, (change) -> change.measure().key(), this::measureChange);
	}

	/**
	 * Starts a measure agreed at the door on a visit (跟进帮扶措施), for the monitoring
	 * workflow, which has stored the visit of a cadre posted in the household's village:
	 * the visit is its authority and its exactly-once.
	 * @return the measure's key
	 */
	public long startAgreedMeasure(long household, AssistanceMeasure.Type type, String description,
			LocalDate startedOn) {
		long key = this.households.insertMeasure(household, type, description, startedOn);
		this.households.raiseVersion(household, null);
		return key;
	}

	/**
	 * Adds risks found to a household's, or takes off those an officer found mistaken,
	 * for the monitoring workflow, which has decided the user may.
	 */
	public void changeRisks(long household, Collection<RiskType> add, Collection<RiskType> remove) {
		this.households.changeRisks(household, add, remove);
	}

	/** Records what a measure achieved (帮扶成效); closes the task that waited for it. */
	@Transactional
	Outcome<MeasureChange> recordResult(ResultInput input) {
		CurrentUser user = requireKeeper();
		return this.changes.once("recordMeasureResult", input.changeId(), input, () -> {
			Held<AssistanceMeasure> held = heldMeasure(input.measureId(), input.baseVersion());
			if (held.refusal() != null) {
				return Outcome.refused((held.item() != null) ? measureChange(held.item().key()) : null, held.refusal());
			}
			AssistanceMeasure measure = held.item();
			Household household = held.household();
			Optional<UserError> day = Refusals.day(input.on(), today(), measure.startedOn(), "on");
			if (day.isPresent()) {
				return Outcome.refused(measureChange(measure.key()), day.get());
			}
			this.households.recordResult(measure.key(), input.result().strip(), input.on());
			this.households.raiseVersion(household.key(), null);
			this.events.publishEvent(new MeasureEvents.ResultRecorded(measure.key(), user.userKey()));
			return Outcome.done(measureChange(measure.key()));
		}, (change) -> change.measure().key(), this::measureChange);
	}

	/**
	 * Ends a measure on its last day, with its result when known; without one, the
	 * village's cadres get a task to record it.
	 */
	@Transactional
	Outcome<MeasureChange> endMeasure(EndMeasureInput input) {
		CurrentUser user = requireKeeper();
		return this.changes.once("endAssistanceMeasure", input.changeId(), input, () -> {
			Held<AssistanceMeasure> held = heldMeasure(input.measureId(), input.baseVersion());
			if (held.refusal() != null) {
				return Outcome.refused((held.item() != null) ? measureChange(held.item().key()) : null, held.refusal());
			}
			AssistanceMeasure measure = held.item();
			Household household = held.household();
			if (measure.endedOn() != null) {
				return Outcome.refused(measureChange(measure.key()),
						Refusals.invalidTransition("The measure ended on %s already.".formatted(measure.endedOn()),
								"该措施已于 %s 结束。".formatted(measure.endedOn()), "measureId"));
			}
			Optional<UserError> day = Refusals.day(input.endedOn(), today(), measure.startedOn(), "endedOn");
			if (day.isPresent()) {
				return Outcome.refused(measureChange(measure.key()), day.get());
			}
			this.households.endMeasure(measure.key(), input.endedOn());
			if (input.result() != null && !input.result().isBlank()) {
				this.households.recordResult(measure.key(), input.result().strip(), input.endedOn());
				this.events.publishEvent(new MeasureEvents.ResultRecorded(measure.key(), user.userKey()));
			}
			else if (measure.result() == null) {
				this.events.publishEvent(
						new MeasureEvents.EndedWithoutResult(measure.key(), household.key(), household.villageKey()));
			}
			this.households.raiseVersion(household.key(), null);
			return Outcome.done(measureChange(measure.key()));
		}, (change) -> change.measure().key(), this::measureChange);
	}

	// Helpers
	// ---------------------------------------------------------------------------------------------

	private static CurrentUser requireKeeper() {
		return Auth.requireAny(WHAT, Role.COUNTY_OFFICER, Role.TOWN_OFFICER, Role.FIRST_SECRETARY, Role.TEAM_MEMBER);
	}

	private @Nullable Household responsibleFor(String householdId) {
		return GlobalId.numericKeyOf(householdId, Household.TYPE).map(this::responsibleFor).orElse(null);
	}

	/**
	 * The household, locked, when the user sees it; null when not.
	 * @throws ApiException {@code FORBIDDEN} when the user sees it but is not responsible
	 * for it (a leader, an admin)
	 */
	private @Nullable Household responsibleFor(long key) {
		Household household = this.households.lock(key, this.jurisdiction.current()).orElse(null);
		if (household != null && !household.personalDataVisible()) {
			throw ApiException.forbidden("Only those responsible for a household keep its records.");
		}
		return household;
	}

	/**
	 * The member and the household, locked, as the change based on the household's
	 * version found them; or why the change is refused (an unknown member, a stale
	 * version).
	 */
	private Held<HouseholdMember> heldMember(String memberId, int baseVersion) {
		HouseholdMember member = GlobalId.numericKeyOf(memberId, HouseholdMember.TYPE)
			.flatMap(this.households::memberByKey)
			.orElse(null);
		return held(member, (member != null) ? member.householdKey() : 0, baseVersion, "member", "家庭成员", "memberId");
	}

	/** Like {@link #heldMember}, for a measure. */
	private Held<AssistanceMeasure> heldMeasure(String measureId, int baseVersion) {
		AssistanceMeasure measure = measure(measureId);
		return held(measure, (measure != null) ? measure.householdKey() : 0, baseVersion, "measure", "帮扶措施",
				"measureId");
	}

	private <T> Held<T> held(@Nullable T item, long householdKey, int baseVersion, String what, String whatZh,
			String field) {
		Household household = (item != null) ? responsibleFor(householdKey) : null;
		if (item == null || household == null) {
			return new Held<>(null, null, Refusals.notFound(what, whatZh, field));
		}
		if (household.version() != baseVersion) {
			return new Held<>(item, household, Refusals.stale(baseVersion, household.version()));
		}
		return new Held<>(item, household, null);
	}

	/** A household's member or measure held for a change, or why it is not. */
	private record Held<T>(@Nullable T item, @Nullable Household household, @Nullable UserError refusal) {
	}

	private Optional<UserError> idNumberTaken(@Nullable String idNumber, long exceptMember) {
		if (idNumber == null || !this.households.idNumberTaken(idNumber, exceptMember)) {
			return Optional.empty();
		}
		return Optional.of(Refusals.alreadyExists("A person with this ID number", "该身份证号的人员", "idNumber"));
	}

	private Optional<UserError> headTaken(HouseholdMember.Relation relation, long household, long member,
			@Nullable String idNumber) {
		if (relation != HouseholdMember.Relation.HEAD) {
			return Optional.empty();
		}
		if (this.households.hasHeadBesides(household, member)) {
			return Optional.of(Refusals.alreadyExists("The household's head", "该户户主", "relation"));
		}
		if (idNumber == null) {
			return Optional.of(Refusals.invalid("The head of a household is recorded with an ID number.", "户主须有身份证号。",
					"idNumber"));
		}
		return Optional.empty();
	}

	private static UserError under(UserError error, String path) {
		List<String> field = new ArrayList<>(List.of("input"));
		field.addAll(List.of(path.split("\\.")));
		field.addAll(error.field().subList(1, error.field().size()));
		return new UserError(error.code(), error.message(), List.copyOf(field), error.chinese());
	}

	private @Nullable Household household(long key) {
		return this.households.householdsByKeys(List.of(key), this.jurisdiction.forQueries())
			.stream()
			.findFirst()
			.orElse(null);
	}

	private @Nullable AssistanceMeasure measure(String id) {
		return GlobalId.numericKeyOf(id, AssistanceMeasure.TYPE)
			.flatMap((key) -> this.households.measureByKey(key, this.jurisdiction.forQueries()))
			.orElse(null);
	}

	private @Nullable MemberChange memberChange(long key) {
		HouseholdMember member = this.households.memberByKey(key).orElse(null);
		Household household = (member != null) ? household(member.householdKey()) : null;
		return (household != null) ? new MemberChange(member.seenBy(household.personalDataVisible()), household) : null;
	}

	private @Nullable MeasureChange measureChange(long key) {
		AssistanceMeasure measure = this.households.measureByKey(key, this.jurisdiction.forQueries()).orElse(null);
		Household household = (measure != null) ? household(measure.householdKey()) : null;
		return (household != null) ? new MeasureChange(measure, household) : null;
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

	/**
	 * A household found for monitoring, as its inclusion names it.
	 *
	 * @param villageId the village (a global id)
	 * @param headName the head's name
	 * @param headIdNumber the head's resident ID number
	 * @param headGender the head's gender
	 * @param headBirthDate the head's date of birth
	 * @param headPhone the head's phone, if any
	 * @param members the other members
	 */
	public record NewHousehold(String villageId, @Text(min = 1, max = 50) String headName,
			@IdNumber String headIdNumber, Gender headGender, LocalDate headBirthDate,
			@MobilePhone @Nullable String headPhone, @Valid @Size(max = 30) @Nullable List<NewMember> members) {
	}

	/**
	 * A member of a household, as recorded with it.
	 *
	 * @param name full name
	 * @param relation relation to the head
	 * @param gender gender
	 * @param birthDate date of birth
	 * @param idNumber resident ID number, when known
	 */
	public record NewMember(@Text(min = 1, max = 50) String name, HouseholdMember.Relation relation, Gender gender,
			LocalDate birthDate, @IdNumber @Nullable String idNumber) {
	}

	/** A member after a change, and the household it belongs to. */
	record MemberChange(HouseholdMember member, Household household) {
	}

	/** A measure after a change, and the household it helps. */
	record MeasureChange(AssistanceMeasure measure, Household household) {
	}

	record AddMemberInput(@ClientId String changeId, String householdId, @Text(min = 1, max = 50) String name,
			HouseholdMember.Relation relation, Gender gender, LocalDate birthDate,
			@IdNumber @Nullable String idNumber) {
	}

	record CorrectMemberInput(@ClientId String changeId, String memberId, int baseVersion,
			@Text(min = 1, max = 50) @Nullable String name, HouseholdMember.@Nullable Relation relation,
			@Nullable Gender gender, @Nullable LocalDate birthDate, @IdNumber @Nullable String idNumber) {
	}

	record MemberLeavesInput(@ClientId String changeId, String memberId, int baseVersion, HouseholdMember.Status reason,
			LocalDate on) {
	}

	record IncomeInput(@ClientId String changeId, String householdId, int baseVersion, @Min(2000) @Max(2100) int year,
			@Amount(max = 100_000_000, zero = true) BigDecimal wages,
			@Amount(max = 100_000_000, zero = true) BigDecimal business,
			@Amount(max = 100_000_000, zero = true) BigDecimal transfers,
			@Amount(max = 100_000_000, zero = true) BigDecimal property) {
	}

	record StartMeasureInput(@ClientId String changeId, String householdId, AssistanceMeasure.Type type,
			@Text(min = 2, max = 500) String description, LocalDate startedOn) {
	}

	record ResultInput(@ClientId String changeId, String measureId, int baseVersion,
			@Text(min = 2, max = 1000, lines = true) String result, LocalDate on) {
	}

	record EndMeasureInput(@ClientId String changeId, String measureId, int baseVersion, LocalDate endedOn,
			@Text(min = 2, max = 1000, lines = true) @Nullable String result) {
	}

}
