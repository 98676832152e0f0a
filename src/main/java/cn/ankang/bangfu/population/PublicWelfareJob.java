package cn.ankang.bangfu.population;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.values.Money;

/**
 * A public-welfare job (公益性岗位) held by a member of a registered household, in its
 * village.
 *
 * @param key its key
 * @param householdKey the registered household
 * @param villageKey its village
 * @param kind the kind of job
 * @param startedOn the first day held
 * @param endedOn the last day held; null while held
 * @param monthlyPayFen the pay a month, in fen
 * @param version raised by every change
 */
record PublicWelfareJob(long key, long householdKey, long villageKey, Kind kind, LocalDate startedOn,
		@Nullable LocalDate endedOn, long monthlyPayFen, int version) {

	static final String TYPE = "PublicWelfareJob";

	/** The most a month such a job pays: 5,000 yuan, far above what any does. */
	static final long MAX_MONTHLY_PAY_FEN = 500_000;

	public String id() {
		return GlobalId.of(TYPE, this.key);
	}

	public BigDecimal monthlyPay() {
		return Money.yuan(this.monthlyPayFen);
	}

	/** The kinds of public-welfare job. */
	enum Kind {

		/** 护路. */
		ROAD_MAINTENANCE,

		/** 保洁. */
		CLEANING,

		/** 护林. */
		FOREST_RANGER,

		/** 管水. */
		WATER_KEEPER,

		OTHER

	}

}
