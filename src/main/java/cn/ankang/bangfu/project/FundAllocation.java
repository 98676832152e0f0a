package cn.ankang.bangfu.project;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.values.Money;

/**
 * The money one source puts into a project.
 *
 * @param projectKey the project's key
 * @param source where the money comes from
 * @param plannedFen planned, in fen
 * @param spentFen spent so far, in fen
 * @param documentNumber the document that allocated it (文号), if recorded
 * @param allocatedOn the document's date, if recorded
 */
public record FundAllocation(long projectKey, Source source, long plannedFen, long spentFen,
		@Nullable String documentNumber, java.time.@Nullable LocalDate allocatedOn) {

	public BigDecimal plannedAmount() {
		return Money.yuan(this.plannedFen);
	}

	public BigDecimal spentAmount() {
		return Money.yuan(this.spentFen);
	}

	/** Fund sources. */
	public enum Source {

		CENTRAL_LINKAGE, PROVINCIAL_LINKAGE, MUNICIPAL_LINKAGE, COUNTY_LINKAGE, EAST_WEST_COLLABORATION,
		DESIGNATED_ASSISTANCE, SOCIAL, SECTOR_DEPARTMENTS

	}

}
