package cn.ankang.bangfu.figure;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.shared.values.FieldLabel;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The figure catalog a view builder works from: read from the schema's {@code @figure}
 * and {@code @label} marks, and true to what the figures accept and give.
 */
class FigureCatalogTests extends ApiTestSupport {

	@Autowired
	GraphQlSource source;

	@Test
	void theCatalogNamesEveryFigureItsDimensionsAndMeasuresInChinese() {
		List<Map<String, Object>> figures = this.graphQl.document("""
				{ figureCatalog { field name period dimensions { dimension name }
				    measures { field name unit unitName } } }""")
			.execute()
			.path("figureCatalog")
			.entityList(Object.class)
			.get()
			.stream()
			.map(FigureCatalogTests::map)
			.toList();
		assertThat(figures).extracting((figure) -> figure.get("field"))
			.containsExactlyInAnyOrder("monitoringFigures", "measureFigures", "fundFigures", "projectFigures",
					"cadreFigures", "assistanceUnitFigures", "enterpriseFigures", "visitFigures", "guaranteeFigures",
					"visitCoverageFigures", "supervisionFigures", "villageFigures", "populationFigures",
					"employmentFigures", "microcreditFigures", "trainingFigures", "publicWelfareJobFigures",
					"relocationFigures");
		Map<String, Object> monitoring = figures.get(0);
		assertThat(monitoring.get("name")).isEqualTo("防返贫监测");
		assertThat(monitoring.get("period")).isEqualTo("PERIOD");
		assertThat(list(monitoring.get("dimensions")).get(0)).isEqualTo(Map.of("dimension", "COUNTY", "name", "县区"));
		assertThat(list(monitoring.get("measures"))).contains(
				Map.of("field", "households", "name", "监测户", "unit", "HOUSEHOLD", "unitName", "户"),
				Map.of("field", "eliminationRateByPeople", "name", "风险消除率（按人口）", "unit", "RATIO", "unitName", "%"));
		Map<String, Map<String, Object>> byField = new java.util.HashMap<>();
		figures.forEach((figure) -> byField.put((String) figure.get("field"), figure));
		assertThat(byField.get("cadreFigures").get("period")).isEqualTo("DAY");
		assertThat(byField.get("visitCoverageFigures").get("period")).isEqualTo("WINDOW");
		for (Map<String, Object> figure : figures) {
			for (Object measure : list(figure.get("measures"))) {
				assertThat(map(measure).get("name").toString()).as("a name people read").matches(".*\\p{IsHan}.*");
			}
		}
	}

	@Test
	void everyNumberOfEveryFiguresRowsIsLabelledWithItsUnit() {
		GraphQLSchema schema = this.source.schema();
		for (FigureCatalog.Figure figure : FigureCatalog.read(schema)) {
			GraphQLObjectType result = (GraphQLObjectType) GraphQLTypeUtil
				.unwrapAll(schema.getQueryType().getFieldDefinition(figure.field()).getType());
			GraphQLObjectType row = (GraphQLObjectType) GraphQLTypeUtil
				.unwrapAll(result.getFieldDefinition("total").getType());
			for (GraphQLFieldDefinition field : row.getFieldDefinitions()) {
				if (!field.getName().equals("keys")) {
					assertThat(FieldLabel.marked(field)).as(row.getName() + "." + field.getName()).isPresent();
					assertThat(FieldLabel.marked(field).get().unit()).as(row.getName() + "." + field.getName())
						.isNotNull();
				}
			}
		}
	}

	/**
	 * The catalog's dimensions are a promise: each runs, through the document the catalog
	 * gives, and a dimension it leaves out is one the figure refuses.
	 */
	@Test
	void eachFigureGroupsByTheDimensionsItsCatalogEntryOffersAndNoOthers() {
		for (FigureCatalog.Figure figure : FigureCatalog.read(this.source.schema())) {
			Set<FigureDimension> offered = EnumSet.copyOf(figure.dimensionList());
			for (FigureDimension dimension : FigureDimension.values()) {
				// one county, so that a figure by village or cadre stays a page of rows
				var response = this.graphQl.document(figure.document(null))
					.variable("filter", Map.of("countyCode", "610902"))
					.variable("groupBy", List.of(dimension.name()))
					.execute();
				if (offered.contains(dimension)) {
					response.errors().verify();
					response.path(figure.field() + ".total").hasValue();
				}
				else {
					response.errors()
						.satisfy((errors) -> assertThat(errors).as(figure.field() + " by " + dimension)
							.isNotEmpty()
							.allMatch((error) -> "INVALID_ARGUMENT".equals(error.getExtensions().get("code"))));
				}
			}
		}
	}

	@Test
	void aDocumentSelectsOnlyTheMeasuresAskedAndRefusesOnesTheFigureHasNot() {
		String document = this.graphQl.document("{ figureCatalog { field document } }")
			.execute()
			.path("figureCatalog[0].document")
			.entity(String.class)
			.get();
		assertThat(document).contains("total { households people newHouseholds");
		document = FigureCatalog.read(this.source.schema()).get(0).document(List.of("households", "people"));
		assertThat(document).contains("total { households people }").contains("suppressedGroups");
		this.graphQl.document(document)
			.variable("filter", Map.of("year", 2023))
			.variable("groupBy", List.of("COUNTY"))
			.execute()
			.path("monitoringFigures.groups[0].keys[0].label")
			.entity(String.class)
			.satisfies((label) -> assertThat(label).matches(".*\\p{IsHan}.*"));
		this.graphQl.document("""
				{ figureCatalog { document(measures: ["latitude"]) } }""")
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).isNotEmpty()
				.allMatch((error) -> "INVALID_ARGUMENT".equals(error.getExtensions().get("code"))
						&& error.getMessage().contains("latitude")));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		return (List<Object>) value;
	}

}
