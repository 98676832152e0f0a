package cn.ankang.bangfu.shared;

import java.util.ArrayList;
import java.util.List;

import graphql.schema.GraphQLDirectiveContainer;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import graphql.schema.diff.DiffEvent;
import graphql.schema.diff.SchemaDiff;
import graphql.schema.diff.SchemaDiffSet;
import graphql.schema.diff.reporting.CapturingReporter;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;

/**
 * The deprecation policy as a check: what a released schema offered may be removed or
 * changed only once it was deprecated in that release; adding is always fine.
 * graphql-java's {@link SchemaDiff} finds the breaking changes; a change to a field,
 * argument, input field, enum value or type that the release marked {@code @deprecated}
 * is allowed.
 */
final class SchemaCompatibility {

	private SchemaCompatibility() {
	}

	/** A schema built from SDL alone, with no code behind it. */
	static GraphQLSchema schemaOf(String sdl) {
		return UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().parse(sdl));
	}

	/**
	 * The breaking changes from {@code released} to {@code current} that the release had
	 * not announced with {@code @deprecated}, as {@code Type.field: reason}; empty when
	 * clients of the release keep working.
	 */
	static List<String> unannouncedBreakingChanges(GraphQLSchema released, GraphQLSchema current) {
		CapturingReporter reporter = new CapturingReporter();
		new SchemaDiff().diffSchema(SchemaDiffSet.diffSetFromIntrospection(released, current), reporter);
		List<String> problems = new ArrayList<>();
		for (DiffEvent breakage : reporter.getBreakages()) {
			if (!deprecated(released, breakage.getTypeName(), breakage.getFieldName())) {
				problems.add(breakage.getTypeName()
						+ ((breakage.getFieldName() != null) ? "." + breakage.getFieldName() : "") + ": "
						+ breakage.getReasonMsg());
			}
		}
		return problems;
	}

	/** Whether the release deprecated the field (or enum value) of the type. */
	private static boolean deprecated(GraphQLSchema released, String typeName, String fieldName) {
		GraphQLNamedType type = (GraphQLNamedType) released.getType(typeName);
		if (type == null || fieldName == null) {
			return false;
		}
		if (type instanceof GraphQLFieldsContainer container && container.getFieldDefinition(fieldName) != null) {
			return container.getFieldDefinition(fieldName).isDeprecated();
		}
		if (type instanceof GraphQLInputObjectType input && input.getField(fieldName) != null) {
			return input.getField(fieldName).isDeprecated();
		}
		if (type instanceof GraphQLEnumType enumType && enumType.getValue(fieldName) != null) {
			return enumType.getValue(fieldName).isDeprecated();
		}
		return type instanceof GraphQLDirectiveContainer directives && directives.hasDirective("deprecated");
	}

}
