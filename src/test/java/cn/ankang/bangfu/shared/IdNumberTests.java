package cn.ankang.bangfu.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import cn.ankang.bangfu.shared.values.IdNumber;

/**
 * The check digit of resident ID numbers (GB 11643-1999, ISO 7064 MOD 11-2), against
 * numbers whose check digits are published.
 */
class IdNumberTests {

	@Test
	void publishedNumbersAreValidAndAnyOtherCheckDigitIsNot() {
		// the standard's own example, and two whose check digits are 0 and X
		for (String number : new String[] { "11010519491231002X", "440524188001010014", "11010119900307803X" }) {
			assertThat(IdNumber.Validator.isValid(number)).as(number).isTrue();
			for (char other : "0123456789X".toCharArray()) {
				if (other != number.charAt(17)) {
					assertThat(IdNumber.Validator.isValid(number.substring(0, 17) + other)).as(number + other)
						.isFalse();
				}
			}
		}
	}

	@Test
	void aNumberMangledByASpreadsheetOrAShortOneIsNot() {
		assertThat(IdNumber.Validator.isValid("1.10105194912E+17")).isFalse();
		assertThat(IdNumber.Validator.isValid("110105194912310020")).isFalse();
		assertThat(IdNumber.Validator.isValid("11010519491231002x")).isFalse();
		assertThat(IdNumber.Validator.isValid("1101051949123100")).isFalse();
	}

}
