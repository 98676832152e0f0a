package cn.ankang.bangfu.population;

import java.math.BigDecimal;

import cn.ankang.bangfu.shared.values.Money;

/**
 * A registered household's year: the people who shared its income and the per-capita net
 * income (人均纯收入).
 *
 * @param householdKey the household
 * @param year the year
 * @param people the people
 * @param perCapitaIncomeFen per-capita net income in fen
 * @param peopleInWork its people in work, all places and ways together; null when not
 * recorded
 */
record HouseholdYear(long householdKey, int year, int people, long perCapitaIncomeFen,
		@org.jspecify.annotations.Nullable Integer peopleInWork) {

	public BigDecimal perCapitaNetIncome() {
		return Money.yuan(this.perCapitaIncomeFen);
	}

}
