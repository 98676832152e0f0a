package cn.ankang.bangfu.visit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.StatementCounter;
import cn.ankang.bangfu.shared.relay.GlobalId;

import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Visits from phones are stored exactly once, whatever the retries, and answered one by
 * one.
 */
class VisitWritingTests extends ApiTestSupport {

	@Test
	void aVisitIsStoredOnceAndAResendGetsTheFirstReceipt() {
		Map<String, Object> visit = VisitDrafts.householdVisit(this.jdbc);
		var first = log(as("demo-secretary"), visit);
		first.path("logVisit.userErrors").entityList(Object.class).hasSize(0);
		first.path("logVisit.receipt.status").entity(String.class).isEqualTo("ACCEPTED");
		first.path("logVisit.visit.kind").entity(String.class).isEqualTo("HOUSEHOLD_VISIT");
		first.path("logVisit.visit.distanceToVillageMeters")
			.entity(Integer.class)
			.satisfies((d) -> assertThat(d).isLessThan(100));
		first.path("logVisit.receipt.reviewFlags").entityList(String.class).hasSize(0);
		String receivedAt = first.path("logVisit.receipt.receivedAt").entity(String.class).get();
		var again = log(as("demo-secretary"), visit);
		again.path("logVisit.receipt.status").entity(String.class).isEqualTo("DUPLICATE");
		again.path("logVisit.receipt.receivedAt").entity(String.class).isEqualTo(receivedAt);
		assertThat(sqlInt("select count(*) from visit where id = '" + visit.get("uuid") + "'")).isEqualTo(1);
	}

	@Test
	void theSameUuidWithOtherContentIsAConflictThatShowsTheStoredVisit() {
		Map<String, Object> visit = VisitDrafts.householdVisit(this.jdbc);
		log(as("demo-secretary"), visit).path("logVisit.receipt.status").entity(String.class).isEqualTo("ACCEPTED");
		Map<String, Object> edited = new HashMap<>(visit);
		edited.put("notes", "改过的记录");
		var conflict = log(as("demo-secretary"), edited);
		conflict.path("logVisit.receipt").valueIsNull();
		conflict.path("logVisit.userErrors[0].code").entity(String.class).isEqualTo("CONFLICT");
		conflict.path("logVisit.visit.notes").entity(String.class).isEqualTo(visit.get("notes").toString());
		// a demo visit made on paper has no phone content: its uuid cannot be reused
		// either
		Map<String, Object> reused = new HashMap<>(visit);
		reused.put("uuid", sqlString("select id::text from visit where received_at is null limit 1"));
		log(as("demo-secretary"), reused).path("logVisit.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("CONFLICT");
	}

	@Test
	void doubtfulVisitsAreStoredAndFlaggedNeverRefused() {
		Map<String, Object> visit = VisitDrafts.householdVisit(this.jdbc);
		visit.put("location",
				Map.of("latitude", 35.0, "longitude", 110.0, "accuracyMeters", 8.0, "provider", "GPS", "mocked", true));
		visit.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).toString());
		visit.put("deviceTime", OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(120).toString());
		var response = log(as("demo-secretary"), visit);
		response.path("logVisit.receipt.status").entity(String.class).isEqualTo("ACCEPTED");
		response.path("logVisit.receipt.reviewFlags")
			.entityList(String.class)
			.containsExactly("FAR_FROM_VILLAGE", "FUTURE_TIME", "MOCKED_LOCATION");
		response.path("logVisit.visit.clockSkewSeconds")
			.entity(Integer.class)
			.satisfies((skew) -> assertThat(skew).isBetween(100, 140));
		response.path("logVisit.visit.location.mocked").entity(Boolean.class).isEqualTo(true);
	}

	@Test
	void visitsOutsideOnesPostingsOrWithBadFieldsAreRejectedWithFieldErrors() {
		Map<String, Object> elsewhere = VisitDrafts.householdVisit(this.jdbc);
		elsewhere.put("villageId", GlobalId.of("Village", Long.parseLong(sqlString("""
				select v.id::text from village v where v.code like '610924%' order by v.id limit 1"""))));
		elsewhere.remove("householdId");
		elsewhere.put("kind", "VILLAGE_MEETING");
		log(as("demo-secretary"), elsewhere).path("logVisit.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("NOT_FOUND");
		Map<String, Object> strangeHousehold = VisitDrafts.householdVisit(this.jdbc);
		strangeHousehold.put("householdId", GlobalId.of("Household", Long.parseLong(sqlString(
				"""
						select h.id::text from household h join village v on v.id = h.village_id where v.code like '610924%' limit 1"""))));
		log(as("demo-secretary"), strangeHousehold).path("logVisit.userErrors[0].field")
			.entityList(String.class)
			.isEqualTo(List.of("input", "householdId"));
		Map<String, Object> bad = VisitDrafts.householdVisit(this.jdbc);
		bad.put("uuid", "not-a-uuid");
		bad.put("notes", "x".repeat(5_000));
		bad.put("location", Map.of("latitude", 95.0, "longitude", 108.0));
		log(as("demo-secretary"), bad).path("logVisit.userErrors[*].field[-1]")
			.entityList(String.class)
			.containsExactly("uuid", "notes", "latitude");
		assertError(as("demo-leader").document("""
				mutation($v: LogVisitInput!) { logVisit(input: $v) { userErrors { code } } }""")
			.variable("v", VisitDrafts.householdVisit(this.jdbc)), "FORBIDDEN");
	}

	@Test
	void aQueueIsAnsweredItemByItemAndOneBadItemSinksNothing() {
		Map<String, Object> stored = VisitDrafts.householdVisit(this.jdbc);
		log(as("demo-secretary"), stored);
		Map<String, Object> conflicting = new HashMap<>(stored);
		conflicting.put("notes", "另一份记录");
		Map<String, Object> broken = VisitDrafts.householdVisit(this.jdbc);
		broken.put("uuid", "??");
		List<Map<String, Object>> queue = List.of(VisitDrafts.householdVisit(this.jdbc), stored, conflicting, broken,
				VisitDrafts.householdVisit(this.jdbc));
		var response = as("demo-secretary").document("""
				mutation($q: [LogVisitInput!]!) { syncVisits(input: {visits: $q}) {
				  results { uuid status receipt { receivedAt } errors { code } } } }""").variable("q", queue).execute();
		response.path("syncVisits.results[*].status")
			.entityList(String.class)
			.containsExactly("ACCEPTED", "DUPLICATE", "CONFLICT", "REJECTED", "ACCEPTED");
		response.path("syncVisits.results[0].uuid").entity(String.class).isEqualTo(queue.get(0).get("uuid").toString());
		assertThat(sqlInt("select count(*) from visit where id in ('%s', '%s')".formatted(queue.get(0).get("uuid"),
				queue.get(4).get("uuid"))))
			.isEqualTo(2);
		List<Map<String, Object>> tooMany = new ArrayList<>();
		for (int i = 0; i < 251; i++) {
			tooMany.add(VisitDrafts.householdVisit(this.jdbc));
		}
		assertError(as("demo-secretary").document("""
				mutation($q: [LogVisitInput!]!) { syncVisits(input: {visits: $q}) { results { status } } }""")
			.variable("q", tooMany), "INVALID_ARGUMENT");
	}

	@Test
	void aQueueStoresEachVisitAsItWouldBeStoredAloneAndAUuidSentTwiceOnce() {
		HttpGraphQlTester secretary = as("demo-secretary");
		// values the two ways could round differently: nanoseconds, a coordinate of more
		// digits than its column keeps, a half at the column's last place
		Map<String, Object> alone = VisitDrafts.householdVisit(this.jdbc);
		alone.put("occurredAt", "2026-11-20T08:15:30.123456789+08:00");
		alone.put("recordedAt", "2026-11-20T08:35:00.0000005Z");
		alone.put("location", Map.of("latitude", 32.684499999999996, "longitude", 109.02900000000001, "accuracyMeters",
				12.45, "provider", "GPS", "mocked", true));
		Map<String, Object> inQueue = new HashMap<>(alone);
		inQueue.put("uuid", UUID.randomUUID().toString());
		log(secretary, alone).path("logVisit.receipt.status").entity(String.class).isEqualTo("ACCEPTED");
		Map<String, Object> sentTwice = VisitDrafts.householdVisit(this.jdbc);
		Map<String, Object> sentTwiceChanged = new HashMap<>(sentTwice);
		sentTwiceChanged.put("notes", "同一编号的另一份记录");
		var response = secretary.document("""
				mutation($q: [LogVisitInput!]!) { syncVisits(input: {visits: $q}) { results { uuid status } } }""")
			.variable("q", List.of(sentTwice, inQueue, sentTwice, sentTwiceChanged))
			.execute();
		response.path("syncVisits.results[*].status")
			.entityList(String.class)
			.containsExactly("ACCEPTED", "ACCEPTED", "DUPLICATE", "CONFLICT");
		assertThat(sqlInt("select count(*) from visit where id = '%s'".formatted(sentTwice.get("uuid")))).isEqualTo(1);
		assertThat(sqlString("select notes from visit where id = '%s'".formatted(sentTwice.get("uuid"))))
			.isEqualTo(sentTwice.get("notes"));
		String columns = """
				cadre_id, village_id, household_id, kind, occurred_at, notes, schooling_secure, medical_care_secure,
				housing_safe, drinking_water_safe, income_change, new_risk_types, recorded_at, clock_skew_seconds,
				latitude, longitude, accuracy_m, location_provider, location_mocked, distance_m, review_flags,
				version, replaced_by, first_version_id, photo_sha256s""";
		String stored = "select row(" + columns + ")::text from visit where id = '%s'";
		assertThat(sqlString(stored.formatted(inQueue.get("uuid"))))
			.isEqualTo(sqlString(stored.formatted(alone.get("uuid"))));
		assertThat(
				sqlString("select to_char(occurred_at at time zone 'UTC', 'HH24:MI:SS.US') from visit where id = '%s'"
					.formatted(inQueue.get("uuid"))))
			.isEqualTo("00:15:30.123457");
	}

	@Test
	void aQueueIsAnsweredWithTheStoredVisitsOnlyWhenTheyAreAskedFor() {
		HttpGraphQlTester secretary = as("demo-secretary");
		String withVisits = """
				mutation($q: [LogVisitInput!]!) { syncVisits(input: {visits: $q}) { results { status ...stored } } }
				fragment stored on SyncVisitResult { visit { id occurredAt } }""";
		String receiptsAlone = """
				mutation($q: [LogVisitInput!]!) { syncVisits(input: {visits: $q}) { results { status receipt { status } } } }""";
		long[] statements = new long[2];
		for (int i = 0; i < 2; i++) {
			Map<String, Object> stored = VisitDrafts.householdVisit(this.jdbc);
			log(secretary, stored);
			List<Map<String, Object>> queue = List.of(VisitDrafts.householdVisit(this.jdbc), stored);
			long before = StatementCounter.count();
			var response = secretary.document((i == 0) ? withVisits : receiptsAlone).variable("q", queue).execute();
			statements[i] = StatementCounter.count() - before;
			response.path("syncVisits.results[*].status")
				.entityList(String.class)
				.containsExactly("ACCEPTED", "DUPLICATE");
			if (i == 0) {
				response.path("syncVisits.results[0].visit.id").hasValue();
				response.path("syncVisits.results[1].visit.id").hasValue();
			}
		}
		// a phone asks for receipts alone: the visits it sent are not read back for it
		assertThat(statements[0]).isGreaterThan(statements[1]);
	}

	@Test
	void aVisitTheDatabaseRefusesInTheMiddleOfAQueueUndoesNoneOfTheOthers() {
		// a rule only the database knows, standing in for one the service's checks miss
		this.jdbc.sql("alter table visit add constraint visit_test_refusal check (notes <> '数据库拒收')").update();
		try {
			List<Map<String, Object>> queue = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				queue.add(VisitDrafts.householdVisit(this.jdbc, i));
			}
			queue.get(2).put("notes", "数据库拒收");
			var response = as("demo-secretary").document("""
					mutation($q: [LogVisitInput!]!) { syncVisits(input: {visits: $q}) {
					  results { uuid status errors { code } } } }""").variable("q", queue).execute();
			response.path("syncVisits.results[*].status")
				.entityList(String.class)
				.containsExactly("ACCEPTED", "ACCEPTED", "REJECTED", "ACCEPTED", "ACCEPTED");
			response.path("syncVisits.results[2].errors[0].code").entity(String.class).isEqualTo("INVALID_INPUT");
			for (int i = 0; i < 5; i++) {
				assertThat(sqlInt("select count(*) from visit where id = '" + queue.get(i).get("uuid") + "'"))
					.isEqualTo((i == 2) ? 0 : 1);
				// nor of its key: the refused visit can be sent again, mended
				assertThat(sqlInt("select count(*) from visit_key where id = '" + queue.get(i).get("uuid") + "'"))
					.isEqualTo((i == 2) ? 0 : 1);
			}
		}
		finally {
			this.jdbc.sql("alter table visit drop constraint visit_test_refusal").update();
		}
	}

	@Test
	void concurrentRetriesOfOneVisitStoreItOnce() throws Exception {
		Map<String, Object> visit = VisitDrafts.householdVisit(this.jdbc);
		HttpGraphQlTester tester = as("demo-secretary");
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<String>> answers = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				answers.add(pool
					.submit(() -> log(tester, visit).path("logVisit.receipt.status").entity(String.class).get()));
			}
			List<String> statuses = new ArrayList<>();
			for (Future<String> answer : answers) {
				statuses.add(answer.get());
			}
			assertThat(statuses).containsOnly("ACCEPTED", "DUPLICATE");
			assertThat(statuses).filteredOn("ACCEPTED"::equals).hasSize(1);
		}
		finally {
			pool.shutdown();
		}
		assertThat(sqlInt("select count(*) from visit where id = '" + visit.get("uuid") + "'")).isEqualTo(1);
	}

	@Test
	void manyPhonesResendingTheSameBatchAtOnceStoreEachVisitOnceWithoutDeadlocks() throws Exception {
		List<Map<String, Object>> batch = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			batch.add(VisitDrafts.householdVisit(this.jdbc));
		}
		HttpGraphQlTester tester = as("demo-secretary");
		ExecutorService pool = Executors.newFixedThreadPool(6);
		List<Future<List<Map<String, Object>>>> answers = new ArrayList<>();
		try {
			// twelve sends of the same batch, six at a time, each in its own order: the
			// orders that would deadlock row locks taken batch-wide
			for (int send = 0; send < 12; send++) {
				List<Map<String, Object>> order = new ArrayList<>(batch);
				java.util.Collections.shuffle(order, new java.util.Random(send));
				answers.add(pool.submit(() -> tester.document(
						"""
								mutation($q: [LogVisitInput!]!) { syncVisits(input: {visits: $q}) { results { uuid status } } }""")
					.variable("q", order)
					.execute()
					.path("syncVisits.results")
					.entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
					})
					.get()));
			}
			Map<Object, Integer> accepted = new java.util.HashMap<>();
			for (Future<List<Map<String, Object>>> answer : answers) {
				List<Map<String, Object>> results = answer.get();
				assertThat(results).hasSize(40);
				for (Map<String, Object> result : results) {
					assertThat(result.get("status")).isIn("ACCEPTED", "DUPLICATE");
					if ("ACCEPTED".equals(result.get("status"))) {
						accepted.merge(result.get("uuid"), 1, Integer::sum);
					}
				}
			}
			assertThat(accepted).hasSize(40).allSatisfy((uuid, times) -> assertThat(times).isEqualTo(1));
		}
		finally {
			pool.shutdown();
		}
		String ids = batch.stream().map((visit) -> "'" + visit.get("uuid") + "'").collect(Collectors.joining(","));
		assertThat(sqlInt("select count(*) from visit where id in (" + ids + ")")).isEqualTo(40);
	}

	private GraphQlTester.Response log(HttpGraphQlTester tester, Map<String, Object> visit) {
		return tester.document("""
				mutation($v: LogVisitInput!) { logVisit(input: $v) {
				  receipt { uuid status receivedAt reviewFlags }
				  visit { id kind notes distanceToVillageMeters clockSkewSeconds location { mocked } }
				  userErrors { code field } } }""").variable("v", visit).execute();
	}

}
