package cn.ankang.bangfu.household;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.values.Money;

/**
 * A household's net income in one year: per person, and by source where it was recorded
 * so.
 *
 * @param householdKey the household's key
 * @param year the year
 * @param perCapitaIncomeFen income per person, in fen
 * @param wagesFen wages (工资性收入), in fen, when recorded by source
 * @param businessFen net income from the household's own business (经营净收入)
 * @param transfersFen transfers (转移净收入): pensions, allowances, subsidies
 * @param propertyFen property income (财产净收入): rents, dividends
 * @param people the people it was shared by, when recorded by source
 */
record AnnualIncome(long householdKey, int year, long perCapitaIncomeFen, @Nullable Long wagesFen,
		@Nullable Long businessFen, @Nullable Long transfersFen, @Nullable Long propertyFen, @Nullable Integer people) {

	public BigDecimal perCapitaIncome() {
		return Money.yuan(this.perCapitaIncomeFen);
	}

	public @Nullable BigDecimal wages() {
		return yuan(this.wagesFen);
	}

	public @Nullable BigDecimal business() {
		return yuan(this.businessFen);
	}

	public @Nullable BigDecimal transfers() {
		return yuan(this.transfersFen);
	}

	public @Nullable BigDecimal property() {
		return yuan(this.propertyFen);
	}

	public @Nullable BigDecimal total() {
		return (this.wagesFen != null && this.businessFen != null && this.transfersFen != null
				&& this.propertyFen != null)
						? Money.yuan(this.wagesFen + this.businessFen + this.transfersFen + this.propertyFen) : null;
	}

	private static @Nullable BigDecimal yuan(@Nullable Long fen) {
		return (fen != null) ? Money.yuan(fen) : null;
	}

}
