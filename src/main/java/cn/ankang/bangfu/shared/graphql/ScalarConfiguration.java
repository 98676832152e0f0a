package cn.ankang.bangfu.shared.graphql;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.scalars.ExtendedScalars;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

import cn.ankang.bangfu.shared.values.Money;

/**
 * The schema's custom scalars: {@code Date} and {@code DateTime} from graphql-java's
 * extended scalars, and {@code Money}, ours, because amounts must cross JSON as exact
 * decimal strings.
 */
@Configuration(proxyBeanMethods = false)
class ScalarConfiguration {

	@Bean
	RuntimeWiringConfigurer scalars() {
		return (wiring) -> wiring.scalar(date())
			.scalar(ExtendedScalars.DateTime)
			.scalar(ExtendedScalars.Json)
			.scalar(money());
	}

	static GraphQLScalarType money() {
		return GraphQLScalarType.newScalar()
			.name("Money")
			.description("An exact amount of yuan as a decimal string with two places.")
			.coercing(new MoneyCoercing())
			.build();
	}

	/**
	 * {@code Date}, read strictly: graphql-java's own reads {@code 2023-02-30} as 28
	 * February (its pattern resolves "smartly"), and a visit or a period must never land
	 * on another day than the one written.
	 */
	static GraphQLScalarType date() {
		return GraphQLScalarType.newScalar()
			.name("Date")
			.description("A calendar date in ISO 8601 form, 2023-12-31.")
			.coercing(new DateCoercing())
			.build();
	}

	/**
	 * Writes and reads {@link java.time.LocalDate} as {@code 2023-12-31}, nothing else.
	 */
	static final class DateCoercing implements Coercing<java.time.LocalDate, String> {

		private static final java.time.format.DateTimeFormatter STRICT = java.time.format.DateTimeFormatter
			.ofPattern("uuuu-MM-dd")
			.withResolverStyle(java.time.format.ResolverStyle.STRICT);

		@Override
		public String serialize(Object value, GraphQLContext context, Locale locale) {
			if (value instanceof java.time.temporal.TemporalAccessor day) {
				return STRICT.format(java.time.LocalDate.from(day));
			}
			throw new CoercingSerializeException("A Date must be a LocalDate, not " + value.getClass().getName());
		}

		@Override
		public java.time.LocalDate parseValue(Object input, GraphQLContext context, Locale locale) {
			if (input instanceof String text) {
				return parse(text, CoercingParseValueException::new);
			}
			throw new CoercingParseValueException("A date is given as a string such as \"2023-12-31\".");
		}

		@Override
		public java.time.LocalDate parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
				Locale locale) {
			if (input instanceof StringValue text) {
				return parse(text.getValue(), CoercingParseLiteralException::new);
			}
			throw new CoercingParseLiteralException("A date is given as a string such as \"2023-12-31\".");
		}

		private static <E extends RuntimeException> java.time.LocalDate parse(String text,
				java.util.function.Function<String, E> error) {
			try {
				return java.time.LocalDate.parse(text, STRICT);
			}
			catch (java.time.format.DateTimeParseException ex) {
				throw error.apply("'%s' is not a day of the calendar in the form 2023-12-31.".formatted(text));
			}
		}

	}

	/**
	 * Writes {@link BigDecimal} yuan as {@code "1250.50"}; reads such strings back,
	 * refusing more than two decimal places rather than rounding someone's money.
	 */
	static final class MoneyCoercing implements Coercing<BigDecimal, String> {

		@Override
		public String serialize(Object value, GraphQLContext context, Locale locale) {
			if (value instanceof BigDecimal amount) {
				return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
			}
			throw new CoercingSerializeException("Money must be a BigDecimal, not " + value.getClass().getName());
		}

		@Override
		public BigDecimal parseValue(Object input, GraphQLContext context, Locale locale) {
			if (input instanceof String text) {
				return parse(text, CoercingParseValueException::new);
			}
			throw new CoercingParseValueException("Money must be given as a string such as \"1250.50\".");
		}

		@Override
		public BigDecimal parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
				Locale locale) {
			if (input instanceof StringValue text) {
				return parse(text.getValue(), CoercingParseLiteralException::new);
			}
			throw new CoercingParseLiteralException("Money must be given as a string such as \"1250.50\".");
		}

		private static <E extends RuntimeException> BigDecimal parse(String text,
				java.util.function.Function<String, E> error) {
			BigDecimal amount;
			try {
				amount = new BigDecimal(text.trim());
			}
			catch (NumberFormatException ex) {
				throw error.apply("'%s' is not an amount of money such as \"1250.50\".".formatted(text));
			}
			if (amount.scale() > 2) {
				throw error.apply("'%s' has more than two decimal places (fen).".formatted(text));
			}
			return amount.setScale(2, RoundingMode.UNNECESSARY);
		}

	}

}
