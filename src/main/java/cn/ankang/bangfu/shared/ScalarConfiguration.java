package cn.ankang.bangfu.shared;

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

/**
 * The schema's custom scalars: {@code Date} and {@code DateTime} from graphql-java's
 * extended scalars, and {@code Money}, ours, because amounts must cross JSON as exact
 * decimal strings.
 */
@Configuration(proxyBeanMethods = false)
class ScalarConfiguration {

	@Bean
	RuntimeWiringConfigurer scalars() {
		return (wiring) -> wiring.scalar(ExtendedScalars.Date)
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
