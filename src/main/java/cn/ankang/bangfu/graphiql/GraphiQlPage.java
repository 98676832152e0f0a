package cn.ankang.bangfu.graphiql;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves our GraphiQL ({@code static/graphiql/}) at {@code /graphiql}, unless
 * {@code bangfu.graphiql.enabled} is false. The page holds no data and no secret: it
 * signs in through the GraphQL API like any client, and the API decides what each user
 * sees (introspection included), so it needs no protection of its own. Spring's built-in
 * GraphiQL stays off: it loads its scripts from a CDN, which the intranet cannot reach.
 */
@Configuration(proxyBeanMethods = false)
class GraphiQlPage implements WebMvcConfigurer {

	private final GraphiQlProperties properties;

	GraphiQlPage(GraphiQlProperties properties) {
		this.properties = properties;
	}

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		if (!this.properties.enabled()) {
			return;
		}
		// one address for the page, so that the browser resolves what it loads against it
		registry.addRedirectViewController("/graphiql", "/graphiql/");
		registry.addViewController("/graphiql/").setViewName("forward:/graphiql/index.html");
	}

	/**
	 * When the page is off, its static files answer 404 too, not only the address of the
	 * page: they are served by Spring's resource handling, which knows nothing of the
	 * setting.
	 */
	@Bean
	FilterRegistrationBean<Filter> graphiQlSwitch() {
		Filter filter = (request, response, chain) -> {
			if (this.properties.enabled()) {
				chain.doFilter(request, response);
			}
			else {
				((HttpServletResponse) response).sendError(HttpServletResponse.SC_NOT_FOUND);
			}
		};
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
		registration.addUrlPatterns("/graphiql", "/graphiql/*");
		return registration;
	}

}
