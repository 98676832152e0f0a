package cn.ankang.bangfu.visit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.ankang.bangfu.shared.relay.GlobalId;

import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Visits as the demo first secretary's phone would send them, for the tests that write
 * visits.
 */
public final class VisitDrafts {

	private VisitDrafts() {
	}

	/**
	 * A new household visit, three hours ago, a few metres from the committee of the
	 * village where the demo first secretary is posted, with a fresh uuid.
	 */
	public static Map<String, Object> householdVisit(JdbcClient jdbc) {
		return householdVisit(jdbc, 0);
	}

	/**
	 * Like {@link #householdVisit(JdbcClient)}, to the village's household that comes
	 * {@code nth} (from 0) by id.
	 */
	public static Map<String, Object> householdVisit(JdbcClient jdbc, int nth) {
		Map<String, Object> row = jdbc.sql("""
				select h.id as household, v.id as village, v.latitude, v.longitude from app_user u
				join posting p on p.cadre_id = u.cadre_id and p.ended_on is null
				join village v on v.id = p.village_id join household h on h.village_id = v.id
				where u.username = 'demo-secretary' order by h.id offset :nth limit 1""")
			.param("nth", nth)
			.query()
			.singleRow();
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		Map<String, Object> visit = new HashMap<>();
		visit.put("uuid", UUID.randomUUID().toString());
		visit.put("villageId", GlobalId.of("Village", ((Number) row.get("village")).longValue()));
		visit.put("householdId", GlobalId.of("Household", ((Number) row.get("household")).longValue()));
		visit.put("kind", "HOUSEHOLD_VISIT");
		visit.put("occurredAt", now.minusHours(3).toString());
		visit.put("recordedAt", now.minusHours(3).plusMinutes(20).toString());
		visit.put("notes", "入户走访，了解务工收入 " + UUID.randomUUID().toString().substring(0, 6));
		visit.put("location",
				Map.of("latitude", ((Number) row.get("latitude")).doubleValue() + 0.0001, "longitude",
						((Number) row.get("longitude")).doubleValue(), "accuracyMeters", 12.5, "provider", "FUSED",
						"mocked", false));
		visit.put("findings", Map.of("schoolingSecure", true, "housingSafe", true, "incomeChange", "ROSE",
				"newRiskTypes", List.of("UNSTABLE_EMPLOYMENT")));
		return visit;
	}

	/** Logs the visit through {@code logVisit}, which must accept it. */
	public static void logAccepted(GraphQlTester secretary, Map<String, Object> visit) {
		secretary.document("mutation($v: LogVisitInput!) { logVisit(input: $v) { receipt { status } } }")
			.variable("v", visit)
			.execute()
			.path("logVisit.receipt.status")
			.entity(String.class)
			.isEqualTo("ACCEPTED");
	}

	/** Sends the queue through {@code syncVisits}: each visit's status, in order. */
	public static List<String> synced(GraphQlTester secretary, List<Map<String, Object>> queue) {
		return secretary.document("""
				mutation($q: [LogVisitInput!]!) { syncVisits(input: {visits: $q}) { results { status } } }""")
			.variable("q", queue)
			.execute()
			.path("syncVisits.results[*].status")
			.entityList(String.class)
			.get();
	}

}
