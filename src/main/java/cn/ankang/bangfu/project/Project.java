package cn.ankang.bangfu.project;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.GlobalId;
import cn.ankang.bangfu.shared.Money;

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
 * @param plannedFen money planned over all sources, in fen
 * @param spentFen money spent over all sources, in fen
 * @param beneficiaryHouseholds households expected to benefit
 * @param beneficiaryPeople people expected to benefit
 */
public record Project(long key, String name, Category category, @Nullable Industry industry, int year, Status status,
		long countyKey, @Nullable Long townKey, @Nullable Long villageKey, @Nullable Long implementingUnitKey,
		long plannedFen, long spentFen, @Nullable Integer beneficiaryHouseholds, @Nullable Integer beneficiaryPeople) {

	public String id() {
		return GlobalId.of("Project", this.key);
	}

	public BigDecimal plannedAmount() {
		return Money.yuan(this.plannedFen);
	}

	public BigDecimal spentAmount() {
		return Money.yuan(this.spentFen);
	}

	/** Project categories. */
	public enum Category {

		INDUSTRY, EMPLOYMENT, INFRASTRUCTURE, PUBLIC_SERVICE, HOUSING, EDUCATION, HEALTH, OTHER

	}

	/** The "6+X" industries. */
	public enum Industry {

		TEA, KONJAC, PIGS, ECO_FISHERY, HERBAL_MEDICINE, COMMUNITY_FACTORY, OTHER

	}

	/** Where a project stands. */
	public enum Status {

		PIPELINE, APPROVED, IN_PROGRESS, COMPLETED, ASSETS_HANDED_OVER

	}

}
