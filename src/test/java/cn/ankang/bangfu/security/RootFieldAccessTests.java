package cn.ankang.bangfu.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import graphql.schema.GraphQLFieldsContainer;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call which root field, through the real HTTP endpoint: every query, mutation
 * and subscription has a document here, refused to anonymous requests (but signing in),
 * and the admins' operations are forbidden to every other role.
 */
class RootFieldAccessTests extends ApiTestSupport {

	/**
	 * One document per root field; a new field without an entry here fails
	 * {@link #everyRootFieldIsCovered}.
	 */
	private static final Map<String, String> ROOT_FIELDS = Map.ofEntries(
			Map.entry("node", "{ node(id: \"Q291bnR5OjE\") { id } }"),
			Map.entry("nodes", "{ nodes(ids: [\"Q291bnR5OjE\"]) { id } }"),
			Map.entry("counties", "{ counties { code } }"),
			Map.entry("county", "{ county(code: \"610902\") { code } }"),
			Map.entry("town", "{ town(code: \"610902001\") { code } }"),
			Map.entry("village", "{ village(code: \"610902001001\") { code } }"),
			Map.entry("villages", "{ villages { totalCount } }"),
			Map.entry("assistanceUnits", "{ assistanceUnits { totalCount } }"),
			Map.entry("residentCadres", "{ residentCadres { totalCount } }"),
			Map.entry("leaderLiaisons", "{ leaderLiaisons { id } }"),
			Map.entry("projects", "{ projects { totalCount } }"),
			Map.entry("enterprises", "{ enterprises { totalCount } }"),
			Map.entry("enterpriseYears", "{ enterpriseYears { totalCount } }"),
			Map.entry("enterpriseFigures", "{ enterpriseFigures { total { enterprises } } }"),
			Map.entry("registerEnterprise", """
					mutation { registerEnterprise(input: {changeId: "x", name: "x", kind: COOPERATIVE, industry: TEA,
					  countyCode: "x", openedOn: "2024-01-01"}) { userErrors { code } } }"""),
			Map.entry("closeEnterprise", """
					mutation { closeEnterprise(input: {changeId: "x", enterpriseId: "x", baseVersion: 1,
					  closedOn: "2024-01-01"}) { userErrors { code } } }"""), Map.entry("recordEnterpriseYear", """
					mutation { recordEnterpriseYear(input: {changeId: "x", enterpriseId: "x", year: 2023,
					  linkedHouseholds: 0, linkedPeople: 0, workers: 0, workersOutOfPoverty: 0,
					  workersFromMonitoredHouseholds: 0}) { userErrors { code } } }"""),
			Map.entry("households", "{ households { totalCount } }"), Map.entry("visits", "{ visits { totalCount } }"),
			Map.entry("changes", "{ changes { cursor } }"), Map.entry("myTasks", "{ myTasks { totalCount } }"),
			Map.entry("tasks", "{ tasks { totalCount } }"),
			Map.entry("riskWarnings", "{ riskWarnings { totalCount } }"),
			Map.entry("importRiskWarnings", "mutation { importRiskWarnings(input: {warnings: []}) { matched } }"),
			Map.entry("resolveWarning",
					"mutation { resolveWarning(input: {warningId: \"x\"}) { userErrors { code } } }"),
			Map.entry("openMonitoringCase", """
					mutation { openMonitoringCase(input: {stepId: "x", householdId: "x", source: VISIT,
					  riskTypes: [ILLNESS]}) { userErrors { code } } }"""), Map.entry("recordCaseStep", """
					mutation { recordCaseStep(input: {stepId: "x", caseId: "x", action: VERIFY,
					  fromState: IDENTIFIED}) { userErrors { code } } }"""),
			Map.entry("completeTask",
					"mutation { completeTask(input: {completionId: \"x\", taskId: \"x\", note: \"x\"}) { userErrors { code } } }"),
			Map.entry("visitEffects", "{ visitEffects { totalCount } }"),
			Map.entry("guaranteeFigures", "{ guaranteeFigures { total { households } } }"),
			Map.entry("reportSource", "{ reportSource(year: 2023, figure: KEY_VILLAGES) { totalCount } }"),
			Map.entry("recordPublishedFigure", """
					mutation { recordPublishedFigure(input: {changeId: "x", year: 2023, figure: LINKAGE_FUNDS,
					  value: "1", roundedTo: "1", wording: "x"}) { userErrors { code } } }"""),
			Map.entry("reverseVisitEffect",
					"mutation { reverseVisitEffect(input: {changeId: \"x\", effectId: \"x\", reason: \"xx\"}) { userErrors { code } } }"),
			Map.entry("monitoringFigures", "{ monitoringFigures { total { households } } }"),
			Map.entry("populationFigures", "{ populationFigures { total { households } } }"),
			Map.entry("employmentFigures", "{ employmentFigures { total { peopleInWork } } }"),
			Map.entry("microcreditFigures", "{ microcreditFigures { total { loans } } }"),
			Map.entry("exitedHouseholds", "{ exitedHouseholds { totalCount } }"),
			Map.entry("microcreditLoans", "{ microcreditLoans { totalCount } }"),
			Map.entry("publicWelfareJobs", "{ publicWelfareJobs { totalCount } }"),
			Map.entry("trainingFigures", "{ trainingFigures { total { peopleTrained } } }"),
			Map.entry("publicWelfareJobFigures", "{ publicWelfareJobFigures { total { jobs } } }"),
			Map.entry("relocationFigures", "{ relocationFigures { total { households } } }"),
			Map.entry("recordExitedHouseholdTraining", """
					mutation { recordExitedHouseholdTraining(input: {changeId: "x", householdId: "x", baseVersion: 1,
					  year: 2023}) { userErrors { code } } }"""), Map.entry("setRelocationCommunity", """
					mutation { setRelocationCommunity(input: {changeId: "x", householdId: "x", baseVersion: 1}) {
					  userErrors { code } } }"""), Map.entry("recordRelocationSupport", """
					mutation { recordRelocationSupport(input: {changeId: "x", householdId: "x", baseVersion: 1,
					  year: 2023}) { userErrors { code } } }"""), Map.entry("postPublicWelfareJob", """
					mutation { postPublicWelfareJob(input: {changeId: "x", householdId: "x", kind: CLEANING,
					  startedOn: "2023-01-01", monthlyPay: "500"}) { userErrors { code } } }"""),
			Map.entry("endPublicWelfareJob", """
					mutation { endPublicWelfareJob(input: {changeId: "x", jobId: "x", baseVersion: 1,
					  endedOn: "2023-01-01"}) { userErrors { code } } }"""),
			Map.entry("registerExitedHousehold",
					"""
							mutation { registerExitedHousehold(input: {changeId: "x", villageId: "x", householdNumber: "x",
							  headName: "x", headIdNumber: "x", people: 1, exitedYear: 2019, relocated: false}) { userErrors { code } } }"""),
			Map.entry("recordExitedHouseholdYear",
					"""
							mutation { recordExitedHouseholdYear(input: {changeId: "x", householdId: "x", baseVersion: 1, year: 2023,
							  people: 1, perCapitaNetIncome: "1"}) { userErrors { code } } }"""),
			Map.entry("issueMicrocreditLoan",
					"""
							mutation { issueMicrocreditLoan(input: {changeId: "x", householdId: "x", amount: "1", termMonths: 12,
							  issuedOn: "2023-01-01"}) { userErrors { code } } }"""),
			Map.entry("recordMicrocreditRepayment",
					"""
							mutation { recordMicrocreditRepayment(input: {changeId: "x", loanId: "x", baseVersion: 1, amount: "1",
							  repaidOn: "2023-01-01"}) { userErrors { code } } }"""),
			Map.entry("measureFigures", "{ measureFigures { total { measures } } }"),
			Map.entry("fundFigures", "{ fundFigures { total { projects } } }"),
			Map.entry("projectFigures", "{ projectFigures { total { projects } } }"),
			Map.entry("cadreFigures", "{ cadreFigures { total { villages } } }"),
			Map.entry("assistanceUnitFigures", "{ assistanceUnitFigures { total { units } } }"),
			Map.entry("visitFigures", "{ visitFigures { total { visits } } }"),
			Map.entry("visitCoverageFigures", "{ visitCoverageFigures { total { coverage } } }"),
			Map.entry("villageFigures", "{ villageFigures { total { villages } } }"),
			Map.entry("recordVillageCollectiveIncome", """
					mutation { recordVillageCollectiveIncome(input: {changeId: "x", villageId: "x", year: 2023,
					  income: "1.00"}) { userErrors { code } } }"""), Map.entry("postLegalAdviser", """
					mutation { postLegalAdviser(input: {changeId: "x", villageId: "x", adviserName: "xx", lawFirm: "xx",
					  startedOn: "2024-01-01"}) { userErrors { code } } }"""), Map.entry("endLegalAdviserPosting", """
					mutation { endLegalAdviserPosting(input: {changeId: "x", postingId: "x", baseVersion: 1,
					  endedOn: "2024-01-01"}) { userErrors { code } } }"""), Map.entry("recordVillagePlan", """
					mutation { recordVillagePlan(input: {changeId: "x", villageId: "x", compiledYear: 2023})
					  { userErrors { code } } }"""),
			Map.entry("unvisitedHouseholds", "{ unvisitedHouseholds { totalCount } }"),
			Map.entry("unvisitedVillages", "{ unvisitedVillages { totalCount } }"),
			Map.entry("annualReport", "{ annualReport(year: 2023) { year } }"),
			Map.entry("figureCatalog", "{ figureCatalog { field } }"),
			Map.entry("supervisionRounds", "{ supervisionRounds { totalCount } }"),
			Map.entry("supervisionProblems", "{ supervisionProblems { totalCount } }"),
			Map.entry("supervisionFigures", "{ supervisionFigures { total { rounds } } }"),
			Map.entry("createSupervisionRound",
					"""
							mutation { createSupervisionRound(input: {changeId: "x", cityCode: "6109", name: "xx", organiser: "xx",
							  startedOn: "2023-01-01", endedOn: "2023-01-02"}) { userErrors { code } } }"""),
			Map.entry("recordSupervisionProblem", """
					mutation { recordSupervisionProblem(input: {changeId: "x", roundId: "x", areaCode: "610902",
					  category: OTHER, description: "xx", responsible: "xx", foundOn: "2023-01-01",
					  deadline: "2023-02-01"}) { userErrors { code } } }"""),
			Map.entry("submitProblemRectification", """
					mutation { submitProblemRectification(input: {changeId: "x", problemId: "x", baseVersion: 1,
					  evidence: "xx", rectifiedOn: "2023-01-01"}) { userErrors { code } } }"""),
			Map.entry("reviewProblemRectification", """
					mutation { reviewProblemRectification(input: {changeId: "x", problemId: "x", baseVersion: 1,
					  accept: true, closedOn: "2023-01-01"}) { userErrors { code } } }"""),
			Map.entry("colleagues", "{ colleagues(search: \"x\") { id } }"),
			Map.entry("codeLabels", "{ codeLabels(kinds: [\"role\"]) { code } }"),
			Map.entry("savedViews", "{ savedViews { id } }"),
			Map.entry("runSavedView", "{ runSavedView(id: \"U2F2ZWRWaWV3OjE\") { asOf } }"),
			Map.entry("savedViewUpdates", "subscription { savedViewUpdates(id: \"U2F2ZWRWaWV3OjE\") { asOf } }"),
			Map.entry("saveView",
					"mutation { saveView(input: {name: \"x\", document: \"{ counties { code } }\"}) { userErrors { code } } }"),
			Map.entry("deleteView", "mutation { deleteView(id: \"U2F2ZWRWaWV3OjE\") { userErrors { code } } }"),
			Map.entry("requestPhotoUpload",
					"mutation { requestPhotoUpload(input: {sha256: \"x\", size: 1, contentType: \"image/png\"}) { userErrors { code } } }"),
			Map.entry("me", "{ me { user { username } } }"), Map.entry("mySessions", "{ mySessions { id } }"),
			Map.entry("users", "{ users { totalCount } }"), Map.entry("auditEvents", "{ auditEvents { totalCount } }"),
			Map.entry("logVisit",
					"""
							mutation { logVisit(input: {uuid: "x", villageId: "x", kind: OTHER, occurredAt: "2024-01-01T00:00:00Z",
							  recordedAt: "2024-01-01T00:00:00Z"}) { userErrors { code } } }"""),
			Map.entry("syncVisits", "mutation { syncVisits(input: {visits: []}) { results { status } } }"),
			Map.entry("updateHousehold",
					"""
							mutation { updateHousehold(input: {changeId: "x", householdId: "x", baseVersion: 1}) { userErrors { code } } }"""),
			Map.entry("amendVisit",
					"""
							mutation { amendVisit(input: {baseVersionId: "x", visit: {uuid: "x", villageId: "x", kind: OTHER,
							  occurredAt: "2024-01-01T00:00:00Z", recordedAt: "2024-01-01T00:00:00Z"}}) { userErrors { code } } }"""),
			Map.entry("logout", "mutation { logout { session { id } } }"),
			Map.entry("revokeSession", "mutation { revokeSession(input: {sessionId: \"x\"}) { userErrors { code } } }"),
			Map.entry("revokeUserSessions",
					"mutation { revokeUserSessions(input: {userId: \"VXNlcjox\"}) { revokedCount } }"),
			Map.entry("createUser",
					"""
							mutation { createUser(input: {username: "x", password: "x", displayName: "x"}) { userErrors { code } } }"""),
			Map.entry("grantRole",
					"mutation { grantRole(input: {userId: \"VXNlcjox\", role: ADMIN}) { userErrors { code } } }"),
			Map.entry("revokeRole",
					"mutation { revokeRole(input: {userId: \"VXNlcjox\", role: ADMIN}) { userErrors { code } } }"),
			Map.entry("resetPassword",
					"""
							mutation { resetPassword(input: {userId: "VXNlcjox", newPassword: "x"}) { userErrors { code } } }"""),
			Map.entry("createAssistanceUnit", """
					mutation { createAssistanceUnit(input: {changeId: "x", name: "x", level: CENTRAL,
					  kind: OTHER}) { userErrors { code } } }"""), Map.entry("updateAssistanceUnit", """
					mutation { updateAssistanceUnit(input: {changeId: "x", unitId: "x", baseVersion: 1}) {
					  userErrors { code } } }"""), Map.entry("pairUnitWithVillage", """
					mutation { pairUnitWithVillage(input: {changeId: "x", unitId: "x", villageId: "x",
					  startedOn: "2024-01-01"}) { userErrors { code } } }"""), Map.entry("endUnitPairing", """
					mutation { endUnitPairing(input: {changeId: "x", pairingId: "x", baseVersion: 1,
					  endedOn: "2024-01-01"}) { userErrors { code } } }"""),
			Map.entry("createLeader",
					"""
							mutation { createLeader(input: {changeId: "x", name: "x", title: "x"}) { userErrors { code } } }"""),
			Map.entry("assignLeaderLiaison", """
					mutation { assignLeaderLiaison(input: {changeId: "x", leaderId: "x", countyCode: "x",
					  startedOn: "2024-01-01"}) { userErrors { code } } }"""), Map.entry("endLeaderLiaison", """
					mutation { endLeaderLiaison(input: {changeId: "x", liaisonId: "x", baseVersion: 1,
					  endedOn: "2024-01-01"}) { userErrors { code } } }"""), Map.entry("registerCadre", """
					mutation { registerCadre(input: {changeId: "x", name: "x", gender: MALE,
					  dispatchingUnitId: "x"}) { userErrors { code } } }"""), Map.entry("postCadre", """
					mutation { postCadre(input: {changeId: "x", cadreId: "x", villageId: "x", role: TEAM_MEMBER,
					  startedOn: "2024-01-01"}) { userErrors { code } } }"""), Map.entry("rotatePosting", """
					mutation { rotatePosting(input: {changeId: "x", postingId: "x", baseVersion: 1,
					  successorCadreId: "x", on: "2024-01-01", handoverNote: "x"}) { userErrors { code } } }"""),
			Map.entry("createProject", """
					mutation { createProject(input: {changeId: "x", name: "x", category: OTHER, year: 2024,
					  countyCode: "x", plannedAmount: "1.00", enteredOn: "2024-01-01"}) { userErrors { code } } }"""),
			Map.entry("advanceProject", """
					mutation { advanceProject(input: {changeId: "x", projectId: "x", baseVersion: 1, to: APPROVED,
					  on: "2024-01-01"}) { userErrors { code } } }"""), Map.entry("allocateProjectFunds", """
					mutation { allocateProjectFunds(input: {changeId: "x", projectId: "x", baseVersion: 1,
					  source: SOCIAL, amount: "1.00", documentNumber: "x", allocatedOn: "2024-01-01"}) {
					  userErrors { code } } }"""), Map.entry("recordProjectSpending", """
					mutation { recordProjectSpending(input: {changeId: "x", projectId: "x", source: SOCIAL,
					  amount: "1.00", spentOn: "2024-01-01", voucherNumber: "x"}) { userErrors { code } } }"""),
			Map.entry("recordProjectAsset",
					"""
							mutation { recordProjectAsset(input: {changeId: "x", projectId: "x", name: "x", kind: PUBLIC_WELFARE,
							  value: "1.00", owner: "x", maintenanceBody: "x", recordedOn: "2024-01-01"}) {
							  userErrors { code } } }"""),
			Map.entry("linkProjectBeneficiaries", """
					mutation { linkProjectBeneficiaries(input: {changeId: "x", projectId: "x", baseVersion: 1}) {
					  userErrors { code } } }"""), Map.entry("includeHouseholdInMonitoring", """
					mutation { includeHouseholdInMonitoring(input: {changeId: "x", householdId: "x",
					  category: MARGINAL_AT_RISK, riskTypes: [ILLNESS], source: VISIT, foundOn: "2024-01-01"}) {
					  userErrors { code } } }"""), Map.entry("addHouseholdMember", """
					mutation { addHouseholdMember(input: {changeId: "x", householdId: "x", name: "x", relation: CHILD,
					  gender: MALE, birthDate: "2024-01-01"}) { userErrors { code } } }"""),
			Map.entry("correctHouseholdMember", """
					mutation { correctHouseholdMember(input: {changeId: "x", memberId: "x", baseVersion: 1}) {
					  userErrors { code } } }"""), Map.entry("recordMemberLeaving", """
					mutation { recordMemberLeaving(input: {changeId: "x", memberId: "x", baseVersion: 1,
					  reason: DECEASED, on: "2024-01-01"}) { userErrors { code } } }"""),
			Map.entry("recordHouseholdIncome", """
					mutation { recordHouseholdIncome(input: {changeId: "x", householdId: "x", baseVersion: 1,
					  year: 2024, wages: "0.00", business: "0.00", transfers: "0.00", property: "0.00"}) {
					  userErrors { code } } }"""), Map.entry("startAssistanceMeasure", """
					mutation { startAssistanceMeasure(input: {changeId: "x", householdId: "x", type: OTHER,
					  description: "x", startedOn: "2024-01-01"}) { userErrors { code } } }"""),
			Map.entry("recordMeasureResult", """
					mutation { recordMeasureResult(input: {changeId: "x", measureId: "x", baseVersion: 1, result: "x",
					  on: "2024-01-01"}) { userErrors { code } } }"""), Map.entry("endAssistanceMeasure", """
					mutation { endAssistanceMeasure(input: {changeId: "x", measureId: "x", baseVersion: 1,
					  endedOn: "2024-01-01"}) { userErrors { code } } }"""), Map.entry("endPosting", """
					mutation { endPosting(input: {changeId: "x", postingId: "x", baseVersion: 1, endedOn: "2024-01-01",
					  reason: "x"}) { userErrors { code } } }"""));

	@Autowired
	GraphQlSource graphQlSource;

	@Test
	void everyRootFieldIsCovered() {
		Set<String> fields = ((GraphQLFieldsContainer) this.graphQlSource.schema().getQueryType()).getFieldDefinitions()
			.stream()
			.map((field) -> field.getName())
			.collect(Collectors.toSet());
		this.graphQlSource.schema()
			.getMutationType()
			.getFieldDefinitions()
			.forEach((field) -> fields.add(field.getName()));
		this.graphQlSource.schema()
			.getSubscriptionType()
			.getFieldDefinitions()
			.forEach((field) -> fields.add(field.getName()));
		fields.removeAll(AuthenticationRequired.OPEN_FIELDS);
		assertThat(ROOT_FIELDS.keySet()).containsExactlyInAnyOrderElementsOf(fields);
	}

	@Test
	void anonymousRequestsGetUnauthenticatedOnEveryRootFieldButSignIn() {
		ROOT_FIELDS
			.forEach((field, document) -> this.anonymous.document(document).execute().errors().satisfy((errors) -> {
				assertThat(errors).as(field).hasSize(1);
				assertThat(errors.get(0).getExtensions()).as(field).containsEntry("code", "UNAUTHENTICATED");
			}));
	}

	@Test
	void everyAdminOperationIsForbiddenToEveryOtherRole() {
		List<String> adminOnly = List.of("users", "auditEvents", "revokeUserSessions", "createUser", "grantRole",
				"revokeRole", "resetPassword");
		for (String user : List.of("demo-leader", "demo-county", "demo-town", "demo-unit", "demo-secretary",
				"demo-member", "demo-dev")) {
			for (String field : adminOnly) {
				as(user).document(ROOT_FIELDS.get(field)).execute().errors().satisfy((errors) -> {
					assertThat(errors).as(user + " " + field).hasSize(1);
					assertThat(errors.get(0).getExtensions()).as(user + " " + field).containsEntry("code", "FORBIDDEN");
				});
			}
		}
	}

}
