package cn.ankang.bangfu.project;

import java.math.BigDecimal;

import cn.ankang.bangfu.shared.values.Money;

/**
 * Totals over a set of projects.
 *
 * @param count how many projects
 * @param plannedFen money planned, in fen
 * @param spentFen money spent, in fen
 */
record ProjectTotals(int count, long plannedFen, long spentFen) {

	static final ProjectTotals NONE = new ProjectTotals(0, 0, 0);

	public BigDecimal plannedAmount() {
		return Money.yuan(this.plannedFen);
	}

	public BigDecimal spentAmount() {
		return Money.yuan(this.spentFen);
	}

}
