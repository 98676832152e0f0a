package cn.ankang.bangfu.security;

import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import graphql.schema.GraphQLFieldsContainer;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in, sessions and tokens through the real HTTP endpoint.
 */
class SecurityApiTests extends ApiTestSupport {

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

	@LocalServerPort
	int port;

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

	@Test
	void signInAndSeeWhoYouAre() {
		var response = this.anonymous.document("""
				mutation($input: LoginInput!) { login(input: $input) {
				  tokens { accessToken refreshToken accessTokenExpiresAt session { deviceName current } }
				  user { username roles { role county { code } } } userErrors { code } } }""")
			.variable("input", Map.of("username", "demo-county", "password", "bangfu-demo", "deviceName", "红米 Note 12"))
			.execute();
		response.path("login.userErrors").entityList(Object.class).hasSize(0);
		response.path("login.user.roles[0].role").entity(String.class).isEqualTo("COUNTY_OFFICER");
		response.path("login.user.roles[0].county.code").entity(String.class).isEqualTo("610902");
		response.path("login.tokens.session.deviceName").entity(String.class).isEqualTo("红米 Note 12");
		String token = response.path("login.tokens.accessToken").entity(String.class).get();
		var me = bearer(token)
			.document("{ me { user { username displayName } session { deviceName current } postedVillages { code } } }")
			.execute();
		me.path("me.user.username").entity(String.class).isEqualTo("demo-county");
		me.path("me.session.current").entity(Boolean.class).isEqualTo(true);
		me.path("me.postedVillages").entityList(Object.class).hasSize(0);
	}

	@Test
	void aCadresJurisdictionIsTheVillagesOfItsPostings() {
		String village = sqlString("""
				select v.code from app_user u join posting p on p.cadre_id = u.cadre_id and p.ended_on is null
				join village v on v.id = p.village_id where u.username = 'demo-secretary'""");
		as("demo-secretary").document("{ me { user { cadre { id } roles { role } } postedVillages { code } } }")
			.execute()
			.path("me.postedVillages[0].code")
			.entity(String.class)
			.isEqualTo(village)
			.path("me.user.roles[0].role")
			.entity(String.class)
			.isEqualTo("FIRST_SECRETARY");
	}

	@Test
	void aWrongPasswordOrAnUnknownNameSaysTheSame() {
		for (String username : List.of("demo-dev", "nobody-at-all")) {
			this.anonymous.document(
					"""
							mutation($input: LoginInput!) { login(input: $input) { tokens { accessToken } userErrors { code field } } }""")
				.variable("input", Map.of("username", username, "password", "not the password", "deviceName", "t"))
				.execute()
				.path("login.tokens")
				.valueIsNull()
				.path("login.userErrors[0].code")
				.entity(String.class)
				.isEqualTo("INVALID_CREDENTIALS");
		}
	}

	@Test
	void forgedAndStaleTokensAreRefusedWith401() throws JOSEException {
		String user = sqlString("select id::text from app_user where username = 'demo-leader'");
		String session = sqlString("select s.id::text from app_session s join app_user u on u.id = s.user_id "
				+ "where u.username = 'demo-leader' and s.revoked_at is null limit 1");
		byte[] key = Base64.getDecoder().decode(JWT_SECRET);
		byte[] otherKey = Base64.getDecoder().decode("b3RoZXIta2V5LW90aGVyLWtleS1vdGhlci1rZXktMzJi");
		Instant now = Instant.now();
		assertAccepted(sign(claims(user, session, "bangfu", "bangfu-api", now.plusSeconds(600)), key));
		assertRefused(sign(claims(user, session, "bangfu", "bangfu-api", now.plusSeconds(600)), otherKey));
		assertRefused(new PlainJWT(claims(user, session, "bangfu", "bangfu-api", now.plusSeconds(600))).serialize());
		assertRefused(sign(claims(user, session, "bangfu", "bangfu-api", now.minusSeconds(120)), key));
		// expired is expired: no minute of grace for clocks that differ, as both ends of
		// a token's life are this service's own clock
		assertRefused(sign(claims(user, session, "bangfu", "bangfu-api", now.minusSeconds(2)), key));
		assertRefused(sign(claims(user, session, "someone-else", "bangfu-api", now.plusSeconds(600)), key));
		assertRefused(sign(claims(user, session, "bangfu", "another-api", now.plusSeconds(600)), key));
		assertRefused(
				sign(claims(user, UUID.randomUUID().toString(), "bangfu", "bangfu-api", now.plusSeconds(600)), key));
		assertRefused("not.a.token");
	}

	@Test
	void refreshRotatesAndAReusedTokenEndsTheSession() {
		String username = newUser("phone-owner");
		Map<String, Object> first = loginTokens(username);
		String firstRefresh = (String) first.get("refreshToken");
		var refreshed = refresh(firstRefresh);
		refreshed.path("refreshSession.userErrors").entityList(Object.class).hasSize(0);
		String secondRefresh = refreshed.path("refreshSession.tokens.refreshToken").entity(String.class).get();
		String secondAccess = refreshed.path("refreshSession.tokens.accessToken").entity(String.class).get();
		assertThat(secondRefresh).isNotEqualTo(firstRefresh);
		assertAccepted(secondAccess);
		var third = refresh(secondRefresh);
		String thirdRefresh = third.path("refreshSession.tokens.refreshToken").entity(String.class).get();
		String thirdAccess = third.path("refreshSession.tokens.accessToken").entity(String.class).get();
		// the first token again, after the token it was traded for was used: someone
		// holds a copy, so the whole session ends
		refresh(firstRefresh).path("refreshSession.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("REFRESH_TOKEN_REUSED");
		assertRefused(thirdAccess);
		refresh(thirdRefresh).path("refreshSession.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("INVALID_REFRESH_TOKEN");
		refresh("made-up").path("refreshSession.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("INVALID_REFRESH_TOKEN");
	}

	@Test
	void anIdenticalRetryOfARefreshWhoseAnswerWasLostKeepsTheSession() {
		Map<String, Object> signedIn = loginTokens(newUser("bad-link"));
		String first = (String) signedIn.get("refreshToken");
		String session = refreshedSession(first).get("session");
		// the answer was lost: the phone still holds the first token and sends it again
		Map<String, String> retried = refreshedSession(first);
		assertThat(retried.get("session")).isEqualTo(session);
		assertAccepted(retried.get("accessToken"));
		// and again, while the retry's answer is unused too
		Map<String, String> again = refreshedSession(first);
		assertThat(again.get("session")).isEqualTo(session);
		Map<String, String> next = refreshedSession(again.get("refreshToken"));
		assertThat(next.get("session")).isEqualTo(session);
		assertAccepted(next.get("accessToken"));
		// once the successor was used, the first token is reuse: the session ends
		refresh(first).path("refreshSession.userErrors[0].code").entity(String.class).isEqualTo("REFRESH_TOKEN_REUSED");
		assertRefused(next.get("accessToken"));
	}

	@Test
	void theTokensARetryReplacedAreSpentAndTheGraceEnds() {
		// the first answer was not lost after all, and its token shows up after the retry
		String first = (String) loginTokens(newUser("two-answers")).get("refreshToken");
		Map<String, String> lost = refreshedSession(first);
		Map<String, String> retried = refreshedSession(first);
		refresh(lost.get("refreshToken")).path("refreshSession.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("REFRESH_TOKEN_REUSED");
		assertRefused(retried.get("accessToken"));

		// a retry after the grace is reuse
		String late = (String) loginTokens(newUser("late-retry")).get("refreshToken");
		Map<String, String> unused = refreshedSession(late);
		this.jdbc.sql("update refresh_token set used_at = used_at - interval '61 seconds' where token_hash = :hash")
			.param("hash", cn.ankang.bangfu.shared.values.Digests.sha256(late))
			.update();
		refresh(late).path("refreshSession.userErrors[0].code").entity(String.class).isEqualTo("REFRESH_TOKEN_REUSED");
		assertRefused(unused.get("accessToken"));
	}

	@Test
	void loggingOutAndRevokingEndSessionsAtOnce() {
		String username = newUser("two-phones");
		String phone = (String) loginTokens(username).get("accessToken");
		Map<String, Object> tablet = loginTokens(username);
		String tabletAccess = (String) tablet.get("accessToken");
		String tabletSession = sqlString("""
				select s.id::text from app_session s join app_user u on u.id = s.user_id
				where u.username = '%s' order by s.created_at desc limit 1""".formatted(username));
		bearer(phone).document("{ mySessions { id current } }")
			.execute()
			.path("mySessions")
			.entityList(Object.class)
			.hasSize(2);
		bearer(phone).document(
				"mutation($id: ID!) { revokeSession(input: {sessionId: $id}) { session { revokedAt } userErrors { code } } }")
			.variable("id", tabletSession)
			.execute()
			.path("revokeSession.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		assertRefused(tabletAccess);
		assertAccepted(phone);
		bearer(phone).document("mutation { logout { session { revokedAt } } }")
			.execute()
			.path("logout.session.revokedAt")
			.hasValue();
		assertRefused(phone);
		// someone else's session cannot be ended, and looks like none
		String other = (String) loginTokens(newUser("bystander")).get("accessToken");
		String leaderSession = sqlString("select s.id::text from app_session s join app_user u on u.id = s.user_id "
				+ "where u.username = 'demo-leader' and s.revoked_at is null limit 1");
		bearer(other).document("mutation($id: ID!) { revokeSession(input: {sessionId: $id}) { userErrors { code } } }")
			.variable("id", leaderSession)
			.execute()
			.path("revokeSession.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("NOT_FOUND");
	}

	@Test
	void anAdminEndsAllSessionsOfALostPhone() {
		String username = newUser("lost-phone");
		String access = (String) loginTokens(username).get("accessToken");
		as("demo-admin").document("mutation($id: ID!) { revokeUserSessions(input: {userId: $id}) { revokedCount } }")
			.variable("id", userId(username))
			.execute()
			.path("revokeUserSessions.revokedCount")
			.entity(Integer.class)
			.isEqualTo(1);
		assertRefused(access);
	}

	@Test
	void onlyAdminsManageAccounts() {
		assertError(as("demo-leader").document(
				"""
						mutation { createUser(input: {username: "sneaky", password: "0123456789", displayName: "x"}) { user { id } } }"""),
				"FORBIDDEN");
		assertError(as("demo-dev").document("{ users { totalCount } }"), "FORBIDDEN");
		String username = newUser("granted");
		var admin = as("demo-admin");
		admin.document("""
				mutation($id: ID!) { grantRole(input: {userId: $id, role: TOWN_OFFICER, townCode: "610902101"}) {
				  user { roles { role town { code } } } userErrors { code } } }""")
			.variable("id", userId(username))
			.execute()
			.path("grantRole.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("NOT_FOUND");
		String town = sqlString("select code from town order by code limit 1");
		admin
			.document(
					"""
							mutation($id: ID!, $town: String) { grantRole(input: {userId: $id, role: TOWN_OFFICER, townCode: $town}) {
							  user { roles { role town { code } } } userErrors { code } } }""")
			.variable("id", userId(username))
			.variable("town", town)
			.execute()
			.path("grantRole.user.roles[0].town.code")
			.entity(String.class)
			.isEqualTo(town);
		admin.document("""
				mutation($id: ID!) { grantRole(input: {userId: $id, role: COUNTY_OFFICER, townCode: "610902001"}) {
				  userErrors { code field } } }""")
			.variable("id", userId(username))
			.execute()
			.path("grantRole.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("INVALID_INPUT");
		admin.document(
				"""
						mutation($id: ID!) { grantRole(input: {userId: $id, role: FIRST_SECRETARY}) { userErrors { code } } }""")
			.variable("id", userId(username))
			.execute()
			.path("grantRole.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("INVALID_INPUT");
		admin.document("""
				mutation { createUser(input: {username: "demo-admin", password: "0123456789", displayName: "x"}) {
				  userErrors { code } } }""")
			.execute()
			.path("createUser.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("USERNAME_TAKEN");
		admin.document("""
				mutation { createUser(input: {username: "short-password", password: "123", displayName: "x"}) {
				  userErrors { code field } } }""")
			.execute()
			.path("createUser.userErrors[0].field")
			.entityList(String.class)
			.isEqualTo(List.of("input", "password"));
		assertThat(sqlString("select password_hash from app_user where username = '" + username + "'"))
			.startsWith("{bcrypt}");
	}

	@Test
	void aPasswordResetEndsTheUsersSessions() {
		String username = newUser("forgetful");
		String access = (String) loginTokens(username).get("accessToken");
		as("demo-admin").document(
				"""
						mutation($id: ID!) { resetPassword(input: {userId: $id, newPassword: "a-new-password"}) { userErrors { code } } }""")
			.variable("id", userId(username))
			.execute()
			.path("resetPassword.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		assertRefused(access);
		assertThat(login(username, "a-new-password")).isNotBlank();
	}

	// helpers
	// -----------------------------------------------------------------------------------------

	private Map<String, Object> loginTokens(String username) {
		return this.anonymous.document("""
				mutation($input: LoginInput!) { login(input: $input) { tokens { accessToken refreshToken } } }""")
			.variable("input", Map.of("username", username, "password", "the-right-password", "deviceName", "phone"))
			.execute()
			.path("login.tokens")
			.entity(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
	}

	private org.springframework.graphql.test.tester.GraphQlTester.Response refresh(String token) {
		return this.anonymous.document("""
				mutation($t: String!) { refreshSession(input: {refreshToken: $t}) {
				  tokens { accessToken refreshToken } userErrors { code } } }""").variable("t", token).execute();
	}

	/** Refreshes, which must succeed: the new tokens and the session's id. */
	private Map<String, String> refreshedSession(String token) {
		Map<String, Object> tokens = this.anonymous.document("""
				mutation($t: String!) { refreshSession(input: {refreshToken: $t}) {
				  tokens { accessToken refreshToken session { id } } userErrors { code } } }""")
			.variable("t", token)
			.execute()
			.path("refreshSession.userErrors")
			.entityList(Object.class)
			.hasSize(0)
			.path("refreshSession.tokens")
			.entity(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
		@SuppressWarnings("unchecked")
		Map<String, Object> session = (Map<String, Object>) tokens.get("session");
		return Map.of("accessToken", (String) tokens.get("accessToken"), "refreshToken",
				(String) tokens.get("refreshToken"), "session", (String) session.get("id"));
	}

	private HttpGraphQlTester bearer(String token) {
		return this.anonymous.mutate().header("Authorization", "Bearer " + token).build();
	}

	private WebTestClient.ResponseSpec post(String token) {
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.build()
			.post()
			.uri("/graphql")
			.header("Authorization", "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ me { user { username } } }"))
			.exchange();
	}

	private void assertAccepted(String token) {
		post(token).expectStatus().isOk().expectBody().jsonPath("$.data.me.user.username").exists();
	}

	private void assertRefused(String token) {
		post(token).expectStatus()
			.isUnauthorized()
			.expectHeader()
			// that the token is not valid, and not why: the decoder's reasons are for the
			// logs
			.valueEquals("WWW-Authenticate", "Bearer realm=\"bangfu\", error=\"invalid_token\"")
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("UNAUTHENTICATED");
	}

	private static JWTClaimsSet claims(String user, String session, String issuer, String audience, Instant expires) {
		return new JWTClaimsSet.Builder().subject(user)
			.claim("sid", session)
			.issuer(issuer)
			.audience(audience)
			.issueTime(Date.from(expires.minusSeconds(900)))
			.expirationTime(Date.from(expires))
			.build();
	}

	private static String sign(JWTClaimsSet claims, byte[] key) throws JOSEException {
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
		jwt.sign(new MACSigner(key));
		return jwt.serialize();
	}

}
