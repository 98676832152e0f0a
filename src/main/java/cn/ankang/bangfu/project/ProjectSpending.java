package cn.ankang.bangfu.project;

import java.math.BigDecimal;
import java.time.LocalDate;

import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.values.Money;

/**
 * Money spent on a project from one source, against a voucher.
 *
 * @param key database key
 * @param projectKey the project's key
 * @param source the source it was spent from
 * @param amountFen the amount, in fen
 * @param spentOn the day it was spent
 * @param voucherNumber the voucher's number (凭证号)
 */
public record ProjectSpending(long key, long projectKey, FundAllocation.Source source, long amountFen,
		LocalDate spentOn, String voucherNumber) {

	public String id() {
		return GlobalId.of("ProjectSpending", this.key);
	}

	public BigDecimal amount() {
		return Money.yuan(this.amountFen);
	}

}
