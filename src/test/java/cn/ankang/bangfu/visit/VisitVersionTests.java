package cn.ankang.bangfu.visit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.shared.relay.GlobalId;

import org.springframework.dao.DataAccessException;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Visits are append-only: corrections are new versions, stale ones are refused, and
 * history stays.
 */
class VisitVersionTests extends ApiTestSupport {

	@Test
	void aCorrectionIsTheNextVersionAndTheHistoryStays() {
		Map<String, Object> first = VisitDrafts.householdVisit(this.jdbc);
		logged(first);
		Map<String, Object> correction = new HashMap<>(first);
		correction.put("uuid", UUID.randomUUID().toString());
		correction.put("notes", "更正：户主外出务工");
		var amended = amend(GlobalId.of("Visit", first.get("uuid").toString()), correction);
		amended.path("amendVisit.receipt.status").entity(String.class).isEqualTo("ACCEPTED");
		amended.path("amendVisit.visit.version").entity(Integer.class).isEqualTo(2);
		amended.path("amendVisit.visit.versions[*].notes")
			.entityList(String.class)
			.containsExactly(first.get("notes").toString(), "更正：户主外出务工");
		as("demo-secretary")
			.document("query($id: ID!) { node(id: $id) { ... on Visit { notes replacedBy { version } } } }")
			.variable("id", GlobalId.of("Visit", first.get("uuid").toString()))
			.execute()
			.path("node.replacedBy.version")
			.entity(Integer.class)
			.isEqualTo(2);
		// lists show the current version only
		as("demo-secretary")
			.document("query($h: ID) { visits(first: 100, filter: {householdId: $h}) { edges { node { id } } } }")
			.variable("h", first.get("householdId"))
			.execute()
			.path("visits.edges[*].node.id")
			.entityList(String.class)
			.contains(GlobalId.of("Visit", correction.get("uuid").toString()))
			.doesNotContain(GlobalId.of("Visit", first.get("uuid").toString()));
		// the same correction sent again is a duplicate, not a third version
		amend(GlobalId.of("Visit", first.get("uuid").toString()), correction).path("amendVisit.receipt.status")
			.entity(String.class)
			.isEqualTo("DUPLICATE");
	}

	@Test
	void aCorrectionOfAnOldVersionIsStaleAndShowsTheCurrentOne() {
		Map<String, Object> first = VisitDrafts.householdVisit(this.jdbc);
		logged(first);
		String base = GlobalId.of("Visit", first.get("uuid").toString());
		Map<String, Object> fromPhone = new HashMap<>(first);
		fromPhone.put("uuid", UUID.randomUUID().toString());
		fromPhone.put("notes", "手机上的更正");
		amend(base, fromPhone).path("amendVisit.receipt.status").entity(String.class).isEqualTo("ACCEPTED");
		Map<String, Object> fromTablet = new HashMap<>(first);
		fromTablet.put("uuid", UUID.randomUUID().toString());
		fromTablet.put("notes", "平板上的更正");
		var stale = amend(base, fromTablet);
		stale.path("amendVisit.receipt").valueIsNull();
		stale.path("amendVisit.userErrors[0].code").entity(String.class).isEqualTo("STALE_VERSION");
		stale.path("amendVisit.visit.notes").entity(String.class).isEqualTo("手机上的更正");
		assertThat(sqlInt("select count(*) from visit where id = '" + fromTablet.get("uuid") + "'")).isZero();
	}

	@Test
	void concurrentCorrectionsOfOneVersionStoreOne() throws Exception {
		Map<String, Object> first = VisitDrafts.householdVisit(this.jdbc);
		logged(first);
		String base = GlobalId.of("Visit", first.get("uuid").toString());
		ExecutorService pool = Executors.newFixedThreadPool(6);
		try {
			List<Future<String>> answers = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				Map<String, Object> correction = new HashMap<>(first);
				correction.put("uuid", UUID.randomUUID().toString());
				correction.put("notes", "并发更正 " + i);
				answers.add(pool.submit(() -> {
					amend(base, correction).path("amendVisit").hasValue();
					return "answered";
				}));
			}
			for (Future<String> answer : answers) {
				answer.get();
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(sqlInt("select count(*) from visit where first_version_id = '" + first.get("uuid") + "'"))
			.isEqualTo(1);
	}

	@Test
	void onlyTheCadreWhoMadeAVisitCorrectsIt() {
		Map<String, Object> first = VisitDrafts.householdVisit(this.jdbc);
		logged(first);
		Map<String, Object> correction = new HashMap<>(first);
		correction.put("uuid", UUID.randomUUID().toString());
		as("demo-member").document("""
				mutation($b: ID!, $v: LogVisitInput!) { amendVisit(input: {baseVersionId: $b, visit: $v}) {
				  userErrors { code } } }""")
			.variable("b", GlobalId.of("Visit", first.get("uuid").toString()))
			.variable("v", correction)
			.execute()
			.path("amendVisit.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("NOT_FOUND");
	}

	@Test
	void theDatabaseRefusesToChangeOrDeleteAVisit() {
		String id = sqlString("select id::text from visit order by id limit 1");
		// not even the owner, who is not held by row-level security: the trigger holds
		// for every role
		for (String statement : List.of("update visit set notes = 'forged' where id = '" + id + "'",
				"delete from visit where id = '" + id + "'",
				"update visit set replaced_by = id where id = '" + id + "'")) {
			assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> this.jdbc.sql(statement).update())
				.havingRootCause()
				.withMessageContaining("append-only");
		}
	}

	private void logged(Map<String, Object> visit) {
		as("demo-secretary").document("mutation($v: LogVisitInput!) { logVisit(input: $v) { receipt { status } } }")
			.variable("v", visit)
			.execute()
			.path("logVisit.receipt.status")
			.entity(String.class)
			.isEqualTo("ACCEPTED");
	}

	private GraphQlTester.Response amend(String base, Map<String, Object> visit) {
		return as("demo-secretary").document("""
				mutation($b: ID!, $v: LogVisitInput!) { amendVisit(input: {baseVersionId: $b, visit: $v}) {
				  receipt { status } visit { notes version versions { notes } } userErrors { code } } }""")
			.variable("b", base)
			.variable("v", visit)
			.execute();
	}

}
