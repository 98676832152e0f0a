package cn.ankang.bangfu.visit;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.shared.relay.GlobalId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Visits are partitioned by month (V16): each visit is in its month's partition, a uuid
 * is stored once whatever months its sendings claim, and a visit dated in a month without
 * a partition is kept and later moved into its month. The time outside the months has
 * partitions of its own, not a default one (V40), so that the newest visits are read
 * newest month first.
 */
class VisitPartitionsTests extends ApiTestSupport {

	@Autowired
	VisitPartitions partitions;

	@Test
	void eachVisitIsInItsMonthsPartitionAndAMonthsQueryReadsOnlyThatMonth() {
		assertThat(sqlInt("""
				select count(*) from visit v join pg_class c on c.oid = v.tableoid
				where c.relname like 'visit\\_other\\_%' and v.occurred_at < now() - interval '1 year'""")).isZero();
		assertThat(sqlInt("select count(*) from visit_2023_03")).isPositive();
		assertThat(sqlInt("""
				select count(*) from visit v join pg_class c on c.oid = v.tableoid
				where c.relname <> 'visit_' || to_char(v.occurred_at at time zone 'UTC', 'YYYY_MM')
				  and c.relname not like 'visit\\_other\\_%'""")).isZero();
		// the partitions of this month and the next ones are there before any visit is
		String plan = String.join("\n",
				this.jdbc.sql("""
						explain select count(*) from visit
						where occurred_at >= '2023-03-01T00:00:00Z' and occurred_at < '2023-04-01T00:00:00Z'""")
					.query(String.class)
					.list());
		assertThat(plan).contains("visit_2023_03").doesNotContain("visit_2023_02").doesNotContain("visit_2023_04");
		LocalDate month = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
		for (int i = -1; i <= VisitPartitions.MONTHS_AHEAD; i++) {
			assertThat(sqlString("select to_regclass('visit_%s')::text"
				.formatted(month.plusMonths(i).toString().substring(0, 7).replace('-', '_')))).isNotNull();
		}
	}

	@Test
	void aHouseholdsNewestVisitsAreReadNewestMonthFirstNotMergedFromEveryMonth() {
		// a default partition may hold any month, and with one PostgreSQL merges every
		// partition's rows
		assertThat(sqlInt("select partdefid::int from pg_partitioned_table where partrelid = 'visit'::regclass"))
			.isZero();
		String plan = String.join("\n", this.jdbc.sql("""
				explain select * from visit
				where household_id = 1 and replaced_by is null
				order by occurred_at desc, id desc limit 3""").query(String.class).list());
		assertThat(plan).contains("Append").doesNotContain("Merge Append").doesNotContain("Sort");
	}

	@Test
	void aUuidSentAgainWithAnotherMonthIsAConflictNotASecondVisit() {
		Map<String, Object> visit = VisitDrafts.householdVisit(this.jdbc, 2);
		log(visit).path("logVisit.receipt.status").entity(String.class).isEqualTo("ACCEPTED");
		Map<String, Object> otherMonth = new HashMap<>(visit);
		otherMonth.put("occurredAt",
				OffsetDateTime.parse(visit.get("occurredAt").toString()).minusMonths(2).toString());
		var conflict = log(otherMonth);
		conflict.path("logVisit.receipt").valueIsNull();
		conflict.path("logVisit.userErrors[0].code").entity(String.class).isEqualTo("CONFLICT");
		log(visit).path("logVisit.receipt.status").entity(String.class).isEqualTo("DUPLICATE");
		assertThat(sqlInt("select count(*) from visit where id = '" + visit.get("uuid") + "'")).isOne();
	}

	@Test
	void theDatabaseStoresAUuidOnceWhoeverWrites() {
		String id = sqlString("select id::text from visit where replaced_by is null and first_version_id is null "
				+ "and occurred_at < '2023-06-01' order by id limit 1");
		// even the owner, writing past the service: a second row of the uuid in another
		// month has no key of its own to match
		String copy = """
				insert into visit (id, cadre_id, village_id, household_id, kind, occurred_at, notes, chain_id)
				select id, cadre_id, village_id, household_id, kind, occurred_at + interval '%s', notes, chain_id
				from visit where id = '%s'""";
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.sql(copy.formatted("3 months", id)).update())
			.havingRootCause()
			.withMessageContaining("visit_key");
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.sql(copy.formatted("0 seconds", id)).update())
			.havingRootCause()
			.withMessageContaining("duplicate key");
		// and a chain has one version of each number
		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> this.jdbc.sql("""
				insert into visit_key (id, occurred_at, chain_id, version)
				values (gen_random_uuid(), now(), '%s', 1)""".formatted(id)).update())
			.havingRootCause()
			.withMessageContaining("duplicate key");
		assertThat(sqlInt("select count(*) from visit where id = '" + id + "'")).isOne();
	}

	@Test
	void aCorrectionDatedInAnotherMonthKeepsTheChain() {
		Map<String, Object> first = VisitDrafts.householdVisit(this.jdbc, 3);
		log(first).path("logVisit.receipt.status").entity(String.class).isEqualTo("ACCEPTED");
		Map<String, Object> correction = new HashMap<>(first);
		correction.put("uuid", UUID.randomUUID().toString());
		correction.put("occurredAt",
				OffsetDateTime.parse(first.get("occurredAt").toString()).minusMonths(1).toString());
		as("demo-secretary").document("""
				mutation($b: ID!, $v: LogVisitInput!) { amendVisit(input: {baseVersionId: $b, visit: $v}) {
				  receipt { status } visit { version versions { id } } } }""")
			.variable("b", GlobalId.of("Visit", first.get("uuid").toString()))
			.variable("v", correction)
			.execute()
			.path("amendVisit.receipt.status")
			.entity(String.class)
			.isEqualTo("ACCEPTED")
			.path("amendVisit.visit.versions[*].id")
			.entityList(String.class)
			.containsExactly(GlobalId.of("Visit", first.get("uuid").toString()),
					GlobalId.of("Visit", correction.get("uuid").toString()));
		assertThat(sqlString("select c.relname::text from visit v join pg_class c on c.oid = v.tableoid where v.id = '"
				+ first.get("uuid") + "'"))
			.isNotEqualTo(sqlString("select c.relname::text from visit v join pg_class c on c.oid = v.tableoid "
					+ "where v.id = '" + correction.get("uuid") + "'"));
	}

	@Test
	void aVisitDatedInAMonthWithoutAPartitionIsKeptAndMovedIntoItsMonthLater() {
		// a phone whose clock is years ahead: the visit is flagged, not refused
		Map<String, Object> visit = VisitDrafts.householdVisit(this.jdbc, 4);
		OffsetDateTime future = OffsetDateTime.of(2093, 5, 14, 10, 0, 0, 0, ZoneOffset.UTC);
		visit.put("occurredAt", future.toString());
		visit.put("recordedAt", future.plusMinutes(20).toString());
		log(visit).path("logVisit.receipt.status").entity(String.class).isEqualTo("ACCEPTED");
		// and one nine months after it, in the same partition of the time after the
		// months
		Map<String, Object> later = VisitDrafts.householdVisit(this.jdbc, 5);
		OffsetDateTime later2094 = OffsetDateTime.of(2094, 2, 28, 23, 30, 0, 0, ZoneOffset.UTC);
		later.put("occurredAt", later2094.toString());
		later.put("recordedAt", later2094.plusMinutes(20).toString());
		log(later).path("logVisit.receipt.status").entity(String.class).isEqualTo("ACCEPTED");
		String where = "where id = '" + visit.get("uuid") + "'";
		String whereLater = "where id = '" + later.get("uuid") + "'";
		assertThat(partitionOf(where)).startsWith("visit_other_").endsWith("_max").isEqualTo(partitionOf(whereLater));
		long syncPosition = sqlInt("select sync_seq from visit " + where);

		assertThat(this.partitions.maintain(LocalDate.now(ZoneOffset.UTC))).isPositive();

		assertThat(partitionOf(where)).isEqualTo("visit_2093_05");
		assertThat(partitionOf(whereLater)).isEqualTo("visit_2094_02");
		// the time around them still has partitions: the pieces of the ones they were cut
		// from
		assertThat(sqlInt("""
				select count(*) from pg_class
				where relkind = 'r' and relname in ('visit_other_2093_06_2094_02', 'visit_other_2094_03_max')"""))
			.isEqualTo(2);
		assertThat(sqlInt(
				"select count(*) from pg_class where relkind = 'r' and relname like 'visit\\_other\\_%\\_2093\\_05'"))
			.isOne();
		assertThat(sqlInt("select count(*) from visit_2093_05 " + where)).isOne();
		// moved as it was: phones do not see it as changed
		assertThat(sqlInt("select sync_seq from visit " + where)).isEqualTo(syncPosition);
		as("demo-secretary").document("query($id: ID!) { node(id: $id) { ... on Visit { reviewFlags } } }")
			.variable("id", GlobalId.of("Visit", visit.get("uuid").toString()))
			.execute()
			.path("node.reviewFlags")
			.entityList(String.class)
			.contains("FUTURE_TIME");
		log(visit).path("logVisit.receipt.status").entity(String.class).isEqualTo("DUPLICATE");
		// the moved partition is a partition like the others: append-only
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.sql("delete from visit " + where).update())
			.havingRootCause()
			.withMessageContaining("append-only");
	}

	private String partitionOf(String where) {
		return sqlString("select c.relname::text from visit v join pg_class c on c.oid = v.tableoid " + where);
	}

	private GraphQlTester.Response log(Map<String, Object> visit) {
		return as("demo-secretary")
			.document("mutation($v: LogVisitInput!) { logVisit(input: $v) { receipt { status } userErrors { code } } }")
			.variable("v", visit)
			.execute();
	}

}
