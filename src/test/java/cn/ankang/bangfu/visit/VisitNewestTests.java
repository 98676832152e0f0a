package cn.ankang.bangfu.visit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
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

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.TestDatabase;
import cn.ankang.bangfu.shared.relay.GlobalId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The copies of each household's newest visits that the phone's village page reads
 * ({@code visit_newest}, V41) are always the household's newest four current visits,
 * whoever writes them and however, and the page shows what the household's visits read in
 * full would.
 */
class VisitNewestTests extends ApiTestSupport {

	@Autowired
	private DataSource dataSource;

	/**
	 * Rows in one table and not the other, whole rows compared: the households' newest
	 * four read from their visits, and the copies. One statement, so one snapshot.
	 */
	private static final String DIFFERENCES = """
			with newest as (
			    select to_jsonb(v) as visit
			    from household h
			    cross join lateral (select * from visit v
			                        where v.household_id = h.id and v.replaced_by is null
			                        order by v.occurred_at desc, v.id desc
			                        limit 4) v
			    where %1$s),
			kept as (select to_jsonb(n) as visit from visit_newest n join household h on h.id = n.household_id where %1$s)
			select (select count(*) from (select * from newest except all select * from kept) missing)
			     + (select count(*) from (select * from kept except all select * from newest) extra)""";

	@Test
	void theCopiesHaveTheVisitsColumnsInTheirOrder() {
		String columns = """
				select string_agg(column_name || ' ' || data_type, ', ' order by ordinal_position)
				from information_schema.columns where table_schema = 'public' and table_name = :table""";
		String visit = this.jdbc.sql(columns).param("table", "visit").query(String.class).single();
		assertThat(visit).contains("occurred_at", "notes");
		assertThat(this.jdbc.sql(columns).param("table", "visit_newest").query(String.class).single()).isEqualTo(visit);
	}

	@Test
	void everyHouseholdsNewestVisitsAreKept() {
		// the demo load's visits, in one statement over every household, and what any
		// other test wrote
		assertThat(differences("true")).isZero();
		assertThat(sqlInt("select count(*) from visit_newest")).isPositive();
	}

	@Test
	void thePhonesWritesAndCorrectionsKeepThemAndThePageReadsThem() {
		Map<String, Object> first = VisitDrafts.householdVisit(this.jdbc, 2);
		Object household = first.get("householdId");
		long key = GlobalId.decodeNumeric(household.toString(), "Household");
		log(first);
		for (int daysAgo : new int[] { 40, 400, 1 }) {
			log(at(VisitDrafts.householdVisit(this.jdbc, 2), daysAgo));
		}
		assertThat(differences("h.id = " + key)).isZero();
		assertPageAsRead(household);

		// a queue over two households, older and newer visits mixed
		List<Map<String, Object>> queue = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			queue.add(at(VisitDrafts.householdVisit(this.jdbc, 2 + (i % 2)), i * 50));
		}
		assertThat(VisitDrafts.synced(as("demo-secretary"), queue)).hasSize(6).containsOnly("ACCEPTED");
		assertThat(differences(householdsOfTheDemoVillage())).isZero();

		// the newest visit corrected to a day long ago: the next one back takes its place
		String newest = this.jdbc.sql("""
				select id::text from visit where household_id = :h and replaced_by is null
				order by occurred_at desc, id desc limit 1""").param("h", key).query(String.class).single();
		Map<String, Object> correction = at(VisitDrafts.householdVisit(this.jdbc, 2), 1_000);
		as("demo-secretary").document("""
				mutation($b: ID!, $v: LogVisitInput!) { amendVisit(input: {baseVersionId: $b, visit: $v}) {
				  receipt { status } } }""")
			.variable("b", GlobalId.of("Visit", newest))
			.variable("v", correction)
			.execute()
			.path("amendVisit.receipt.status")
			.entity(String.class)
			.isEqualTo("ACCEPTED");
		assertThat(sqlInt("select count(*) from visit_newest where id = '" + newest + "'")).isZero();
		assertThat(differences("h.id = " + key)).isZero();
		assertPageAsRead(household);
	}

	@Test
	void writersOfOneHouseholdAtOnceKeepItsNewestFour() throws Exception {
		// a household of the demo village with four visits or more: each new one takes
		// the place of one
		long household = this.jdbc.sql("""
				select h.id from household h where %s
				  and (select count(*) from visit v where v.household_id = h.id and v.replaced_by is null) >= 4
				order by h.id limit 1""".formatted(householdsOfTheDemoVillage())).query(Long.class).single();
		DataSource owner = TestDatabase.ownerDataSource(this.dataSource);
		ExecutorService second = Executors.newSingleThreadExecutor();
		try (Connection first = owner.getConnection()) {
			first.setAutoCommit(false);
			insertVisit(first, household, OffsetDateTime.now(ZoneOffset.UTC));
			// the second writer keeps its copy after the first has committed, seeing the
			// first's: without taking turns it would keep the four it saw and one more
			Future<?> written = second.submit(() -> {
				try (Connection other = owner.getConnection()) {
					other.setAutoCommit(false);
					insertVisit(other, household, OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(1));
					other.commit();
				}
				return null;
			});
			Thread.sleep(300);
			first.commit();
			written.get();
		}
		finally {
			second.shutdown();
		}
		assertThat(differences("h.id = " + household)).isZero();
		assertThat(sqlInt("select count(*) from visit_newest where household_id = " + household)).isEqualTo(4);
	}

	@Test
	void queuesRefusedInPartOverTheSameHouseholdsInOppositeOrdersBothLand() throws Exception {
		// a queue the database refuses in part is stored a visit at a time, in uuid
		// order,
		// each insert taking its household's turn: here one queue's order goes from the
		// first household to the second, the other's back, each pausing in between
		this.jdbc.sql("alter table visit add constraint visit_test_refused_in_part check (notes <> '数据库拒收')").update();
		this.jdbc.sql("""
				create function visit_test_pause() returns trigger language plpgsql as $$
				begin perform pg_sleep(0.8); return new; end $$""").update();
		this.jdbc.sql("""
				create trigger visit_test_pause before insert on visit for each row
				when (new.notes = '稍候') execute function visit_test_pause()""").update();
		HttpGraphQlTester secretary = as("demo-secretary");
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<List<String>>> answers = new ArrayList<>();
			for (int[] order : new int[][] { { 4, 5 }, { 5, 4 } }) {
				List<Map<String, Object>> queue = refusedInPart(order[0], order[1]);
				answers.add(pool.submit(() -> VisitDrafts.synced(secretary, queue)));
			}
			for (Future<List<String>> answer : answers) {
				assertThat(answer.get()).containsExactly("ACCEPTED", "ACCEPTED", "REJECTED");
			}
		}
		finally {
			pool.shutdown();
			this.jdbc.sql("drop trigger visit_test_pause on visit").update();
			this.jdbc.sql("drop function visit_test_pause()").update();
			this.jdbc.sql("alter table visit drop constraint visit_test_refused_in_part").update();
		}
		assertThat(differences(householdsOfTheDemoVillage())).isZero();
	}

	/**
	 * Three visits in uuid order: to the first household, to the second after a pause,
	 * and one the database refuses. Nothing found that would lock the households'
	 * records.
	 */
	private List<Map<String, Object>> refusedInPart(int first, int second) {
		List<UUID> uuids = new ArrayList<>(List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()));
		uuids.sort(null);
		List<Map<String, Object>> queue = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Map<String, Object> visit = VisitDrafts.householdVisit(this.jdbc, (i == 1) ? second : first);
			visit.put("uuid", uuids.get(i).toString());
			visit.put("findings", Map.of("schoolingSecure", true, "housingSafe", true, "incomeChange", "ROSE"));
			queue.add(visit);
		}
		queue.get(1).put("notes", "稍候");
		queue.get(2).put("notes", "数据库拒收");
		return queue;
	}

	/** A visit to the household, as a copy of one of its visits under a new key. */
	private static void insertVisit(Connection connection, long household, OffsetDateTime occurredAt)
			throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement("""
				with k as (insert into visit_key (id, occurred_at, chain_id, version) values (?, ?, ?, 1))
				insert into visit (id, cadre_id, village_id, household_id, kind, occurred_at, notes, version, chain_id)
				select k.id, v.cadre_id, v.village_id, v.household_id, v.kind, k.at, '同时写入', 1, k.id
				from (select cast(? as uuid) as id, cast(? as timestamptz) as at) k,
				     lateral (select * from visit v where v.household_id = ? limit 1) v""")) {
			UUID id = UUID.randomUUID();
			insert.setObject(1, id);
			insert.setObject(2, occurredAt);
			insert.setObject(3, id);
			insert.setObject(4, id);
			insert.setObject(5, occurredAt);
			insert.setLong(6, household);
			assertThat(insert.executeUpdate()).isEqualTo(1);
		}
	}

	@Test
	void keepingThemRefusesAnyIsolationButReadCommitted() throws SQLException {
		// after waiting for another writer of the household, a repeatable read would
		// still read as before that writer committed, and lose its visit
		try (Connection owner = TestDatabase.ownerDataSource(this.dataSource).getConnection()) {
			owner.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
			owner.setAutoCommit(false);
			try (Statement statement = owner.createStatement()) {
				assertThatExceptionOfType(SQLException.class)
					.isThrownBy(() -> statement.execute("select visit_newest_turn(array[1::bigint])"))
					.withMessageContaining("visits are written at read committed, not repeatable read");
			}
			finally {
				owner.rollback();
			}
		}
	}

	private void assertPageAsRead(Object household) {
		// three, as the phone asks, read from the copies; ten, read from the visits
		GraphQlTester.Response page = visits(household, 3);
		GraphQlTester.Response read = visits(household, 10);
		List<String> all = read.path("node.visits.edges[*].node.id").entityList(String.class).get();
		assertThat(all).hasSizeGreaterThan(3);
		page.path("node.visits.edges[*].node.id").entityList(String.class).isEqualTo(all.subList(0, 3));
		page.path("node.visits.edges[*].node.notes")
			.entityList(String.class)
			.isEqualTo(read.path("node.visits.edges[*].node.notes").entityList(String.class).get().subList(0, 3));
		page.path("node.visits.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
	}

	private GraphQlTester.Response visits(Object household, int first) {
		return as("demo-secretary").document("""
				query($h: ID!, $n: Int) { node(id: $h) { ... on Household {
				  visits(first: $n) { edges { node { id notes occurredAt } } pageInfo { hasNextPage } } } } }""")
			.variable("h", household)
			.variable("n", first)
			.execute();
	}

	private void log(Map<String, Object> visit) {
		VisitDrafts.logAccepted(as("demo-secretary"), visit);
	}

	private static Map<String, Object> at(Map<String, Object> visit, int daysAgo) {
		Map<String, Object> dated = new HashMap<>(visit);
		OffsetDateTime when = OffsetDateTime.now(ZoneOffset.UTC).minusDays(daysAgo).minusHours(3);
		dated.put("occurredAt", when.toString());
		dated.put("recordedAt", when.plusMinutes(20).toString());
		dated.put("uuid", UUID.randomUUID().toString());
		return dated;
	}

	private String householdsOfTheDemoVillage() {
		return """
				h.village_id in (select p.village_id from app_user u join posting p on p.cadre_id = u.cadre_id
				                 where u.username = 'demo-secretary')""";
	}

	private int differences(String households) {
		return this.jdbc.sql(DIFFERENCES.formatted(households)).query(Integer.class).single();
	}

}
