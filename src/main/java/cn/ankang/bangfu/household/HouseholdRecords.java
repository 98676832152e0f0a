package cn.ankang.bangfu.household;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.history.Outcome;
import cn.ankang.bangfu.history.Refusals;
import cn.ankang.bangfu.shared.values.Gender;
import cn.ankang.bangfu.shared.values.IdNumber;
import cn.ankang.bangfu.shared.values.MobilePhone;
import cn.ankang.bangfu.shared.values.Text;
import cn.ankang.bangfu.shared.errors.UserError;

import org.springframework.stereotype.Service;

/**
 * The changes to households' records (户档案) that the monitoring workflow makes as its
 * steps decide: registering a household found for monitoring with its members, starting a
 * measure agreed on a visit, adding or taking off risks. The workflow has decided that
 * the user may and runs them in its own transaction. The changes a household's keepers
 * make themselves are {@link MemberRecords}, {@link IncomeRecords} and
 * {@link MeasureRecords}.
 */
@Service
public class HouseholdRecords {

	private final HouseholdRepository households;

	private final MemberRepository members;

	private final MeasureRepository measures;

	private final RecordKeeping keeping;

	HouseholdRecords(HouseholdRepository households, MemberRepository members, MeasureRepository measures,
			RecordKeeping keeping) {
		this.households = households;
		this.members = members;
		this.measures = measures;
		this.keeping = keeping;
	}

	/**
	 * Registers a household found for monitoring, with its head and members, as
	 * {@code IDENTIFIED}: for the monitoring workflow, which has decided the user may and
	 * opens its case in the same transaction. The input is checked already.
	 * @return the household, or why it cannot be registered (fields under {@code field})
	 */
	public Outcome<Household> register(long villageKey, NewHousehold input, Household.Category category,
			List<RiskType> risks, LocalDate identifiedOn, String field) {
		LocalDate today = this.keeping.today();
		List<UserError> errors = new ArrayList<>();
		Refusals.day(input.headBirthDate(), today, RecordKeeping.OLDEST_BIRTH, "headBirthDate")
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
			Refusals.day(member.birthDate(), today, RecordKeeping.OLDEST_BIRTH, "birthDate")
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
		for (String idNumber : this.members.idNumbersTaken(idNumbers)) {
			errors.add(under(Refusals.alreadyExists("A person with the ID number %s".formatted(idNumber),
					"身份证号为 %s 的人员".formatted(idNumber), "idNumber"), field));
		}
		if (!errors.isEmpty()) {
			return Outcome.refused(null, errors);
		}
		long key = this.households.insertHousehold(villageKey, input.headName().strip(), input.headIdNumber(),
				input.headPhone(), category, risks, identifiedOn);
		this.members.insertMember(key, input.headName().strip(), HouseholdMember.Relation.HEAD, input.headGender(),
				input.headBirthDate(), input.headIdNumber());
		for (NewMember member : members) {
			this.members.insertMember(key, member.name().strip(), member.relation(), member.gender(),
					member.birthDate(), member.idNumber());
		}
		return Outcome.done(this.keeping.household(key));
	}

	/**
	 * Starts a measure agreed at the door on a visit (跟进帮扶措施), for the monitoring
	 * workflow, which has stored the visit of a cadre posted in the household's village:
	 * the visit is its authority and its exactly-once.
	 * @return the measure's key
	 */
	public long startAgreedMeasure(long household, AssistanceMeasure.Type type, String description,
			LocalDate startedOn) {
		long key = this.measures.insertMeasure(household, type, description, startedOn);
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

	private static UserError under(UserError error, String path) {
		List<String> field = new ArrayList<>(List.of("input"));
		field.addAll(List.of(path.split("\\.")));
		field.addAll(error.field().subList(1, error.field().size()));
		return new UserError(error.code(), error.message(), List.copyOf(field), error.chinese());
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

}
