package cn.ankang.bangfu.household;

import java.time.LocalDate;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.history.ClientChanges;
import cn.ankang.bangfu.history.Outcome;
import cn.ankang.bangfu.history.Refusals;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.shared.values.ClientId;
import cn.ankang.bangfu.shared.values.Gender;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.values.IdNumber;
import cn.ankang.bangfu.shared.values.Text;
import cn.ankang.bangfu.shared.errors.UserError;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps a monitored household's members as they are born, die and move: recorded with the
 * day, nothing deleted. Who may, and the household's version, as {@link RecordKeeping}
 * says.
 */
@Service
class MemberRecords {

	private final HouseholdRepository households;

	private final MemberRepository members;

	private final RecordKeeping keeping;

	private final ClientChanges changes;

	MemberRecords(HouseholdRepository households, MemberRepository members, RecordKeeping keeping,
			ClientChanges changes) {
		this.households = households;
		this.members = members;
		this.keeping = keeping;
		this.changes = changes;
	}

	/** Adds a member (born, married in, moved in). */
	@Transactional
	Outcome<MemberChange> addMember(AddMemberInput input) {
		CurrentUser user = RecordKeeping.requireKeeper();
		return this.changes.once("addHouseholdMember", input.changeId(), input, () -> {
			Household household = this.keeping.responsibleFor(input.householdId());
			if (household == null) {
				return Outcome.refused(null, Refusals.notFound("household", "农户", "householdId"));
			}
			Optional<UserError> refused = Refusals
				.day(input.birthDate(), this.keeping.today(), RecordKeeping.OLDEST_BIRTH, "birthDate")
				.or(() -> idNumberTaken(input.idNumber(), 0))
				.or(() -> headTaken(input.relation(), household.key(), 0, input.idNumber()));
			if (refused.isPresent()) {
				return Outcome.refused(null, refused.get());
			}
			long key = this.members.insertMember(household.key(), input.name().strip(), input.relation(),
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
		CurrentUser user = RecordKeeping.requireKeeper();
		return this.changes.once("correctHouseholdMember", input.changeId(), input, () -> {
			RecordKeeping.Held<HouseholdMember> held = heldMember(input.memberId(), input.baseVersion());
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
			Optional<UserError> refused = Refusals
				.day(birth, this.keeping.today(), RecordKeeping.OLDEST_BIRTH, "birthDate")
				.or(() -> (input.idNumber() != null) ? idNumberTaken(idNumber, member.key()) : Optional.empty())
				.or(() -> (member.status() == HouseholdMember.Status.PRESENT)
						? headTaken(relation, household.key(), member.key(), idNumber) : Optional.empty());
			if (refused.isPresent()) {
				return Outcome.refused(memberChange(member.key()), refused.get());
			}
			this.members.updateMember(member.key(), name, relation, gender, birth, idNumber);
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
		CurrentUser user = RecordKeeping.requireKeeper();
		return this.changes.once("recordMemberLeaving", input.changeId(), input, () -> {
			RecordKeeping.Held<HouseholdMember> held = heldMember(input.memberId(), input.baseVersion());
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
			Optional<UserError> day = Refusals.day(input.on(), this.keeping.today(), member.birthDate(), "on");
			if (day.isPresent()) {
				return Outcome.refused(memberChange(member.key()), day.get());
			}
			this.members.memberLeaves(member.key(), input.reason(), input.on());
			this.households.raiseVersion(household.key(), null);
			return Outcome.done(memberChange(member.key()));
		}, (change) -> change.member().key(), this::memberChange);
	}

	/**
	 * The member and its household held for a change, as {@link RecordKeeping#held} says.
	 */
	private RecordKeeping.Held<HouseholdMember> heldMember(String memberId, int baseVersion) {
		HouseholdMember member = GlobalId.numericKeyOf(memberId, HouseholdMember.TYPE)
			.flatMap(this.members::memberByKey)
			.orElse(null);
		return this.keeping.held(member, (member != null) ? member.householdKey() : 0, baseVersion, "member", "家庭成员",
				"memberId");
	}

	private Optional<UserError> idNumberTaken(@Nullable String idNumber, long exceptMember) {
		if (idNumber == null || !this.members.idNumberTaken(idNumber, exceptMember)) {
			return Optional.empty();
		}
		return Optional.of(Refusals.alreadyExists("A person with this ID number", "该身份证号的人员", "idNumber"));
	}

	private Optional<UserError> headTaken(HouseholdMember.Relation relation, long household, long member,
			@Nullable String idNumber) {
		if (relation != HouseholdMember.Relation.HEAD) {
			return Optional.empty();
		}
		if (this.members.hasHeadBesides(household, member)) {
			return Optional.of(Refusals.alreadyExists("The household's head", "该户户主", "relation"));
		}
		if (idNumber == null) {
			return Optional.of(Refusals.invalid("The head of a household is recorded with an ID number.", "户主须有身份证号。",
					"idNumber"));
		}
		return Optional.empty();
	}

	private @Nullable MemberChange memberChange(long key) {
		HouseholdMember member = this.members.memberByKey(key).orElse(null);
		Household household = (member != null) ? this.keeping.household(member.householdKey()) : null;
		return (household != null) ? new MemberChange(member.seenBy(household.personalDataVisible()), household) : null;
	}

	/** A member after a change, and the household it belongs to. */
	record MemberChange(HouseholdMember member, Household household) {
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

}
