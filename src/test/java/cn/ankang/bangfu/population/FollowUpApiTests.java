package cn.ankang.bangfu.population;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.RecordsTestSupport;
import cn.ankang.bangfu.shared.relay.GlobalId;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Training, public-welfare jobs and relocation follow-up kept through the API: each
 * change made once however often sent, kept in the household's history, counts and
 * amounts that cannot be right refused in Chinese with nothing stored, and a relocation
 * community or support only for a relocated household.
 */
class FollowUpApiTests extends RecordsTestSupport {

	private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

	@Test
	void aRelocatedHouseholdIsLinkedToItsCommunityTrainedSupportedAndGivenAJobEachOnce() {
		String village = ordinaryVillage("610925");
		HttpGraphQlTester cadre = postedCadre(village);
		String household = register(cadre, village, true, 4);
		String community = villageId(community("610925"));
		Map<String, Object> link = Map.of("changeId", changeId(), "householdId", household, "baseVersion", 1,
				"communityId", community);
		Map<String, Object> linked = made(send(cadre, "setRelocationCommunity", "SetRelocationCommunityInput", link,
				"household { version relocationCommunity { id kind } }"), "household");
		// sent again, as a phone does after losing the answer: answered as it stands
		assertThat(made(send(cadre, "setRelocationCommunity", "SetRelocationCommunityInput", link,
				"household { version relocationCommunity { id kind } }"), "household"))
			.isEqualTo(linked);
		assertThat(linked).containsEntry("version", 2);
		assertThat(linked.get("relocationCommunity").toString()).contains(community).contains("COMMUNITY");
		Map<String, Object> training = Map.of("changeId", changeId(), "householdId", household, "baseVersion", 2,
				"year", 2023, "courses",
				List.of(Map.of("programme", "YULU_PLAN", "people", 1, "subsidy", "3000", "completedOn", "2023-07-01"),
						Map.of("programme", "PRACTICAL_SKILLS", "people", 2)));
		made(send(cadre, "recordExitedHouseholdTraining", "RecordExitedHouseholdTrainingInput", training,
				"household { id }"), "household");
		made(send(cadre, "recordExitedHouseholdTraining", "RecordExitedHouseholdTrainingInput", training,
				"household { id }"), "household");
		Map<String, Object> support = Map.of("changeId", changeId(), "householdId", household, "baseVersion", 3, "year",
				2023, "support", List.of(Map.of("kind", "JOB", "amount", "1200"), Map.of("kind", "SERVICE")));
		made(send(cadre, "recordRelocationSupport", "RecordRelocationSupportInput", support, "household { id }"),
				"household");
		// the year again, with less: what is no longer given goes
		made(send(cadre, "recordRelocationSupport", "RecordRelocationSupportInput",
				Map.of("changeId", changeId(), "householdId", household, "baseVersion", 4, "year", 2023, "support",
						List.of(Map.of("kind", "JOB", "amount", "1500"))),
				"household { id }"), "household");
		Map<String, Object> post = Map.of("changeId", changeId(), "householdId", household, "kind", "CLEANING",
				"startedOn", "2023-03-01", "monthlyPay", "800");
		Map<String, Object> job = made(send(cadre, "postPublicWelfareJob", "PostPublicWelfareJobInput", post,
				"job { id version monthlyPay endedOn village { code } }"), "job");
		assertThat(made(send(cadre, "postPublicWelfareJob", "PostPublicWelfareJobInput", post,
				"job { id version monthlyPay endedOn village { code } }"), "job"))
			.isEqualTo(job);
		assertThat(job).containsEntry("monthlyPay", "800.00").containsEntry("version", 1);
		Map<String, Object> end = Map.of("changeId", changeId(), "jobId", job.get("id"), "baseVersion", 1, "endedOn",
				"2023-12-31");
		made(send(cadre, "endPublicWelfareJob", "EndPublicWelfareJobInput", end, "job { id }"), "job");
		Map<String, Object> ended = made(send(cadre, "endPublicWelfareJob", "EndPublicWelfareJobInput", end,
				"job { endedOn version household { id } }"), "job");
		assertThat(ended).containsEntry("endedOn", "2023-12-31").containsEntry("version", 2);
		cadre.document("""
				query($id: ID!) { node(id: $id) { ... on ExitedHousehold { version
				  training { year programme people subsidy completedOn }
				  relocationSupport { year kind amount }
				  publicWelfareJobs { kind endedOn } } } }""")
			.variable("id", household)
			.execute()
			.path("node.version")
			.entity(Integer.class)
			.isEqualTo(5)
			.path("node.training")
			.entityList(Object.class)
			.hasSize(2)
			.path("node.training[0].programme")
			.entity(String.class)
			.isEqualTo("PRACTICAL_SKILLS")
			.path("node.training[1].subsidy")
			.entity(String.class)
			.isEqualTo("3000.00")
			.path("node.relocationSupport")
			.entityList(Object.class)
			.hasSize(1)
			.path("node.relocationSupport[0].amount")
			.entity(String.class)
			.isEqualTo("1500.00")
			.path("node.publicWelfareJobs[0].endedOn")
			.entity(String.class)
			.isEqualTo("2023-12-31");
		cadre
			.document("""
					query($id: ID!) { publicWelfareJobs(filter: {householdId: $id, heldOn: "2023-06-01"}) { totalCount }
					  none: publicWelfareJobs(filter: {householdId: $id, heldOn: "2024-01-01"}) { totalCount }
					  listed: exitedHouseholds(filter: {relocationCommunityCode: "%s"}) { edges { node { id } } } }"""
				.formatted(community("610925")))
			.variable("id", household)
			.execute()
			.path("publicWelfareJobs.totalCount")
			.entity(Integer.class)
			.isEqualTo(1)
			.path("none.totalCount")
			.entity(Integer.class)
			.isEqualTo(0)
			.path("listed.edges[*].node.id")
			.entityList(String.class)
			.contains(household);
		// the history, kept by the database under the household: the link, two training
		// rows, two support rows then one changed and one removed, the job and its end
		long key = GlobalId.decode(household).numericKey();
		assertThat(count("""
				select count(*) from record_history where subject_type = 'EXITED_HOUSEHOLD' and subject_key = %d
				  and record_type in ('EXITED_HOUSEHOLD_TRAINING', 'RELOCATION_SUPPORT', 'PUBLIC_WELFARE_JOB')"""
			.formatted(key))).isEqualTo(2 + 2 + 2 + 2);
		assertThat(count("""
				select count(*) from record_history where subject_type = 'EXITED_HOUSEHOLD' and subject_key = %d
				  and record_type = 'EXITED_HOUSEHOLD' and after ->> 'relocation_community_id' is not null"""
			.formatted(key))).isEqualTo(1);
	}

	@Test
	void countsAndAmountsThatCannotBeRightAreRefusedWithNothingStored() {
		String village = ordinaryVillage("610929");
		HttpGraphQlTester cadre = postedCadre(village);
		String household = register(cadre, village, false, 2);
		Map<String, Object> training = Map.of("changeId", changeId(), "householdId", household, "baseVersion", 1,
				"year", 2023, "courses", List.of(Map.of("programme", "YULU_PLAN", "people", 1, "subsidy", "3000")));
		refused(cadre, "recordExitedHouseholdTraining", "RecordExitedHouseholdTrainingInput",
				with(training, "courses", List.of(Map.of("programme", "YULU_PLAN", "people", 3))), "INVALID_INPUT");
		refused(cadre, "recordExitedHouseholdTraining", "RecordExitedHouseholdTrainingInput",
				with(training, "courses", List.of(Map.of("programme", "YULU_PLAN", "people", 1, "subsidy", "-1"))),
				"INVALID_INPUT");
		Map<String, Object> absurd = refused(cadre, "recordExitedHouseholdTraining",
				"RecordExitedHouseholdTrainingInput",
				with(training, "courses", List.of(Map.of("programme", "YULU_PLAN", "people", 1, "subsidy", "30000"))),
				"INVALID_INPUT");
		assertThat(absurd.toString()).contains("上限");
		refused(cadre, "recordExitedHouseholdTraining", "RecordExitedHouseholdTrainingInput",
				with(training, "courses", List
					.of(Map.of("programme", "VOCATIONAL", "people", 1, "completedOn", TODAY.plusDays(1).toString()))),
				"INVALID_INPUT");
		refused(cadre, "recordExitedHouseholdTraining", "RecordExitedHouseholdTrainingInput",
				with(training, "courses",
						List.of(Map.of("programme", "OTHER", "people", 1), Map.of("programme", "OTHER", "people", 1))),
				"INVALID_INPUT");
		refused(cadre, "recordExitedHouseholdTraining", "RecordExitedHouseholdTrainingInput",
				with(training, "year", TODAY.getYear() + 1), "INVALID_INPUT");
		refused(cadre, "recordExitedHouseholdTraining", "RecordExitedHouseholdTrainingInput",
				with(training, "baseVersion", 9), "STALE_VERSION");
		// an officer of another county does not see the household at all
		refused(countyOfficer("610924"), "recordExitedHouseholdTraining", "RecordExitedHouseholdTrainingInput",
				with(training, "changeId", changeId()), "NOT_FOUND");
		// a household that was not relocated has no community and no support
		Map<String, Object> notRelocated = refused(
				cadre, "setRelocationCommunity", "SetRelocationCommunityInput", Map.of("changeId", changeId(),
						"householdId", household, "baseVersion", 1, "communityId", villageId(community("610929"))),
				"INVALID_INPUT");
		assertThat(notRelocated.toString()).contains("不是易地扶贫搬迁户");
		refused(cadre, "recordRelocationSupport", "RecordRelocationSupportInput", Map.of("changeId", changeId(),
				"householdId", household, "baseVersion", 1, "year", 2023, "support", List.of(Map.of("kind", "JOB"))),
				"INVALID_INPUT");
		String relocated = register(cadre, village, true, 3);
		// a village that is no relocation community
		refused(cadre, "setRelocationCommunity", "SetRelocationCommunityInput", Map.of("changeId", changeId(),
				"householdId", relocated, "baseVersion", 1, "communityId", villageId(village)), "NOT_FOUND");
		refused(cadre, "recordRelocationSupport", "RecordRelocationSupportInput",
				Map.of("changeId", changeId(), "householdId", relocated, "baseVersion", 1, "year", 2023, "support",
						List.of(Map.of("kind", "INDUSTRY", "amount", "100000.01"))),
				"INVALID_INPUT");
		refused(cadre, "recordRelocationSupport", "RecordRelocationSupportInput",
				Map.of("changeId", changeId(), "householdId", relocated, "baseVersion", 1, "year", 2015, "support",
						List.of(Map.of("kind", "INDUSTRY"))),
				"INVALID_INPUT");
		Map<String, Object> post = Map.of("changeId", changeId(), "householdId", household, "kind", "FOREST_RANGER",
				"startedOn", "2023-03-01", "monthlyPay", "600");
		refused(cadre, "postPublicWelfareJob", "PostPublicWelfareJobInput", with(post, "monthlyPay", "0"),
				"INVALID_INPUT");
		refused(cadre, "postPublicWelfareJob", "PostPublicWelfareJobInput", with(post, "monthlyPay", "-600"),
				"INVALID_INPUT");
		refused(cadre, "postPublicWelfareJob", "PostPublicWelfareJobInput", with(post, "monthlyPay", "60000"),
				"INVALID_INPUT");
		refused(cadre, "postPublicWelfareJob", "PostPublicWelfareJobInput", with(post, "endedOn", "2023-02-28"),
				"INVALID_INPUT");
		refused(cadre, "postPublicWelfareJob", "PostPublicWelfareJobInput",
				with(post, "startedOn", TODAY.plusDays(3).toString()), "INVALID_INPUT");
		String job = (String) made(send(cadre, "postPublicWelfareJob", "PostPublicWelfareJobInput", post, "job { id }"),
				"job")
			.get("id");
		Map<String, Object> end = Map.of("changeId", changeId(), "jobId", job, "baseVersion", 1, "endedOn",
				"2023-01-31");
		refused(cadre, "endPublicWelfareJob", "EndPublicWelfareJobInput", end, "INVALID_INPUT");
		refused(cadre, "endPublicWelfareJob", "EndPublicWelfareJobInput", with(end, "baseVersion", 2), "STALE_VERSION");
		refused(countyOfficer("610924"), "endPublicWelfareJob", "EndPublicWelfareJobInput",
				with(end, "endedOn", "2023-06-30"), "NOT_FOUND");
		made(send(cadre, "endPublicWelfareJob", "EndPublicWelfareJobInput", with(end, "endedOn", "2023-06-30"),
				"job { id }"), "job");
		refused(cadre, "endPublicWelfareJob", "EndPublicWelfareJobInput",
				with(with(end, "endedOn", "2023-07-30"), "baseVersion", 2), "INVALID_TRANSITION");
		long key = GlobalId.decode(household).numericKey();
		long relocatedKey = GlobalId.decode(relocated).numericKey();
		assertThat(count("select count(*) from exited_household_training where household_id = " + key)).isZero();
		assertThat(count(
				"select count(*) from relocation_support where household_id in (%d, %d)".formatted(key, relocatedKey)))
			.isZero();
		assertThat(count("select count(*) from public_welfare_job where household_id = " + key)).isEqualTo(1);
		assertThat(count("select version from exited_household where id = " + key)).isEqualTo(1);
		// the database refuses too: a community for a household not relocated, and
		// taking the flag from a household that has support
		assertThatThrownBy(() -> this.jdbc
			.sql("update exited_household set relocation_community_id = (select min(village_id) from "
					+ "relocation_community) where id = " + key)
			.update()).hasMessageContaining("exited_household_community_only_if_relocated");
		assertThatThrownBy(() -> this.jdbc.sql("""
				insert into relocation_support (household_id, village_id, year, kind)
				select id, village_id, 2023, 'JOB' from exited_household where id = %d""".formatted(key)).update())
			.hasMessageContaining("foreign key");
	}

	private String register(HttpGraphQlTester cadre, String village, boolean relocated, int people) {
		return (String) made(send(cadre, "registerExitedHousehold", "RegisterExitedHouseholdInput",
				Map.of("changeId", changeId(), "villageId", villageId(village), "householdNumber", unique("F-"),
						"headName", unique("户主"), "headIdNumber", idNumber(), "people", people, "exitedYear", 2018,
						"relocated", relocated),
				"household { id }"), "household")
			.get("id");
	}

	private static Map<String, Object> with(Map<String, Object> input, String field, Object value) {
		Map<String, Object> changed = new HashMap<>(input);
		changed.put(field, value);
		changed.put("changeId", changeId());
		return changed;
	}

	private Map<String, Object> refused(HttpGraphQlTester as, String mutation, String inputType,
			Map<String, Object> input, String... codes) {
		Map<String, Object> payload = send(as, mutation, inputType, input, "");
		assertThat(codes(payload)).as(mutation + " " + input).containsExactly(codes);
		return payload;
	}

	/** A village of the county that is no relocation community. */
	private String ordinaryVillage(String county) {
		return this.jdbc.sql("""
				select min(code) from village where code like :county || '%'
				  and id not in (select village_id from relocation_community)""")
			.param("county", county)
			.query(String.class)
			.single();
	}

	private String community(String county) {
		return this.jdbc.sql("""
				select min(v.code) from relocation_community r join village v on v.id = r.village_id
				where v.code like :county || '%'""").param("county", county).query(String.class).single();
	}

	private int count(String sql) {
		return this.jdbc.sql(sql).query(Integer.class).single();
	}

}
