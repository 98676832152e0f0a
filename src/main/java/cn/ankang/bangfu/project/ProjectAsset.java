package cn.ankang.bangfu.project;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.values.Money;

/**
 * An asset a project created (扶贫项目资产).
 *
 * @param key database key
 * @param projectKey the project's key
 * @param name what it is
 * @param kind income-earning, public or given to households
 * @param valueFen its value, in fen
 * @param owner who owns it (确权)
 * @param maintenanceBody who keeps it up (管护主体)
 * @param recordedOn when it was recorded
 * @param handedOverOn when it was handed over; null before
 */
public record ProjectAsset(long key, long projectKey, String name, Kind kind, long valueFen, String owner,
		String maintenanceBody, LocalDate recordedOn, @Nullable LocalDate handedOverOn) {

	public String id() {
		return GlobalId.of("ProjectAsset", this.key);
	}

	public BigDecimal value() {
		return Money.yuan(this.valueFen);
	}

	/** Kinds of assets. */
	public enum Kind {

		INCOME_EARNING, PUBLIC_WELFARE, TO_HOUSEHOLDS

	}

}
