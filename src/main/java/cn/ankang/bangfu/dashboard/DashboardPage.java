package cn.ankang.bangfu.dashboard;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the dashboard ({@code static/dashboard/}) at {@code /dashboard}. The page holds
 * no data: it signs in through the GraphQL API and shows what the user's own views
 * answer, so it needs no protection of its own.
 */
@Configuration(proxyBeanMethods = false)
class DashboardPage implements WebMvcConfigurer {

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		// one address for the page, so that the browser resolves what it loads against it
		registry.addRedirectViewController("/dashboard", "/dashboard/");
		registry.addViewController("/dashboard/").setViewName("forward:/dashboard/index.html");
	}

}
