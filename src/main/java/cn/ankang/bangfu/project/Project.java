package cn.ankang.bangfu.project;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.values.Money;

/**
 * An assistance project, with its money summed over its fund allocations.
 *
 * @param key database key
 * @param name name
 * @param category what it is for
 * @param industry the industry it builds up, for industry projects
 * @param year plan year
 * @param status where it stands
 * @param countyKey its county's key
 * @param townKey its town's key, when narrower than a county
 * @param villageKey its village's key, when narrower than a town
 * @param implementingUnitKey the key of the unit carrying it out, if any
 * @param plannedFen money planned when it entered the pipeline, in fen
 * @param allocatedFen money allocated over all sources, in fen
 * @param spentFen money spent over all sources, in fen
 * @param beneficiaryHouseholds households it benefits (planned, or linked)
 * @param beneficiaryPeople people it benefits
 * @param version raised by every change
 */
public record Project(long key, String name, Category category, @Nullable Industry industry, int year, Status status,
		long countyKey, @Nullable Long townKey, @Nullable Long villageKey, @Nullable Long implementingUnitKey,
		long plannedFen, long allocatedFen, long spentFen, @Nullable Integer beneficiaryHouseholds,
		@Nullable Integer beneficiaryPeople, int version) {

	public static final String TYPE = "Project";

	public String id() {
		return GlobalId.of(TYPE, this.key);
	}

	public BigDecimal plannedAmount() {
		return Money.yuan(this.plannedFen);
	}

	public BigDecimal allocatedAmount() {
		return Money.yuan(this.allocatedFen);
	}

	public BigDecimal spentAmount() {
		return Money.yuan(this.spentFen);
	}

	/** Project categories. */
	public enum Category {

		INDUSTRY, EMPLOYMENT, INFRASTRUCTURE, PUBLIC_SERVICE, HOUSING, EDUCATION, HEALTH, VILLAGE_CONSTRUCTION, OTHER

	}

	/** The "6+X" industries. */
	public enum Industry {

		TEA, KONJAC, PIGS, ECO_FISHERY, HERBAL_MEDICINE, COMMUNITY_FACTORY, OTHER

	}

	/**
	 * Where a project stands: the steps go forward one at a time, in this order, none
	 * skipped, none reversed.
	 */
	public enum Status {

		PIPELINE, APPROVED, IN_PROGRESS, COMPLETED, ACCEPTED, ASSETS_HANDED_OVER;

		/** The status a project moves to from this one; none after the last. */
		public java.util.Optional<Status> next() {
			return (ordinal() + 1 < values().length) ? java.util.Optional.of(values()[ordinal() + 1])
					: java.util.Optional.empty();
		}

		/**
		 * Whether the step into this status names its document (文号): approval, acceptance
		 * and the handover of assets are decided by one.
		 */
		public boolean namesItsDocument() {
			return this == APPROVED || this == ACCEPTED || this == ASSETS_HANDED_OVER;
		}

		/**
		 * Whether the step into this status is progress the implementing unit reports
		 * itself (work begun, work done), not a decision of the county.
		 */
		public boolean reportedByTheImplementingUnit() {
			return this == IN_PROGRESS || this == COMPLETED;
		}

		/** Whether money is spent on a project in this status: from its approval on. */
		public boolean spends() {
			return this != PIPELINE;
		}

		/**
		 * Whether funds are allocated to a project in this status (资金下达): after its
		 * approval, until its completion.
		 */
		public boolean takesFunds() {
			return this == APPROVED || this == IN_PROGRESS || this == COMPLETED;
		}

		/**
		 * Whether the assets a project created are recorded in this status: once it is
		 * completed or accepted, before they are handed over.
		 */
		public boolean recordsAssets() {
			return this == COMPLETED || this == ACCEPTED;
		}

	}

}
