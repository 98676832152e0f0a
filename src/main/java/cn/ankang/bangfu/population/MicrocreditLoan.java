package cn.ankang.bangfu.population;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.values.Money;

/**
 * A microcredit loan to a household lifted out of poverty (脱贫人口小额信贷).
 *
 * @param key its key
 * @param householdKey the registered household
 * @param villageKey its village
 * @param amountFen the amount lent
 * @param termMonths the term
 * @param issuedOn the day it was issued
 * @param dueOn the day it falls due
 * @param repaidFen what was repaid, all repayments together
 * @param repaidOn the day of the last repayment
 * @param version raised by every change
 * @param status its status on the day it was read as of (today, unless asked otherwise)
 */
record MicrocreditLoan(long key, long householdKey, long villageKey, long amountFen, int termMonths, LocalDate issuedOn,
		LocalDate dueOn, long repaidFen, @Nullable LocalDate repaidOn, int version, Status status) {

	static final String TYPE = "MicrocreditLoan";

	/** The most a loan lends: 50,000 yuan. */
	static final long MAX_AMOUNT_FEN = 5_000_000;

	/** The longest term: three years. */
	static final int MAX_TERM_MONTHS = 36;

	public String id() {
		return GlobalId.of(TYPE, this.key);
	}

	public BigDecimal amount() {
		return Money.yuan(this.amountFen);
	}

	public BigDecimal repaid() {
		return Money.yuan(this.repaidFen);
	}

	/** What is still owed. */
	public BigDecimal owed() {
		return Money.yuan(owedFen());
	}

	long owedFen() {
		return this.amountFen - this.repaidFen;
	}

	/** A loan's status on a day, from what was repaid of it by then. */
	static Status statusOn(LocalDate day, long amountFen, LocalDate dueOn, long repaidByThenFen) {
		if (repaidByThenFen >= amountFen) {
			return Status.REPAID;
		}
		return dueOn.isBefore(day) ? Status.OVERDUE : Status.OUTSTANDING;
	}

	/** A loan's status on a day. */
	enum Status {

		/** Not repaid in full and not yet due. */
		OUTSTANDING,

		/** Repaid in full. */
		REPAID,

		/** Due and not repaid in full. */
		OVERDUE

	}

}
