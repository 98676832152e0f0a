package cn.ankang.bangfu.project;

import java.math.BigDecimal;

import cn.ankang.bangfu.shared.Money;

/**
 * The money one source puts into a project.
 *
 * @param projectKey the project's key
 * @param source where the money comes from
 * @param plannedFen planned, in fen
 * @param spentFen spent so far, in fen
 */
public record FundAllocation(long projectKey, Source source, long plannedFen, long spentFen) {

	public BigDecimal plannedAmount() {
		return Money.yuan(this.plannedFen);
	}

	public BigDecimal spentAmount() {
		return Money.yuan(this.spentFen);
	}

	/** Fund sources. */
	public enum Source {

		CENTRAL_LINKAGE, PROVINCIAL_LINKAGE, MUNICIPAL_LINKAGE, COUNTY_LINKAGE, EAST_WEST_COLLABORATION,
		DESIGNATED_ASSISTANCE, SOCIAL

	}

}
