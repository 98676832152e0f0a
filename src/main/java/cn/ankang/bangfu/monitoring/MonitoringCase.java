package cn.ankang.bangfu.monitoring;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.household.RiskType;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.values.PersonalRecord;

/**
 * A household's monitoring case as it stands now.
 *
 * @param key the case's key
 * @param householdKey the household
 * @param villageKey the household's village
 * @param state where it stands
 * @param source how the risk was found
 * @param riskTypes the risks found
 * @param identifiedOn when the risk was found
 * @param includedOn when the county confirmed the household into monitoring
 * @param eliminatedOn when the county confirmed the risk eliminated
 * @param stateSince since when the state holds
 * @param version raised by every step
 * @param responsible whether the reader is responsible for the household, and so sees its
 * history and health-related risks
 */
record MonitoringCase(long key, long householdKey, long villageKey, CaseState state, Source source,
		List<RiskType> riskTypes, LocalDate identifiedOn, @Nullable LocalDate includedOn,
		@Nullable LocalDate eliminatedOn, OffsetDateTime stateSince, int version,
		boolean responsible) implements PersonalRecord {

	static final String TYPE = "MonitoringCase";

	public String id() {
		return GlobalId.of(TYPE, this.key);
	}

	@Override
	public boolean personalDataVisible() {
		return this.responsible;
	}

	/** How a case's risk was found. */
	enum Source {

		SELF_REPORT, VISIT, DEPARTMENT_WARNING, CARRIED_OVER

	}

}
