package cn.ankang.bangfu.household;

import java.math.BigDecimal;

import cn.ankang.bangfu.shared.Money;

/**
 * A household's per-capita net income in one year.
 *
 * @param householdKey the household's key
 * @param year the year
 * @param perCapitaIncomeFen income per person, in fen
 */
record AnnualIncome(long householdKey, int year, long perCapitaIncomeFen) {

	public BigDecimal perCapitaIncome() {
		return Money.yuan(this.perCapitaIncomeFen);
	}

}
