package cn.ankang.bangfu.shared.values;

import java.math.BigDecimal;

/**
 * Conversions between the fen (1/100 yuan) the database keeps and the yuan the API shows.
 */
public final class Money {

	private Money() {
	}

	/** The amount in yuan, exactly, of {@code fen}. */
	public static BigDecimal yuan(long fen) {
		return BigDecimal.valueOf(fen, 2);
	}

	/** An exact amount of yuan in fen. */
	public static long fen(BigDecimal yuan) {
		return yuan.movePointRight(2).longValueExact();
	}

}
