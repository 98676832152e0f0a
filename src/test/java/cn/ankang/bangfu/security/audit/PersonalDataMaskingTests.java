package cn.ankang.bangfu.security.audit;

import java.util.List;

import graphql.TrivialDataFetcher;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.shared.relay.GlobalId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Personal data is masked for all but those responsible for the household: city leaders,
 * developers and admins see masked data, health data is one rule on warnings, measures
 * and visits, the county officer responsible sees it in full, cadres' phones are shown to
 * themselves, their unit and their area; every unmasked read is audited.
 */
class PersonalDataMaskingTests extends ApiTestSupport {

	@Autowired
	GraphQlSource graphQlSource;

	@Test
	void aPersonalPropertyIsMaskedWithoutACopyOfTheThreadsContextPerValue() {
		// the user comes with the request's audit trail (the tests here show the rule
		// holds); a field over a record's property stays trivial, so Spring does not wrap
		// it in a context copy for each value
		GraphQLSchema schema = this.graphQlSource.schema();
		GraphQLObjectType household = schema.getObjectType("Household");
		assertThat(schema.getCodeRegistry().getDataFetcher(household, household.getField("headName")))
			.isInstanceOf(TrivialDataFetcher.class);
	}

	@Test
	void aCityLeaderSeesHouseholdsButNotTheirPersonalData() {
		long household = ownHousehold("610902", true);
		var response = household(as("demo-leader"), household);
		response.path("node.personalDataVisible").entity(Boolean.class).isEqualTo(false);
		response.path("node.headIdNumber")
			.entity(String.class)
			.satisfies((id) -> assertThat(id).matches("99\\d{2}\\*{10}[0-9X]{4}"));
		response.path("node.headPhone")
			.entity(String.class)
			.satisfies((phone) -> assertThat(phone).matches("100\\*{4}\\d{4}"));
		response.path("node.members[*].idNumber")
			.entityList(String.class)
			.satisfies((ids) -> assertThat(ids).allMatch((id) -> id.contains("**********")));
		response.path("node.riskTypes")
			.entityList(String.class)
			.satisfies(
					(risks) -> assertThat(risks).doesNotContain("ILLNESS", "DISABILITY").contains("HEALTH_WITHHELD"));
		assertError(as("demo-leader").document("{ households(filter: {riskType: ILLNESS}) { totalCount } }"),
				"FORBIDDEN");
		assertError(as("demo-dev").document("{ households(filter: {riskType: DISABILITY}) { totalCount } }"),
				"FORBIDDEN");
	}

	@Test
	void aDeveloperAndAnAdminSeeOnlyMaskedData() {
		long household = ownHousehold("610902", false);
		for (String user : List.of("demo-dev", "demo-admin")) {
			household(as(user), household).path("node.headIdNumber")
				.entity(String.class)
				.satisfies((id) -> assertThat(id).contains("**********"));
		}
	}

	@Test
	void developersSeeNoNamesBirthDatesOrNotesWhileLeadersSeeNames() {
		long household = Long.parseLong(sqlString(
				"""
						select h.id::text from household h
						where exists (select from visit v where v.household_id = h.id and v.notes <> '' and v.replaced_by is null)
						order by h.id limit 1"""));
		String headName = sqlString("select head_name from household where id = " + household);
		String birth = sqlString("select birth_date::text from household_member where household_id = " + household
				+ " order by id limit 1");
		String document = """
				query($id: ID!) { node(id: $id) { ... on Household { headName members { name birthDate } } }
				  visits(first: 5, filter: {householdId: $id}) { edges { node { notes } } } }""";
		var developer = as("demo-dev").document(document).variable("id", GlobalId.of("Household", household)).execute();
		developer.path("node.headName")
			.entity(String.class)
			.isEqualTo(headName.substring(0, 1) + "*".repeat(headName.length() - 1));
		developer.path("node.members[0].birthDate").entity(String.class).isEqualTo(birth.substring(0, 4) + "-01-01");
		developer.path("node.members[*].name")
			.entityList(String.class)
			.satisfies((names) -> assertThat(names).allMatch((name) -> name.matches(".\\*+")));
		developer.path("visits.edges[*].node.notes")
			.entityList(String.class)
			.satisfies((notes) -> assertThat(notes).isNotEmpty().allMatch("（已隐藏）"::equals));
		// the city leader is not responsible for the household, but sees whom it is about
		var leader = as("demo-leader").document(document).variable("id", GlobalId.of("Household", household)).execute();
		leader.path("node.headName").entity(String.class).isEqualTo(headName);
		leader.path("node.members[0].birthDate").entity(String.class).isEqualTo(birth);
		// notes may tell of illness: only those responsible read them
		leader.path("visits.edges[*].node.notes")
			.entityList(String.class)
			.satisfies((notes) -> assertThat(notes).isNotEmpty().allMatch("（已隐藏）"::equals));
		long village = Long.parseLong(sqlString("select village_id::text from household where id = " + household));
		String county = sqlString("""
				select c.code from village v join town t on t.id = v.town_id join county c on c.id = t.county_id
				where v.id = %d""".formatted(village));
		if ("610902".equals(county)) {
			as("demo-county").document(document)
				.variable("id", GlobalId.of("Household", household))
				.execute()
				.path("visits.edges[*].node.notes")
				.entityList(String.class)
				.satisfies((notes) -> assertThat(notes).isNotEmpty().noneMatch("（已隐藏）"::equals));
		}
		// the mark is on the field, so a saved view's run masks alike
		String view = as("demo-dev").document("""
				mutation($input: SaveViewInput!) { saveView(input: $input) { view { id } userErrors { code } } }""")
			.variable("input",
					java.util.Map.of("name", "户主 " + household, "document",
							"query($id: ID!) { node(id: $id) { ... on Household { headName } } }", "variables",
							java.util.Map.of("id", GlobalId.of("Household", household))))
			.execute()
			.path("saveView.view.id")
			.entity(String.class)
			.get();
		as("demo-dev").document("query($id: ID!) { runSavedView(id: $id) { data } }")
			.variable("id", view)
			.execute()
			.path("runSavedView.data.node.headName")
			.entity(String.class)
			.isEqualTo(headName.substring(0, 1) + "*".repeat(headName.length() - 1));
	}

	@Test
	void healthDataIsOneRuleOnWarningsMeasuresAndVisitsAndItsReadsAreOnRecord() {
		// a warning of medical bills and one of school fees, on households of the demo
		// county: the city leader sees that there is a warning, not the illness or the
		// sum
		long medical = Long.parseLong(sqlString("""
				select w.id::text from risk_warning w join household h on h.id = w.household_id
				join village v on v.id = h.village_id
				where w.kind = 'MEDICAL_EXPENSE' and w.amount_fen is not null and w.detail is not null
				  and v.code like '610902%' order by w.id limit 1"""));
		long schooling = Long.parseLong(sqlString(
				"""
						select w.id::text from risk_warning w join household h on h.id = w.household_id
						join village v on v.id = h.village_id
						where w.kind = 'EDUCATION' and w.detail is not null and v.code like '610902%' order by w.id limit 1"""));
		String warning = "query($id: ID!) { node(id: $id) { ... on RiskWarning { kind amount detail } } }";
		var leaderMedical = as("demo-leader").document(warning)
			.variable("id", GlobalId.of("RiskWarning", medical))
			.execute();
		leaderMedical.path("node.kind").entity(String.class).isEqualTo("HEALTH_WITHHELD");
		leaderMedical.path("node.amount").valueIsNull();
		leaderMedical.path("node.detail").entity(String.class).isEqualTo("（已隐藏）");
		var leaderSchooling = as("demo-leader").document(warning)
			.variable("id", GlobalId.of("RiskWarning", schooling))
			.execute();
		leaderSchooling.path("node.kind").entity(String.class).isEqualTo("EDUCATION");
		leaderSchooling.path("node.detail")
			.entity(String.class)
			.isEqualTo(sqlString("select detail from risk_warning where id = " + schooling));
		int before = personalReads("demo-county", GlobalId.of("RiskWarning", medical));
		var county = as("demo-county").document(warning).variable("id", GlobalId.of("RiskWarning", medical)).execute();
		county.path("node.kind").entity(String.class).isEqualTo("MEDICAL_EXPENSE");
		county.path("node.detail")
			.entity(String.class)
			.isEqualTo(sqlString("select detail from risk_warning where id = " + medical));
		county.path("node.amount").hasValue();
		assertThat(personalReads("demo-county", GlobalId.of("RiskWarning", medical))).isEqualTo(before + 1);

		// health support: its description names the illness
		long household = Long.parseLong(sqlString(
				"""
						select m.household_id::text from assistance_measure m join village v on v.id = m.village_id
						where m.type = 'HEALTH' and v.code like '610902%'
						  and exists (select from assistance_measure o where o.household_id = m.household_id and o.type = 'INDUSTRY')
						order by m.household_id limit 1"""));
		String measures = """
				query($id: ID!) { node(id: $id) { ... on Household { measures { type description } } } }""";
		as("demo-leader").document(measures)
			.variable("id", GlobalId.of("Household", household))
			.execute()
			.path("node.measures")
			.entityList(java.util.Map.class)
			.satisfies((list) -> {
				assertThat(list).filteredOn((m) -> "HEALTH".equals(m.get("type")))
					.isNotEmpty()
					.allMatch((m) -> "（已隐藏）".equals(m.get("description")));
				assertThat(list).filteredOn((m) -> "INDUSTRY".equals(m.get("type")))
					.isNotEmpty()
					.noneMatch((m) -> "（已隐藏）".equals(m.get("description")));
			});
		int householdReads = personalReads("demo-county", GlobalId.of("Household", household));
		as("demo-county").document("""
				query($id: ID!) { node(id: $id) { ... on Household { riskTypes measures { type description } } } }""")
			.variable("id", GlobalId.of("Household", household))
			.execute()
			.path("node.measures[*].description")
			.entityList(String.class)
			.satisfies((list) -> assertThat(list).noneMatch("（已隐藏）"::equals));
		// reading the household's risk types in full is on record, as the measures are
		assertThat(personalReads("demo-county", GlobalId.of("Household", household))).isEqualTo(householdReads + 1);

		// whether medical care is secured, as a visit found it
		String visit = sqlString("""
				select vi.id::text from visit vi join village v on v.id = vi.village_id
				where vi.medical_care_secure is not null and vi.replaced_by is null and v.code like '610902%'
				order by vi.id limit 1""");
		String finding = "query($id: ID!) { node(id: $id) { ... on Visit { findings { medicalCareSecure } } } }";
		as("demo-leader").document(finding)
			.variable("id", GlobalId.of("Visit", visit))
			.execute()
			.path("node.findings.medicalCareSecure")
			.valueIsNull();
		as("demo-county").document(finding)
			.variable("id", GlobalId.of("Visit", visit))
			.execute()
			.path("node.findings.medicalCareSecure")
			.hasValue();
	}

	@Test
	void theCountyOfficerResponsibleSeesItInFullAndTheReadIsAudited() {
		long household = ownHousehold("610902", true);
		String id = GlobalId.of("Household", household);
		int before = personalReads("demo-county", id);
		var response = household(as("demo-county"), household);
		response.path("node.personalDataVisible").entity(Boolean.class).isEqualTo(true);
		response.path("node.headIdNumber")
			.entity(String.class)
			.isEqualTo(sqlString("select head_id_number from household where id = " + household));
		response.path("node.riskTypes")
			.entityList(String.class)
			.isEqualTo(
					List.of(sqlString("select array_to_string(risk_types, ',') from household where id = " + household)
						.split(",")));
		assertThat(personalReads("demo-county", id)).isEqualTo(before + 1);
		assertThat(sqlString("""
				select roles[1] || ' ' || coalesce(device_name, '') from audit_event
				where username = 'demo-county' and kind = 'PERSONAL_READ' order by id desc limit 1"""))
			.isEqualTo("COUNTY_OFFICER test");
		// a masked read leaves no trace: nothing personal was served
		int leaderBefore = sqlInt("select count(*) from audit_event where username = 'demo-leader'");
		household(as("demo-leader"), household);
		assertThat(sqlInt("select count(*) from audit_event where username = 'demo-leader'")).isEqualTo(leaderBefore);
		as("demo-county").document("{ households(filter: {riskType: ILLNESS}, first: 1) { totalCount } }")
			.execute()
			.path("households.totalCount")
			.entity(Integer.class)
			.satisfies((count) -> assertThat(count).isPositive());
	}

	@Test
	void cadrePhonesAreShownToThemselvesTheirUnitAndTheirArea() {
		long own = Long.parseLong(sqlString("select cadre_id::text from app_user where username = 'demo-secretary'"));
		String ownPhone = sqlString("select phone from cadre where id = " + own);
		cadrePhone(as("demo-secretary"), own).isEqualTo(ownPhone);
		cadrePhone(as("demo-county"), own).isEqualTo(ownPhone);
		cadrePhone(as("demo-leader"), own).isEqualTo(ownPhone.substring(0, 3) + "****" + ownPhone.substring(7));
		long unitCadre = Long.parseLong(sqlString("""
				select k.id::text from cadre k join role_grant g on g.unit_id = k.dispatching_unit_id
				join app_user u on u.id = g.user_id where u.username = 'demo-unit' order by k.id limit 1"""));
		cadrePhone(as("demo-unit"), unitCadre).isEqualTo(sqlString("select phone from cadre where id = " + unitCadre));
	}

	private long ownHousehold(String countyCode, boolean withHealthRisk) {
		return Long.parseLong(sqlString("""
				select h.id::text from household h join village v on v.id = h.village_id
				where v.code like '%s%%' and (not %s or h.risk_types && array['ILLNESS', 'DISABILITY'])
				  and h.head_phone is not null
				order by h.id limit 1""".formatted(countyCode, withHealthRisk)));
	}

	private org.springframework.graphql.test.tester.GraphQlTester.Response household(
			org.springframework.graphql.test.tester.HttpGraphQlTester tester, long household) {
		return tester
			.document(
					"""
							query($id: ID!) { node(id: $id) { ... on Household { personalDataVisible headIdNumber headPhone riskTypes
							  members { idNumber } } } }""")
			.variable("id", GlobalId.of("Household", household))
			.execute();
	}

	private org.springframework.graphql.test.tester.GraphQlTester.Entity<String, ?> cadrePhone(
			org.springframework.graphql.test.tester.HttpGraphQlTester tester, long cadre) {
		return tester.document("query($id: ID!) { node(id: $id) { ... on ResidentCadre { phone } } }")
			.variable("id", GlobalId.of("ResidentCadre", cadre))
			.execute()
			.path("node.phone")
			.entity(String.class);
	}

	private int personalReads(String username, String target) {
		return sqlInt("""
				select count(*) from audit_event where kind = 'PERSONAL_READ' and username = '%s'
				  and target_ids @> array['%s']""".formatted(username, target));
	}

}
