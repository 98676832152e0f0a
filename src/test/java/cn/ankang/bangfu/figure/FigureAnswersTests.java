package cn.ankang.bangfu.figure;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Figure answers kept for a while ({@link FigureAnswers}), on a context of their own: the
 * rest of the suite computes every figure anew. None is refreshed behind its asker here
 * ({@link FigureAnswerRefreshTests}): a refresh would take a figures' connection that a
 * test counts. Each test asks for a year no other test counts in, so that its answers are
 * its own.
 */
@TestPropertySource(properties = { "bangfu.figures.answer-max-age=10m", "bangfu.figures.answer-refresh-after=0s" })
class FigureAnswersTests extends ApiTestSupport {

	@Autowired
	MeterRegistry meters;

	@Test
	void anAnswerIsKeptWithTheMomentItWasComputedUntilAskedAnew() {
		String document = "{ measureFigures(filter: {year: 2098}) { asOf total { newMeasures } } }";
		GraphQlTester.Response first = this.graphQl.document(document).execute();
		int before = first.path("measureFigures.total.newMeasures").entity(Integer.class).get();
		OffsetDateTime computed = first.path("measureFigures.asOf").entity(OffsetDateTime.class).get();
		long measure = insertMeasure(LocalDate.of(2098, 6, 1));
		try {
			double hits = hits();
			// the kept answer, saying when it was computed: before the measure
			GraphQlTester.Response kept = this.graphQl.document(document).execute();
			kept.path("measureFigures.total.newMeasures").entity(Integer.class).isEqualTo(before);
			kept.path("measureFigures.asOf").entity(OffsetDateTime.class).isEqualTo(computed);
			assertThat(hits()).isEqualTo(hits + 1);

			HttpGraphQlTester fresh = this.graphQl.mutate().header("Cache-Control", "no-cache").build();
			GraphQlTester.Response anew = fresh.document(document).execute();
			anew.path("measureFigures.total.newMeasures").entity(Integer.class).isEqualTo(before + 1);
			OffsetDateTime recomputed = anew.path("measureFigures.asOf").entity(OffsetDateTime.class).get();
			assertThat(recomputed).isAfter(computed);

			// and the new answer is the one kept from then on
			GraphQlTester.Response after = this.graphQl.document(document).execute();
			after.path("measureFigures.total.newMeasures").entity(Integer.class).isEqualTo(before + 1);
			after.path("measureFigures.asOf").entity(OffsetDateTime.class).isEqualTo(recomputed);
		}
		finally {
			this.jdbc.sql("delete from assistance_measure where id = :m").param("m", measure).update();
		}
	}

	@Test
	void anAnswerIsGivenOnlyToAskersOfTheSameJurisdiction() {
		String document = "{ monitoringFigures(filter: {year: 2097}) { total { households } } }";
		int inCity = this.graphQl.document(document)
			.execute()
			.path("monitoringFigures.total.households")
			.entity(Integer.class)
			.get();
		// asked after the city leader, the county leader gets the county's figure, as
		// computed anew
		int inCounty = as("demo-county").document(document)
			.execute()
			.path("monitoringFigures.total.households")
			.entity(Integer.class)
			.get();
		int inCountyAnew = as("demo-county").mutate()
			.header("Cache-Control", "max-age=0, no-cache")
			.build()
			.document(document)
			.execute()
			.path("monitoringFigures.total.households")
			.entity(Integer.class)
			.get();
		assertThat(inCounty).isEqualTo(inCountyAnew).isPositive().isLessThan(inCity);
	}

	@Test
	void theAnnualReportIsKeptPerSectionsAskedAndItsPartsAnsweredFromIt() {
		String measures = "{ annualReport(year: 2096) { asOf measures { measures } } }";
		GraphQlTester.Response first = this.graphQl.document(measures).execute();
		OffsetDateTime computed = first.path("annualReport.asOf").entity(OffsetDateTime.class).get();
		double hits = hits();
		this.graphQl.document(measures)
			.execute()
			.path("annualReport.asOf")
			.entity(OffsetDateTime.class)
			.isEqualTo(computed);
		assertThat(hits()).isEqualTo(hits + 1);
		// other sections: another report, computed for them
		GraphQlTester.Response other = this.graphQl
			.document("{ annualReport(year: 2096) { asOf monitoring { households } guarantees { households } } }")
			.execute();
		other.path("annualReport.monitoring.households")
			.entity(Integer.class)
			.satisfies((n) -> assertThat(n).isPositive());
		assertThat(other.path("annualReport.asOf").entity(OffsetDateTime.class).get()).isAfter(computed);
	}

	@Test
	void aSavedViewRunsOnTheAnswersKeptUnlessAskedAnew() {
		String view = this.graphQl.document("""
				mutation($input: SaveViewInput!) { saveView(input: $input) { view { id } userErrors { code } } }""")
			.variable("input",
					Map.of("name", "缓存的视图 " + UUID.randomUUID(), "document",
							"{ measureFigures(filter: {year: 2095}) { total { newMeasures } } }"))
			.execute()
			.path("saveView.view.id")
			.entity(String.class)
			.get();
		String run = "query($id: ID!) { runSavedView(id: $id) { data } }";
		String path = "runSavedView.data.measureFigures.total.newMeasures";
		int before = this.graphQl.document(run).variable("id", view).execute().path(path).entity(Integer.class).get();
		long measure = insertMeasure(LocalDate.of(2095, 3, 1));
		try {
			this.graphQl.document(run)
				.variable("id", view)
				.execute()
				.path(path)
				.entity(Integer.class)
				.isEqualTo(before);
			this.graphQl.mutate()
				.header("Cache-Control", "no-cache")
				.build()
				.document(run)
				.variable("id", view)
				.execute()
				.path(path)
				.entity(Integer.class)
				.isEqualTo(before + 1);
		}
		finally {
			this.jdbc.sql("delete from assistance_measure where id = :m").param("m", measure).update();
		}
	}

	@Test
	void askersOfAQuestionBeingComputedWaitForThatComputation() throws Exception {
		String report = "{ annualReport(year: 2094) { asOf monitoring { households } measures { measures } } }";
		long computations = acquisitions();
		int askers = 8;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(askers);
		try {
			List<Future<OffsetDateTime>> answers = new ArrayList<>();
			for (int i = 0; i < askers; i++) {
				answers.add(threads.submit(() -> {
					start.await();
					return this.graphQl.document(report)
						.execute()
						.path("annualReport.asOf")
						.entity(OffsetDateTime.class)
						.get();
				}));
			}
			start.countDown();
			Set<OffsetDateTime> computedAt = new HashSet<>();
			for (Future<OffsetDateTime> answer : answers) {
				computedAt.add(answer.get(60, TimeUnit.SECONDS));
			}
			// one report, made in one transaction on one of the figures' connections
			assertThat(computedAt).hasSize(1);
			assertThat(acquisitions()).isEqualTo(computations + 1);
		}
		finally {
			threads.shutdownNow();
		}
	}

	private long acquisitions() {
		return this.meters.find("hikaricp.connections.acquire")
			.tag("pool", "figures")
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
	}

	private long insertMeasure(LocalDate startedOn) {
		return insertMeasure(this.jdbc, startedOn);
	}

	/** A measure begun on the day, for the figures to count; the caller deletes it. */
	static long insertMeasure(JdbcClient jdbc, LocalDate startedOn) {
		return jdbc.sql("""
				insert into assistance_measure (household_id, type, description, started_on)
				values ((select min(id) from household), 'EMPLOYMENT', '公益岗位（缓存测试）', :d) returning id""")
			.param("d", startedOn)
			.query(Long.class)
			.single();
	}

	private double hits() {
		return this.meters.get("cache.gets")
			.tag("cache", "figures.answers")
			.tag("result", "hit")
			.functionCounter()
			.count();
	}

}
