package cn.ankang.bangfu.household;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.values.Gender;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.values.PersonalRecord;

/**
 * A member of a monitored household.
 *
 * @param key database key
 * @param householdKey the household's key
 * @param name full name
 * @param relation relation to the head
 * @param gender gender
 * @param birthDate date of birth
 * @param idNumber resident ID number, when known
 * @param status present, or why the member left
 * @param leftOn the day the member died or moved out; null while present
 * @param personalDataVisible whether the viewer is responsible for the household
 */
public record HouseholdMember(long key, long householdKey, String name, Relation relation, Gender gender,
		LocalDate birthDate, @Nullable String idNumber, Status status, @Nullable LocalDate leftOn,
		boolean personalDataVisible) implements PersonalRecord {

	public static final String TYPE = "HouseholdMember";

	public String id() {
		return GlobalId.of(TYPE, this.key);
	}

	/**
	 * The member as seen by a viewer who is, or is not, responsible for the household.
	 */
	/** A member's data is read as its household's. */
	@Override
	public String auditId() {
		return GlobalId.of(Household.TYPE, this.householdKey);
	}

	HouseholdMember seenBy(boolean responsible) {
		return new HouseholdMember(this.key, this.householdKey, this.name, this.relation, this.gender, this.birthDate,
				this.idNumber, this.status, this.leftOn, responsible);
	}

	/** Relations to the head of household. */
	public enum Relation {

		HEAD, SPOUSE, CHILD, PARENT, GRANDCHILD, SIBLING, OTHER

	}

	/** Whether a member is part of the household now. */
	public enum Status {

		PRESENT, DECEASED, MOVED_OUT

	}

}
