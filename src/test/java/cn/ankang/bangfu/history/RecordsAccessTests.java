package cn.ankang.bangfu.history;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.RecordsTestSupport;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every mutation that keeps records, against a role it allows and one it refuses: the
 * refused role gets {@code FORBIDDEN} before anything is read; the allowed role passes
 * the gate and reaches the input's checks (here a change id that is not a UUID, refused
 * as {@code INVALID_INPUT} on {@code changeId}). The features' own tests show what each
 * role may do within its jurisdiction.
 */
class RecordsAccessTests extends RecordsTestSupport {

	/** Mutation, input type, input with a bad change id, allowed role, refused role. */
	private static final List<Object[]> MUTATIONS = List.of(
			row("createAssistanceUnit", "CreateAssistanceUnitInput",
					Map.of("name", "某单位", "level", "CENTRAL", "kind", "OTHER"), "CITY_LEADER", "COUNTY_OFFICER"),
			row("updateAssistanceUnit", "UpdateAssistanceUnitInput", Map.of("unitId", "x", "baseVersion", 1), "ADMIN",
					"UNIT_MANAGER"),
			row("pairUnitWithVillage", "PairUnitWithVillageInput",
					Map.of("unitId", "x", "villageId", "x", "startedOn", "2024-01-01"), "CITY_LEADER", "TOWN_OFFICER"),
			row("endUnitPairing", "EndUnitPairingInput",
					Map.of("pairingId", "x", "baseVersion", 1, "endedOn", "2024-01-01"), "CITY_LEADER", "DEVELOPER"),
			row("createLeader", "CreateLeaderInput", Map.of("name", "某某", "title", "副市长"), "CITY_LEADER",
					"COUNTY_OFFICER"),
			row("assignLeaderLiaison", "AssignLeaderLiaisonInput",
					Map.of("leaderId", "x", "countyCode", COUNTY, "startedOn", "2024-01-01"), "ADMIN", "TOWN_OFFICER"),
			row("endLeaderLiaison", "EndLeaderLiaisonInput",
					Map.of("liaisonId", "x", "baseVersion", 1, "endedOn", "2024-01-01"), "CITY_LEADER", "UNIT_MANAGER"),
			row("registerCadre", "RegisterCadreInput", Map.of("name", "某某", "gender", "MALE", "dispatchingUnitId", "x"),
					"COUNTY_OFFICER", "CITY_LEADER"),
			row("postCadre", "PostCadreInput",
					Map.of("cadreId", "x", "villageId", "x", "role", "TEAM_MEMBER", "startedOn", "2024-01-01"),
					"UNIT_MANAGER", "TOWN_OFFICER"),
			row("rotatePosting", "RotatePostingInput",
					Map.of("postingId", "x", "baseVersion", 1, "successorCadreId", "x", "on", "2024-01-01",
							"handoverNote", "交接"),
					"COUNTY_OFFICER", "CITY_LEADER"),
			row("endPosting", "EndPostingInput",
					Map.of("postingId", "x", "baseVersion", 1, "endedOn", "2024-01-01", "reason", "召回"), "ADMIN",
					"DEVELOPER"),
			row("createProject", "CreateProjectInput",
					Map.of("name", "某项目", "category", "OTHER", "year", 2024, "countyCode", COUNTY, "plannedAmount",
							"1.00", "enteredOn", "2024-01-01"),
					"COUNTY_OFFICER", "TOWN_OFFICER"),
			row("advanceProject", "AdvanceProjectInput",
					Map.of("projectId", "x", "baseVersion", 1, "to", "APPROVED", "on", "2024-01-01"), "UNIT_MANAGER",
					"CITY_LEADER"),
			row("allocateProjectFunds", "AllocateProjectFundsInput",
					Map.of("projectId", "x", "baseVersion", 1, "source", "SOCIAL", "amount", "1.00", "documentNumber",
							"文号", "allocatedOn", "2024-01-01"),
					"COUNTY_OFFICER", "UNIT_MANAGER"),
			row("recordProjectSpending", "RecordProjectSpendingInput",
					Map.of("projectId", "x", "source", "SOCIAL", "amount", "1.00", "spentOn", "2024-01-01",
							"voucherNumber", "凭证"),
					"UNIT_MANAGER", "TOWN_OFFICER"),
			row("recordProjectAsset", "RecordProjectAssetInput",
					Map.of("projectId", "x", "name", "资产", "kind", "PUBLIC_WELFARE", "value", "1.00", "owner", "村集体",
							"maintenanceBody", "村委会", "recordedOn", "2024-01-01"),
					"COUNTY_OFFICER", "CITY_LEADER"),
			row("linkProjectBeneficiaries", "LinkProjectBeneficiariesInput", Map.of("projectId", "x", "baseVersion", 1),
					"ADMIN", "TOWN_OFFICER"),
			row("includeHouseholdInMonitoring", "IncludeHouseholdInput",
					Map.of("householdId", "x", "category", "MARGINAL_AT_RISK", "riskTypes", List.of("ILLNESS"),
							"source", "VISIT", "foundOn", "2024-01-01"),
					"TOWN_OFFICER", "CITY_LEADER"),
			row("addHouseholdMember", "AddHouseholdMemberInput",
					Map.of("householdId", "x", "name", "某某", "relation", "CHILD", "gender", "MALE", "birthDate",
							"2024-01-01"),
					"COUNTY_OFFICER", "ADMIN"),
			row("correctHouseholdMember", "CorrectHouseholdMemberInput", Map.of("memberId", "x", "baseVersion", 1),
					"TOWN_OFFICER", "UNIT_MANAGER"),
			row("recordMemberLeaving", "RecordMemberLeavingInput",
					Map.of("memberId", "x", "baseVersion", 1, "reason", "MOVED_OUT", "on", "2024-01-01"),
					"COUNTY_OFFICER", "DEVELOPER"),
			row("recordHouseholdIncome", "RecordHouseholdIncomeInput",
					Map.of("householdId", "x", "baseVersion", 1, "year", 2024, "wages", "0.00", "business", "0.00",
							"transfers", "0.00", "property", "0.00"),
					"TOWN_OFFICER", "CITY_LEADER"),
			row("startAssistanceMeasure", "StartAssistanceMeasureInput",
					Map.of("householdId", "x", "type", "OTHER", "description", "措施", "startedOn", "2024-01-01"),
					"COUNTY_OFFICER", "UNIT_MANAGER"),
			row("recordMeasureResult", "RecordMeasureResultInput",
					Map.of("measureId", "x", "baseVersion", 1, "result", "增收", "on", "2024-01-01"), "TOWN_OFFICER",
					"ADMIN"),
			row("endAssistanceMeasure", "EndAssistanceMeasureInput",
					Map.of("measureId", "x", "baseVersion", 1, "endedOn", "2024-01-01"), "COUNTY_OFFICER",
					"CITY_LEADER"));

	private static Object[] row(String mutation, String inputType, Map<String, Object> input, String allowed,
			String refused) {
		Map<String, Object> withBadId = new java.util.HashMap<>(input);
		withBadId.put("changeId", "not-a-uuid");
		return new Object[] { mutation, inputType, withBadId, allowed, refused };
	}

	@Test
	void everyMutationIsForbiddenToARoleWithoutTheRightAndOpenToOneWithIt() {
		for (Object[] row : MUTATIONS) {
			String mutation = (String) row[0];
			String inputType = (String) row[1];
			@SuppressWarnings("unchecked")
			Map<String, Object> input = (Map<String, Object>) row[2];
			assertRefused(tester((String) row[4]), mutation, inputType, input, "FORBIDDEN");
			Map<String, Object> payload = send(tester((String) row[3]), mutation, inputType, input, "");
			assertThat(codes(payload)).as(mutation).contains("INVALID_INPUT");
			assertThat(payload.toString()).as(mutation).contains("changeId");
		}
	}

	private HttpGraphQlTester tester(String role) {
		return switch (role) {
			case "ADMIN" -> admin();
			case "CITY_LEADER" -> cityLeader();
			case "COUNTY_OFFICER" -> countyOfficer(COUNTY);
			case "TOWN_OFFICER" -> townOfficer(COUNTY + "001");
			case "DEVELOPER" -> developer();
			case "UNIT_MANAGER" -> user("UNIT_MANAGER", Map.of("unitId", unitId()));
			default -> throw new IllegalArgumentException(role);
		};
	}

	private String unit;

	private String unitId() {
		if (this.unit == null) {
			this.unit = (String) made(send(cityLeader(), "createAssistanceUnit", "CreateAssistanceUnitInput",
					Map.of("changeId", changeId(), "name", unique("访问测试单位"), "level", "MUNICIPAL", "kind", "OTHER"),
					"unit { id }"), "unit")
				.get("id");
		}
		return this.unit;
	}

}
