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
 */
record HouseholdMember(long householdKey, String name, Relation relation, Gender gender, LocalDate birthDate,
		@Nullable String idNumber) {

	/** Relations to the head of household. */
	enum Relation {

		HEAD, SPOUSE, CHILD, PARENT, GRANDCHILD, SIBLING, OTHER

	}

}
