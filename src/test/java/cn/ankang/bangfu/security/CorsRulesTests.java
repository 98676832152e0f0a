package cn.ankang.bangfu.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.DefaultCorsProcessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule for browsers on other sites as it stands by default, with no origin configured
 * (the end-to-end tests run with one, see {@code GraphQlOverHttpTests}).
 */
class CorsRulesTests {

	@Test
	void withNoOriginConfiguredAPageOfAnotherSiteIsRefusedAndOurOwnPagesAreNot() throws Exception {
		CorsConfigurationSource rules = SecurityConfiguration.corsSource(List.of());
		MockHttpServletResponse foreign = new MockHttpServletResponse();
		assertThat(process(rules, request("https://evil.example"), foreign)).isFalse();
		assertThat(foreign.getStatus()).isEqualTo(403);
		// the dashboard served by this service posts with its own origin: not a
		// cross-site request at all
		MockHttpServletResponse own = new MockHttpServletResponse();
		assertThat(process(rules, request("http://bangfu.ankang.example"), own)).isTrue();
		assertThat(own.getStatus()).isEqualTo(200);
		// programs that send no Origin (phones, curl) are not browsers on other sites
		MockHttpServletRequest phone = request(null);
		assertThat(process(rules, phone, new MockHttpServletResponse())).isTrue();
	}

	private static boolean process(CorsConfigurationSource rules, MockHttpServletRequest request,
			MockHttpServletResponse response) throws Exception {
		CorsConfiguration configuration = rules.getCorsConfiguration(request);
		return new DefaultCorsProcessor().processRequest(configuration, request, response);
	}

	private static MockHttpServletRequest request(String origin) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/graphql");
		request.setScheme("http");
		request.setServerName("bangfu.ankang.example");
		request.setServerPort(80);
		if (origin != null) {
			request.addHeader("Origin", origin);
		}
		return request;
	}

}
