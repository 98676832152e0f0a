package cn.ankang.bangfu.population;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.values.Money;

/**
 * Follow-up support of a relocated household in a year (易地搬迁后续扶持), of one kind.
 *
 * @param householdKey the registered household
 * @param year the year
 * @param kind the kind of support
 * @param amountFen the money paid, in fen, if any was
 */
record RelocationSupport(long householdKey, int year, Kind kind, @Nullable Long amountFen) {

	/** The most one kind of support pays a household in a year: 100,000 yuan. */
	static final long MAX_AMOUNT_FEN = 10_000_000;

	public @Nullable BigDecimal amount() {
		return (this.amountFen != null) ? Money.yuan(this.amountFen) : null;
	}

	/** The kinds of follow-up support. */
	enum Kind {

		/** 就业: a job found or kept. */
		JOB,

		/** 产业: an industry to earn from. */
		INDUSTRY,

		/** 社区服务: the community's services (schooling, care, registration). */
		SERVICE,

		/** 培训. */
		TRAINING,

		OTHER

	}

}
