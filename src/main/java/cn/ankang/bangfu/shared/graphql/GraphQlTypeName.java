package cn.ankang.bangfu.shared.graphql;

import java.util.List;

import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.ClassNameTypeResolver;

/**
 * A Java class whose objects are of a GraphQL type of another name (an account is a
 * {@code User}). Objects handed out as an interface ({@code node}, {@code nodes}) find
 * their GraphQL type by their class's simple name; a feature whose class is named
 * otherwise registers one of these as a bean, or {@code node} could not say what it
 * found.
 *
 * @param javaClass the class
 * @param typeName the GraphQL type its objects are
 */
public record GraphQlTypeName(Class<?> javaClass, String typeName) {

	@Configuration(proxyBeanMethods = false)
	static class Resolution {

		@Bean
		GraphQlSourceBuilderCustomizer typeNames(List<GraphQlTypeName> names) {
			ClassNameTypeResolver resolver = new ClassNameTypeResolver();
			names.forEach((name) -> resolver.addMapping(name.javaClass(), name.typeName()));
			return (builder) -> builder.defaultTypeResolver(resolver);
		}

	}

}
