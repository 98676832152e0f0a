package cn.ankang.bangfu.household;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.Gender;

/**
 * A member of a monitored household.
 *
 * @param householdKey the household's key
 * @param name full name
 * @param relation relation to the head
 * @param gender gender
 * @param birthDate date of birth
 * @param idNumber resident ID number, when known
 * @param personalDataVisible whether the viewer is responsible for the household
 */
record HouseholdMember(long householdKey, String name, Relation relation, Gender gender, LocalDate birthDate,
		@Nullable String idNumber, boolean personalDataVisible) {

	/**
	 * The member as seen by a viewer who is, or is not, responsible for the household.
	 */
	HouseholdMember seenBy(boolean responsible) {
		return new HouseholdMember(this.householdKey, this.name, this.relation, this.gender, this.birthDate,
				this.idNumber, responsible);
	}

	/** Relations to the head of household. */
	enum Relation {

		HEAD, SPOUSE, CHILD, PARENT, GRANDCHILD, SIBLING, OTHER

	}

}
