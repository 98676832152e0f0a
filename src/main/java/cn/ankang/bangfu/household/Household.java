package cn.ankang.bangfu.household;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.values.PersonalRecord;

/**
 * A monitored household.
 *
 * @param key database key
 * @param villageKey its village's key
 * @param headName name of the head of household
 * @param headIdNumber the head's resident ID number
 * @param headPhone the head's phone number
 * @param category why it is monitored
 * @param riskTypes the risks it faces
 * @param identifiedOn when it was identified for monitoring
 * @param status monitored or risk eliminated
 * @param riskEliminatedOn when its risk was eliminated
 * @param responsibleCadreKey the key of the cadre responsible for it
 * @param memberCount how many people it has
 * @param version raised by every update, for optimistic concurrency
 * @param personalDataVisible whether the signed-in user is responsible for the household
 * and so sees its personal data unmasked
 */
public record Household(long key, long villageKey, String headName, String headIdNumber, @Nullable String headPhone,
		Category category, List<RiskType> riskTypes, LocalDate identifiedOn, Status status,
		@Nullable LocalDate riskEliminatedOn, @Nullable Long responsibleCadreKey, int memberCount,
		boolean personalDataVisible, int version) implements PersonalRecord {

	public static final String TYPE = "Household";

	public String id() {
		return GlobalId.of(TYPE, this.key);
	}

	/** Monitoring categories. */
	public enum Category {

		UNSTABLE_OUT_OF_POVERTY, MARGINAL_AT_RISK, SUDDEN_SEVERE_HARDSHIP

	}

	/** Monitoring statuses. */
	public enum Status {

		/** Found and being verified for inclusion; not monitored yet. */
		IDENTIFIED,

		/** Verified and not included. */
		NOT_INCLUDED,

		MONITORING, RISK_ELIMINATED

	}

}
