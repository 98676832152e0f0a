package cn.ankang.bangfu.figure;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kept figure answers asked for after a while are given as kept and computed anew behind
 * the asker ({@link FigureAnswers}), on a context of their own where that while is a
 * second. Each test asks for a year no other test counts in.
 */
@TestPropertySource(properties = { "bangfu.figures.answer-max-age=10m", "bangfu.figures.answer-refresh-after=1s" })
class FigureAnswerRefreshTests extends ApiTestSupport {

	@Autowired
	MeterRegistry meters;

	@Test
	void anAnswerAskedForAfterAWhileIsGivenAsKeptAndComputedAnewBehindIt() throws InterruptedException {
		String document = "{ measureFigures(filter: {year: 2093}) { asOf total { newMeasures } } }";
		GraphQlTester.Response first = this.graphQl.document(document).execute();
		int before = first.path("measureFigures.total.newMeasures").entity(Integer.class).get();
		OffsetDateTime computed = first.path("measureFigures.asOf").entity(OffsetDateTime.class).get();
		long measure = FigureAnswersTests.insertMeasure(this.jdbc, LocalDate.of(2093, 6, 1));
		try {
			double refreshes = refreshes();
			Thread.sleep(1_100);
			// older than a second: given as kept, without waiting for the computation
			GraphQlTester.Response kept = this.graphQl.document(document).execute();
			kept.path("measureFigures.total.newMeasures").entity(Integer.class).isEqualTo(before);
			kept.path("measureFigures.asOf").entity(OffsetDateTime.class).isEqualTo(computed);
			// and then the answer computed behind it, which counts the new measure
			GraphQlTester.Response refreshed = askUntilComputedAfter(this.graphQl, document, "measureFigures.asOf",
					computed);
			refreshed.path("measureFigures.total.newMeasures").entity(Integer.class).isEqualTo(before + 1);
			assertThat(refreshes()).isGreaterThan(refreshes);
		}
		finally {
			this.jdbc.sql("delete from assistance_measure where id = :m").param("m", measure).update();
		}
	}

	@Test
	void anAnswerIsComputedAnewInTheAskersJurisdiction() throws InterruptedException {
		String document = "{ monitoringFigures(filter: {year: 2092}) { asOf total { households } } }";
		HttpGraphQlTester county = as("demo-county");
		OffsetDateTime computed = county.document(document)
			.execute()
			.path("monitoringFigures.asOf")
			.entity(OffsetDateTime.class)
			.get();
		int inCity = this.graphQl.document(document)
			.execute()
			.path("monitoringFigures.total.households")
			.entity(Integer.class)
			.get();
		Thread.sleep(1_100);
		county.document(document).execute();
		// computed behind the county leader, as the county leader: the county's figure
		int refreshed = askUntilComputedAfter(county, document, "monitoringFigures.asOf", computed)
			.path("monitoringFigures.total.households")
			.entity(Integer.class)
			.get();
		// and what the county leader's figure is when computed anew
		HttpGraphQlTester countyAnew = county.mutate().header("Cache-Control", "no-cache").build();
		int anew = countyAnew.document(document)
			.execute()
			.path("monitoringFigures.total.households")
			.entity(Integer.class)
			.get();
		assertThat(refreshed).isEqualTo(anew).isPositive().isLessThan(inCity);
	}

	/** Asks until the answer given was computed after the moment, for up to 30 s. */
	private static GraphQlTester.Response askUntilComputedAfter(HttpGraphQlTester asker, String document, String asOf,
			OffsetDateTime moment) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (true) {
			GraphQlTester.Response response = asker.document(document).execute();
			if (response.path(asOf).entity(OffsetDateTime.class).get().isAfter(moment)) {
				return response;
			}
			assertThat(System.nanoTime()).as("an answer computed after %s", moment).isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	private double refreshes() {
		return this.meters.get("bangfu.figures.answers.refreshed").tag("outcome", "kept").counter().count();
	}

}
