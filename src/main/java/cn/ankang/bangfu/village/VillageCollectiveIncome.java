package cn.ankang.bangfu.village;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.values.Money;

/**
 * A village's collective income of a year (村集体经济收入).
 *
 * @param key database key
 * @param villageKey the village's key
 * @param year the year
 * @param incomeFen the income, in fen
 * @param sourceNote where the figure comes from, if said
 * @param version raised by every change
 */
record VillageCollectiveIncome(long key, long villageKey, int year, long incomeFen, @Nullable String sourceNote,
		int version) {

	/** Collective income of at least this much (10万元) is what the report counts. */
	static final long REPORT_THRESHOLD_FEN = 100_000L * 100;

	public String id() {
		return GlobalId.of("VillageCollectiveIncome", this.key);
	}

	public BigDecimal income() {
		return Money.yuan(this.incomeFen);
	}

	public boolean atLeast100k() {
		return this.incomeFen >= REPORT_THRESHOLD_FEN;
	}

}
