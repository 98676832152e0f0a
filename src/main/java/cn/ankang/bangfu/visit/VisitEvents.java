package cn.ankang.bangfu.visit;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.household.AssistanceMeasure;
import cn.ankang.bangfu.household.RiskType;

/**
 * What a visit does beyond being stored, for the features it acts on, published in the
 * transaction that stored it (listeners run in it too, each in a savepoint of its own:
 * what a visit sets off never costs the visit).
 */
public final class VisitEvents {

	private VisitEvents() {
	}

	/**
	 * A visit stored for the first time (not a resend, not a correction).
	 *
	 * @param visitKey the visit's id
	 * @param householdKey the household visited, for household visits
	 * @param villageKey its village
	 * @param occurredOn the day it took place, in the programme's time zone
	 * @param taskId the task the cadre said it fulfils (a global id as sent), if any
	 * @param userKey who logged it
	 * @param hardship what the cadre found that may put the household at risk
	 * @param followUpMeasures the measures agreed at the door
	 */
	public record Logged(UUID visitKey, @Nullable Long householdKey, long villageKey, LocalDate occurredOn,
			@Nullable String taskId, long userKey, Hardship hardship, List<FollowUpMeasure> followUpMeasures) {
	}

	/**
	 * The visits one request stored for the first time, in the order they were stored:
	 * one event per request, so that a listener can read what it needs for a phone's
	 * whole queue at once rather than once per visit.
	 *
	 * @param visits the visits, none a resend or a correction
	 */
	public record LoggedTogether(List<Logged> visits) {
	}

	/**
	 * What a visit found that may put a household at risk, as risks: the risks the cadre
	 * named, and for each of the three guarantees and drinking water found not secure the
	 * matching risk.
	 *
	 * @param risks the risks found
	 * @param incomeFell whether the household's income fell
	 */
	public record Hardship(Set<RiskType> risks, boolean incomeFell) {

		/** Nothing found. */
		public static final Hardship NONE = new Hardship(Set.of(), false);

		public boolean any() {
			return !this.risks.isEmpty() || this.incomeFell;
		}

		static Hardship of(VisitWriting.@Nullable FindingsInput findings) {
			if (findings == null) {
				return NONE;
			}
			Set<RiskType> risks = EnumSet.noneOf(RiskType.class);
			if (findings.newRiskTypes() != null) {
				findings.newRiskTypes().stream().filter((risk) -> risk != RiskType.HEALTH_WITHHELD).forEach(risks::add);
			}
			if (Boolean.FALSE.equals(findings.schoolingSecure())) {
				risks.add(RiskType.SCHOOLING_COSTS);
			}
			if (Boolean.FALSE.equals(findings.medicalCareSecure())) {
				risks.add(RiskType.ILLNESS);
			}
			if (Boolean.FALSE.equals(findings.housingSafe())) {
				risks.add(RiskType.HOUSING_SAFETY);
			}
			if (Boolean.FALSE.equals(findings.drinkingWaterSafe())) {
				risks.add(RiskType.DRINKING_WATER);
			}
			return new Hardship(Set.copyOf(risks), findings.incomeChange() == Visit.IncomeChange.FELL);
		}

	}

	/**
	 * An assistance measure agreed at the door (跟进帮扶措施).
	 *
	 * @param type the kind of assistance
	 * @param description what is done
	 * @param startedOn when it starts
	 */
	public record FollowUpMeasure(AssistanceMeasure.Type type, String description, LocalDate startedOn) {
	}

}
