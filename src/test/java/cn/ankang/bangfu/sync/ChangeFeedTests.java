package cn.ankang.bangfu.sync;

import java.sql.Connection;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.TestDatabase;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.visit.VisitDrafts;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change feed of a phone, for cadres of the test's own, each posted to a village (a
 * cadre is in one village at a time, which the database holds to): the first download,
 * deltas, deletions, a posting that ends and one that starts again, and the rule that a
 * change of a transaction still running is never skipped.
 */
class ChangeFeedTests extends ApiTestSupport {

	private static final String FEED = """
			query($after: String, $first: Int) {
			  changes(after: $after, first: $first) {
			    cursor hasMore asOf
			    changes {
			      operation itemType id villageId
			      node {
			        id
			        ... on Village { name }
			        ... on Household { headName version members { name } incomes { year } }
			        ... on AssistanceMeasure { description }
			        ... on Visit { notes version }
			      }
			    }
			  }
			}""";

	private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

	@Autowired
	private DataSource dataSource;

	private long cadre;

	private long open;

	private long closing;

	private HttpGraphQlTester phone;

	private long closingCadre;

	private HttpGraphQlTester closingPhone;

	@BeforeEach
	void postTwoCadresToAVillageEach() {
		// two villages of a town no other test writes to
		List<Long> villages = this.jdbc.sql("""
				select v.id from village v where v.town_id = (
				  select t.id from town t join village tv on tv.town_id = t.id
				  where not exists (select 1 from posting p join app_user u on u.cadre_id = p.cadre_id
				                    join village pv on pv.id = p.village_id where pv.town_id = t.id)
				  group by t.id having count(*) >= 2 order by t.id desc limit 1)
				order by v.id limit 2""").query(Long.class).list();
		this.open = villages.get(0);
		this.closing = villages.get(1);
		// team members: a village of the demo may have its first secretary, and has one
		// at most
		this.cadre = cadre(this.open, null);
		this.phone = phoneOf(this.cadre);
		this.closingCadre = cadre(this.closing, TODAY.plusMonths(6));
		this.closingPhone = phoneOf(this.closingCadre);
	}

	private long cadre(long village, @Nullable LocalDate endsOn) {
		long cadre = this.jdbc
			.sql("insert into cadre (name, gender, dispatching_unit_id) "
					+ "values ('同步测试', 'FEMALE', (select min(id) from assistance_unit)) returning id")
			.query(Long.class)
			.single();
		this.jdbc
			.sql("insert into posting (cadre_id, village_id, role, started_on, ended_on) "
					+ "values (:c, :v, 'TEAM_MEMBER', :s, :e)")
			.param("c", cadre)
			.param("v", village)
			.param("s", TODAY.minusYears(1))
			.param("e", endsOn)
			.update();
		return cadre;
	}

	private HttpGraphQlTester phoneOf(long cadre) {
		String username = newUser("phone");
		this.jdbc.sql("update app_user set cadre_id = :c where username = :u")
			.param("c", cadre)
			.param("u", username)
			.update();
		this.jdbc.sql(
				"insert into role_grant (user_id, role) select id, 'FIRST_SECRETARY' from app_user where username = :u")
			.param("u", username)
			.update();
		return as(username, "the-right-password");
	}

	@AfterEach
	void removeTheCadres() {
		for (long cadre : new long[] { this.cadre, this.closingCadre }) {
			this.jdbc.sql("update app_user set cadre_id = null where cadre_id = :c").param("c", cadre).update();
			this.jdbc.sql("delete from posting where cadre_id = :c").param("c", cadre).update();
			this.jdbc.sql("delete from cadre where id = :c").param("c", cadre).update();
		}
	}

	@Test
	void theFirstDownloadPagesThroughEverythingOfTheCadresVillage() {
		Feed feed = Feed.drain(this.phone, null, 7);
		assertThat(feed.pages).isGreaterThan(2);
		assertThat(feed.ids("VILLAGE")).containsExactly(GlobalId.of("Village", this.open));
		assertThat(feed.ids("HOUSEHOLD"))
			.containsExactlyInAnyOrderElementsOf(ids("Household", "select id from household where village_id = :a"));
		assertThat(feed.ids("ASSISTANCE_MEASURE")).containsExactlyInAnyOrderElementsOf(ids("AssistanceMeasure",
				"select m.id from assistance_measure m join household h on h.id = m.household_id "
						+ "where h.village_id = :a"));
		assertThat(feed.ids("VISIT")).isEmpty();
		assertThat(feed.changes).allSatisfy((change) -> {
			assertThat(change.get("operation")).isEqualTo("UPSERT");
			assertThat(change.get("node")).isNotNull();
		});
		// nothing changed since: the next call is empty and hands back a cursor as good
		Feed idle = Feed.drain(this.phone, feed.cursor, 100);
		assertThat(idle.changes).isEmpty();
	}

	@Test
	void laterSyncsSendOnlyWhatChangedDeletionsIncluded() {
		String cursor = Feed.drain(this.phone, null, 200).cursor;
		long household = this.jdbc.sql("select min(id) from household where village_id = :v")
			.param("v", this.open)
			.query(Long.class)
			.single();
		long measure = this.jdbc
			.sql("insert into assistance_measure (household_id, type, description, started_on) "
					+ "values (:h, 'EMPLOYMENT', '公益岗位（同步测试）', :d) returning id")
			.param("h", household)
			.param("d", TODAY)
			.query(Long.class)
			.single();
		this.jdbc.sql("insert into household_income (household_id, year, per_capita_income_fen) values (:h, 2100, 100)")
			.param("h", household)
			.update();
		Feed delta = Feed.drain(this.phone, cursor, 100);
		assertThat(delta.entries()).containsExactly(
				"UPSERT ASSISTANCE_MEASURE " + GlobalId.of("AssistanceMeasure", measure),
				"UPSERT HOUSEHOLD " + GlobalId.of("Household", household));

		this.jdbc.sql("delete from assistance_measure where id = :m").param("m", measure).update();
		this.jdbc.sql("delete from household_income where household_id = :h and year = 2100")
			.param("h", household)
			.update();
		Feed deletions = Feed.drain(this.phone, delta.cursor, 100);
		assertThat(deletions.entries()).containsExactly(
				"DELETE ASSISTANCE_MEASURE " + GlobalId.of("AssistanceMeasure", measure),
				"UPSERT HOUSEHOLD " + GlobalId.of("Household", household));
	}

	@Test
	void aVillageWhosePostingEndsLeavesThePhoneAndComesBackWholeWhenItStartsAgain() {
		Feed first = Feed.drain(this.closingPhone, null, 200);
		int closingItems = (int) first.changes.stream()
			.filter((change) -> change.get("villageId").equals(GlobalId.of("Village", this.closing)))
			.count();
		// the posting's last day was yesterday: no row of the village changes, yet it
		// leaves
		this.jdbc.sql("update posting set ended_on = :d where cadre_id = :c and village_id = :v")
			.param("d", TODAY.minusDays(1))
			.param("c", this.closingCadre)
			.param("v", this.closing)
			.update();
		Feed left = Feed.drain(this.closingPhone, first.cursor, 100);
		assertThat(left.entries()).containsExactly("LEFT_JURISDICTION VILLAGE " + GlobalId.of("Village", this.closing));
		assertThat(left.changes.get(0).get("node")).isNull();
		// and the phone can no longer read it
		this.closingPhone.document("query($id: ID!) { node(id: $id) { id } }")
			.variable("id", ids("Household", "select min(id) from household where village_id = :b").get(0))
			.execute()
			.path("node")
			.valueIsNull();
		assertThat(Feed.drain(this.closingPhone, left.cursor, 100).changes).isEmpty();

		this.jdbc.sql("update posting set ended_on = :d where cadre_id = :c and village_id = :v")
			.param("d", TODAY.plusMonths(1))
			.param("c", this.closingCadre)
			.param("v", this.closing)
			.update();
		Feed back = Feed.drain(this.closingPhone, left.cursor, 5);
		assertThat(back.changes).hasSize(closingItems)
			.allSatisfy(
					(change) -> assertThat(change.get("villageId")).isEqualTo(GlobalId.of("Village", this.closing)));
	}

	@Test
	void aChangeOfATransactionStillRunningIsNotSkippedByOneCommittedAfterIt() throws Exception {
		String cursor = Feed.drain(this.phone, null, 200).cursor;
		long household = this.jdbc.sql("select min(id) from household where village_id = :v")
			.param("v", this.open)
			.query(Long.class)
			.single();
		String insert = "insert into assistance_measure (household_id, type, description, started_on) "
				+ "values (?, 'HEALTH', ?, current_date) returning id";
		try (Connection slow = TestDatabase.ownerDataSource(this.dataSource).getConnection()) {
			slow.setAutoCommit(false);
			long early = insertMeasure(slow, insert, household, "先开始、后提交");
			long late;
			try (Connection quick = TestDatabase.ownerDataSource(this.dataSource).getConnection()) {
				late = insertMeasure(quick, insert, household, "后开始、先提交");
			}
			// the quick one is committed, but handing it out now would move the cursor
			// past the
			// slow one, which would then never be sent
			Feed meanwhile = Feed.drain(this.phone, cursor, 100);
			assertThat(meanwhile.changes).isEmpty();
			slow.commit();
			Feed after = Feed.drain(this.phone, meanwhile.cursor, 100);
			assertThat(after.entries()).containsExactly(
					"UPSERT ASSISTANCE_MEASURE " + GlobalId.of("AssistanceMeasure", early),
					"UPSERT ASSISTANCE_MEASURE " + GlobalId.of("AssistanceMeasure", late));
		}
		finally {
			this.jdbc.sql("delete from assistance_measure where household_id = :h and description like '%提交'")
				.param("h", household)
				.update();
		}
	}

	@Test
	void theCadresOwnVisitsComeAndACorrectionReplacesTheVersionItCorrects() {
		HttpGraphQlTester secretary = as("demo-secretary");
		String cursor = Feed.drain(secretary, null, 200).cursor;
		Map<String, Object> visit = VisitDrafts.householdVisit(this.jdbc);
		// a visit that finds nothing new: a new risk would rightly bring the household's
		// open case along in the feed (the visit's effects), which is another test's
		visit.put("findings", Map.of("schoolingSecure", true, "housingSafe", true, "incomeChange", "ROSE"));
		VisitDrafts.logAccepted(secretary, visit);
		String first = GlobalId.of("Visit", visit.get("uuid").toString());
		Feed logged = Feed.drain(secretary, cursor, 100);
		assertThat(logged.entries()).containsExactly("UPSERT VISIT " + first);

		Map<String, Object> correction = new LinkedHashMap<>(visit);
		correction.put("uuid", UUID.randomUUID().toString());
		correction.put("notes", "更正");
		secretary
			.document("mutation($b: ID!, $v: LogVisitInput!) { amendVisit(input: {baseVersionId: $b, visit: $v}) "
					+ "{ receipt { status } } }")
			.variable("b", first)
			.variable("v", correction)
			.execute()
			.path("amendVisit.receipt.status")
			.entity(String.class)
			.isEqualTo("ACCEPTED");
		Feed amended = Feed.drain(secretary, logged.cursor, 100);
		assertThat(amended.entries()).containsExactlyInAnyOrder("DELETE VISIT " + first,
				"UPSERT VISIT " + GlobalId.of("Visit", correction.get("uuid").toString()));
	}

	@Test
	void onlyCadresHaveAFeedAndBadArgumentsAreCoded() {
		assertError(this.graphQl.document("{ changes { cursor } }"), "FORBIDDEN");
		assertError(this.phone.document("{ changes(after: \"bm90LWEtY3Vyc29y\") { cursor } }"), "INVALID_CURSOR");
		assertError(this.phone.document("{ changes(after: \"%%%\") { cursor } }"), "INVALID_CURSOR");
		assertError(this.phone.document("{ changes(first: 0) { cursor } }"), "INVALID_ARGUMENT");
		assertError(this.phone.document("{ changes(first: 501) { cursor } }"), "INVALID_ARGUMENT");
	}

	private static long insertMeasure(Connection connection, String sql, long household, String description)
			throws Exception {
		try (var statement = connection.prepareStatement(sql)) {
			statement.setLong(1, household);
			statement.setString(2, description);
			try (var rs = statement.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	private List<String> ids(String type, String sql) {
		return this.jdbc.sql(sql)
			.param("a", this.open)
			.param("b", this.closing)
			.query(Long.class)
			.list()
			.stream()
			.map((key) -> GlobalId.of(type, key))
			.toList();
	}

	/** Every page of the feed from a cursor on, as a phone would apply them. */
	private record Feed(List<Map<String, Object>> changes, String cursor, int pages) {

		@SuppressWarnings("unchecked")
		static Feed drain(HttpGraphQlTester phone, @Nullable String after, int first) {
			List<Map<String, Object>> changes = new ArrayList<>();
			String cursor = after;
			int pages = 0;
			boolean more = true;
			while (more) {
				Map<String, Object> page = phone.document(FEED)
					.variable("after", cursor)
					.variable("first", first)
					.execute()
					.path("changes")
					.entity(Map.class)
					.get();
				changes.addAll((List<Map<String, Object>>) page.get("changes"));
				cursor = (String) page.get("cursor");
				more = (Boolean) page.get("hasMore");
				pages++;
				assertThat(pages).isLessThan(1000);
			}
			return new Feed(changes, cursor, pages);
		}

		List<String> ids(String itemType) {
			List<String> ids = this.changes.stream()
				.filter((change) -> change.get("itemType").equals(itemType))
				.map((change) -> (String) change.get("id"))
				.toList();
			Set<String> distinct = new HashSet<>(ids);
			assertThat(distinct).as("each item sent once").hasSameSizeAs(ids);
			return ids;
		}

		List<String> entries() {
			return this.changes.stream()
				.map((change) -> change.get("operation") + " " + change.get("itemType") + " " + change.get("id"))
				.toList();
		}

	}

}
