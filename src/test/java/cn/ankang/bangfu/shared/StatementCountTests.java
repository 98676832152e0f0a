package cn.ankang.bangfu.shared;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.StatementCounter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The number of SQL statements a request runs depends on its depth, never on the number
 * of rows: children load in batches. Each document is run for 10 and for 100 parents, and
 * both must cost the same.
 */
class StatementCountTests extends ApiTestSupport {

	@Test
	void householdsWithEverythingBelowThem() {
		long ten = statements("householdsInDepth", 10);
		long hundred = statements("householdsInDepth", 100);
		assertThat(hundred).isEqualTo(ten);
		// authentication and twelve batches (the list, its count, village, town, county,
		// cadre, unit, members, incomes, measures, visits, their cadres); each is a
		// transaction that opens with one statement setting the role and scope; the
		// visits' totalCount is one more statement in the visits' transaction
		assertThat(hundred).isLessThanOrEqualTo(2 * 13 + 1);
	}

	@Test
	void villagesWithCadresProjectsHouseholdsAndVisits() {
		long ten = statements("villagesInDepth", 10);
		long hundred = statements("villagesInDepth", 100);
		assertThat(hundred).isEqualTo(ten);
		assertThat(hundred).isLessThanOrEqualTo(2 * 15);
	}

	@Test
	void villagesWithTheirOwnRecords() {
		long ten = statements("villageRecordsInDepth", 10);
		long hundred = statements("villageRecordsInDepth", 100);
		assertThat(hundred).isEqualTo(ten);
		// authentication, the list and its eleven batches (eight fields of the village,
		// the village of three records), each a transaction opening with the statement
		// that sets the role and scope
		assertThat(hundred).isLessThanOrEqualTo(2 * 13 + 1);
	}

	@Test
	void unitsWithPairingsCadresAndProjects() {
		long ten = statements("unitsInDepth", 10);
		long hundred = statements("unitsInDepth", 100);
		assertThat(hundred).isEqualTo(ten);
	}

	@Test
	void theAnnualReportRunsTheSectionsItIsAskedForAndNoMore() {
		long one = reportStatements("monitoring { households }");
		long two = reportStatements("monitoring { households } measures { measures }");
		// linkageFunds and industryProjects are one statement's total and group
		long three = reportStatements(
				"monitoring { households } measures { measures } linkageFunds { projects } industryProjects");
		long all = reportStatements("headlines { figure value }");
		assertThat(two - one).isEqualTo(1);
		assertThat(three - two).isEqualTo(1);
		assertThat(all - one).isGreaterThanOrEqualTo(16);
	}

	@Test
	void aVillagePageOnThePhoneIsOneTransaction() {
		HttpGraphQlTester secretary = as("demo-secretary");
		String code = secretary.document("{ households(first: 1) { edges { node { village { code } } } } }")
			.execute()
			.path("households.edges[0].node.village.code")
			.entity(String.class)
			.get();
		long statements = StatementCounter.count();
		long transactions = StatementCounter.transactions();
		secretary.document(VILLAGE_PAGE)
			.variable("code", code)
			.execute()
			.errors()
			.verify()
			.path("village.households.edges")
			.entityList(Object.class)
			.hasSizeGreaterThan(1);
		statements = StatementCounter.count() - statements;
		transactions = StatementCounter.transactions() - transactions;
		// three transactions: the session's check (one statement), the query (its
		// isolation level, set inside it so that PgBouncer cannot carry it to another
		// connection, the scope, then the village, its households' page and their count,
		// their measures and their visits) and the audit of the names it served (one
		// insert); before a query had one transaction for each batch, and the session's
		// check two statements: six transactions with 14 statements
		assertThat(transactions).isEqualTo(3);
		assertThat(statements).isEqualTo(2 + 7 + 2);
	}

	/** The phone's village page, as bench/Bench.java reads it. */
	private static final String VILLAGE_PAGE = """
			query VillagePage($code: String!) { village(code: $code) { id name latitude longitude
			  households(first: 50, status: MONITORING) { totalCount edges { node { id headName category status riskTypes
			    measures { type description startedOn }
			    visits(first: 3) { edges { node { kind occurredAt notes } } } } } } } }""";

	private long reportStatements(String selection) {
		long before = StatementCounter.count();
		this.graphQl.document("{ annualReport(year: 2023) { year %s } }".formatted(selection))
			.execute()
			.errors()
			.verify();
		return StatementCounter.count() - before;
	}

	private long statements(String document, int first) {
		return statements(this.graphQl.documentName(document), first);
	}

}
