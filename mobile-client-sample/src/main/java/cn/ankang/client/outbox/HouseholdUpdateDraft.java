package cn.ankang.client.outbox;

import java.time.LocalDate;
import java.util.List;

import org.json.JSONArray;
import org.json.JSONObject;

/**
 * What the cadre found about a household ({@code updateHousehold}), based on the
 * household's version the phone holds: a household changed meanwhile answers
 * {@code STALE_VERSION}, and the update is held for the cadre to look at the household as
 * it stands. Builds the service's {@code UpdateHouseholdInput}.
 */
public final class HouseholdUpdateDraft implements Draft {

	private final JSONObject input = new JSONObject();

	/**
	 * An update.
	 * @param householdId the household's global id
	 * @param baseVersion the household's {@code version} as the phone holds it
	 */
	public HouseholdUpdateDraft(String householdId, int baseVersion) {
		this.input.put("householdId", householdId).put("baseVersion", baseVersion);
	}

	/**
	 * Risks found that the household did not have.
	 * @param riskTypes the service's {@code RiskType} names
	 * @return this draft
	 */
	public HouseholdUpdateDraft addRiskTypes(List<String> riskTypes) {
		this.input.put("addRiskTypes", new JSONArray(riskTypes));
		return this;
	}

	/**
	 * An assistance measure begun.
	 * @param type the {@code MeasureType}
	 * @param description what is done, at most 500 characters
	 * @param startedOn when it started
	 * @return this draft
	 */
	public HouseholdUpdateDraft addMeasure(String type, String description, LocalDate startedOn) {
		this.input.put("addMeasure",
				new JSONObject().put("type", type)
					.put("description", description)
					.put("startedOn", startedOn.toString()));
		return this;
	}

	/**
	 * A year's per-capita net income.
	 * @param year the year
	 * @param perCapitaIncome yuan as a decimal string with two places, e.g.
	 * {@code "8650.00"}
	 * @return this draft
	 */
	public HouseholdUpdateDraft recordIncome(int year, String perCapitaIncome) {
		this.input.put("recordIncome", new JSONObject().put("year", year).put("perCapitaIncome", perCapitaIncome));
		return this;
	}

	@Override
	public WriteKind kind() {
		return WriteKind.HOUSEHOLD_UPDATE;
	}

	@Override
	public JSONObject toInput(String changeId) {
		return new JSONObject(this.input.toString()).put("changeId", changeId);
	}

}
