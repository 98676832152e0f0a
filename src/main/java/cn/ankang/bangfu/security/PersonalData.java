package cn.ankang.bangfu.security;

import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.idl.SchemaDirectiveWiring;
import graphql.schema.idl.SchemaDirectiveWiringEnvironment;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.Masking;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * The one rule of who sees personal data in full, applied to every field the schema marks
 * {@code @personal(kind: ...)}, whatever fetches it and whichever way the request came
 * (GraphQL, a saved view, an export): the mark is in the contract, and this wraps the
 * field's fetcher once, when the schema is built. A field's own resolver may mask more
 * (ID numbers and phones for those not responsible); this never shows more than it does.
 */
@Configuration(proxyBeanMethods = false)
class PersonalData {

	static final String DIRECTIVE = "personal";

	@Bean
	RuntimeWiringConfigurer personalDataWiring() {
		return (builder) -> builder.directive(DIRECTIVE, new Wiring());
	}

	/**
	 * Whether the signed-in user may see personal data of this kind on a record they may
	 * see, as far as their role goes. Developers see none; everyone else sees names,
	 * birth dates and notes, and ID numbers and phones as the record says (its own
	 * resolver masks them for those not responsible).
	 */
	static boolean mayRead(Kind kind, Optional<CurrentUser> user) {
		return user.map((current) -> !current.developerOnly()).orElse(true);
	}

	/** The kinds of {@code PersonalDataKind} in the schema, and how each is masked. */
	enum Kind {

		NAME((value) -> Masking.name((String) value)),

		BIRTH_DATE((value) -> Masking.birthYear((LocalDate) value)),

		FREE_TEXT((value) -> Masking.text((String) value)),

		ID_NUMBER((value) -> Masking.idNumber((String) value)),

		PHONE((value) -> Masking.phone((String) value));

		private final UnaryOperator<@Nullable Object> mask;

		Kind(UnaryOperator<@Nullable Object> mask) {
			this.mask = mask;
		}

		@Nullable Object mask(@Nullable Object value) {
			return (value != null) ? this.mask.apply(value) : null;
		}

	}

	static final class Wiring implements SchemaDirectiveWiring {

		@Override
		public GraphQLFieldDefinition onField(SchemaDirectiveWiringEnvironment<GraphQLFieldDefinition> environment) {
			GraphQLAppliedDirective directive = environment.getAppliedDirective(DIRECTIVE);
			Kind kind = Kind.valueOf(String.valueOf((Object) directive.getArgument("kind").getValue()));
			DataFetcher<?> fetcher = environment.getFieldDataFetcher();
			environment.setFieldDataFetcher((fetching) -> {
				// decided here, on the request's thread, where the signed-in user is
				// known; the value may arrive later on another
				Object value = fetcher.get(fetching);
				if (mayRead(kind, Auth.current())) {
					return value;
				}
				return masked(value, kind);
			});
			return environment.getElement();
		}

		private static @Nullable Object masked(@Nullable Object value, Kind kind) {
			if (value instanceof CompletionStage<?> stage) {
				return stage.thenApply((each) -> masked(each, kind));
			}
			if (value instanceof DataFetcherResult<?> result) {
				return result.map((data) -> kind.mask(data));
			}
			return kind.mask(value);
		}

	}

}
