package cn.ankang.bangfu.security.audit;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

import graphql.TrivialDataFetcher;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.idl.SchemaDirectiveWiring;
import graphql.schema.idl.SchemaDirectiveWiringEnvironment;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.shared.values.HealthCode;
import cn.ankang.bangfu.shared.values.Masking;
import cn.ankang.bangfu.shared.values.PersonalRecord;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * The one rule of who sees personal data in full, applied to every field the schema marks
 * {@code @personal(kind: ...)}, whatever fetches it and whichever way the request came
 * (GraphQL, a saved view, an export): the mark is in the contract, and this wraps the
 * field's fetcher once, when the schema is built.
 * <ul>
 * <li>Developers see none of it.</li>
 * <li>Names, birth dates and notes: everyone else who may see the record.</li>
 * <li>ID numbers, phones and health data: those responsible for the record
 * ({@link PersonalRecord#personalDataVisible()}); health data only where the record holds
 * some ({@link PersonalRecord#healthRelated()}). Each such value served in full is a read
 * of personal data on record, whatever path served it.</li>
 * </ul>
 * A field whose object is not a {@link PersonalRecord} (a cadre's phone, a visit's
 * findings) is masked by its own resolver by the same functions; this never shows more
 * than that resolver does.
 */
@Configuration(proxyBeanMethods = false)
class PersonalData {

	static final String DIRECTIVE = "personal";

	@Bean
	RuntimeWiringConfigurer personalDataWiring() {
		return (builder) -> builder.directive(DIRECTIVE, new Wiring());
	}

	/**
	 * Whether the signed-in user may see personal data of this kind on this record (the
	 * field's object).
	 */
	static boolean mayRead(Kind kind, Optional<CurrentUser> user, @Nullable Object record) {
		if (user.map(CurrentUser::developerOnly).orElse(false)) {
			return false;
		}
		if (!kind.responsibleOnly() || !(record instanceof PersonalRecord personal)) {
			return true;
		}
		return personal.personalDataVisible() || (kind == Kind.HEALTH && !personal.healthRelated());
	}

	/** The kinds of {@code PersonalDataKind} in the schema, and how each is masked. */
	enum Kind {

		NAME((value) -> Masking.name((String) value)),

		BIRTH_DATE((value) -> Masking.birthYear((LocalDate) value)),

		FREE_TEXT((value) -> Masking.text((String) value)),

		ID_NUMBER((value) -> Masking.idNumber((String) value)),

		PHONE((value) -> Masking.phone((String) value)),

		HEALTH(PersonalData::withoutHealth);

		private final UnaryOperator<@Nullable Object> mask;

		Kind(UnaryOperator<@Nullable Object> mask) {
			this.mask = mask;
		}

		@Nullable Object mask(@Nullable Object value) {
			return (value != null) ? this.mask.apply(value) : null;
		}

		/** Whether only those responsible for the record see it in full. */
		boolean responsibleOnly() {
			return this == ID_NUMBER || this == PHONE || this == HEALTH;
		}

	}

	/**
	 * A health value as those not responsible see it: illness and disability as one
	 * withheld code, whether medical care is secured and amounts not said, text withheld.
	 */
	static @Nullable Object withoutHealth(@Nullable Object value) {
		if (value instanceof List<?> list) {
			return list.stream().map(PersonalData::withoutHealth).distinct().toList();
		}
		if (value instanceof HealthCode code) {
			return code.isHealthRelated() ? code.withheld() : code;
		}
		if (value instanceof String text) {
			return Masking.text(text);
		}
		// whether medical care is secured, an amount of medical bills
		return null;
	}

	static final class Wiring implements SchemaDirectiveWiring {

		@Override
		public GraphQLFieldDefinition onField(SchemaDirectiveWiringEnvironment<GraphQLFieldDefinition> environment) {
			GraphQLAppliedDirective directive = environment.getAppliedDirective(DIRECTIVE);
			Kind kind = Kind.valueOf(String.valueOf((Object) directive.getArgument("kind").getValue()));
			DataFetcher<?> fetcher = environment.getFieldDataFetcher();
			DataFetcher<?> masking = (fetching) -> {
				Object value = fetcher.get(fetching);
				Object record = fetching.getSource();
				AuditTrail trail = AuditTrail.of(fetching.getGraphQlContext());
				if (mayRead(kind, trail.viewer(), record)) {
					if (kind.responsibleOnly() && record instanceof PersonalRecord personal
							&& personal.personalDataVisible() && present(value)) {
						trail.personalRead(personal);
					}
					return value;
				}
				return masked(value, kind);
			};
			// Over a property of the record (most such fields) the rule needs nothing of
			// the thread: the user comes with the request's trail. Marked trivial, it is
			// not wrapped in Spring's copy of the thread's context for each value, which
			// on a village's page of fifty households was 268 copies.
			environment.setFieldDataFetcher(
					(fetcher instanceof TrivialDataFetcher<?>) ? (TrivialDataFetcher<Object>) masking::get : masking);
			return environment.getElement();
		}

		private static boolean present(@Nullable Object value) {
			return value != null && !(value instanceof List<?> list && list.isEmpty());
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
