package cn.ankang.bangfu.view;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.Chromium;
import cn.ankang.bangfu.visit.VisitDrafts;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's {@code live.js} in headless Chromium, on the dashboard's page and under
 * its content security policy: a county officer's view of visits moves when a visit
 * arrives, over the WebSocket; where no WebSocket opens, the view is polled instead; and
 * stopping closes the subscription on the server.
 */
class LiveScriptBrowserTests extends ApiTestSupport {

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meters;

	private WebDriver browser;

	@BeforeEach
	void openChromium() {
		this.browser = Chromium.phone(1280, 800);
	}

	@AfterEach
	void closeChromium() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void aWallDashboardMovesWhenAVisitArrives() {
		String view = saveView();
		load();
		subscribe(view);
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(20));
		wait.until((driver) -> runs().size() >= 1 && states().contains("live"));
		long first = runs().get(0);
		Map<String, Object> visit = VisitDrafts.householdVisit(this.jdbc, 2);
		visit.remove("findings");
		as("demo-secretary").document("""
				mutation($v: LogVisitInput!) { logVisit(input: $v) { userErrors { code } } }""")
			.variable("v", visit)
			.execute()
			.path("logVisit.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		wait.until((driver) -> runs().size() >= 2);
		assertThat(runs().get(runs().size() - 1)).isEqualTo(first + 1);
		assertThat(states()).doesNotContain("polling");
		double open = openOnServer();
		script("window.__stop()");
		assertThat(states()).endsWith("closed");
		// the server lets go of it
		wait.until((driver) -> openOnServer() == open - 1);
	}

	@Test
	void withoutAWebSocketTheViewIsPolled() {
		String view = saveView();
		load();
		// a proxy that refuses every upgrade
		script("""
				window.WebSocket = function () { const self = this;
				  setTimeout(() => self.onclose && self.onclose({ code: 1006 }), 10); };
				window.WebSocket.OPEN = 1;
				window.WebSocket.prototype.close = function () {};
				window.WebSocket.prototype.send = function () {};""");
		subscribe(view);
		new WebDriverWait(this.browser, Duration.ofSeconds(20))
			.until((driver) -> runs().size() >= 1 && states().contains("polling"));
		script("window.__stop()");
	}

	private double openOnServer() {
		return this.meters.get("bangfu.live.subscriptions").gauge().value();
	}

	private void load() {
		this.browser.get("http://127.0.0.1:" + this.port + "/dashboard/");
		// the page the lead builds includes it; here it is added as that page would load
		// it
		script("""
				const script = document.createElement('script');
				script.src = '/dashboard/live.js';
				document.head.appendChild(script);""");
		new WebDriverWait(this.browser, Duration.ofSeconds(10))
			.until((driver) -> "object".equals(script("return typeof window.BangfuLive")));
	}

	private void subscribe(String view) {
		((JavascriptExecutor) this.browser).executeScript("""
				window.__runs = []; window.__states = [];
				window.__stop = BangfuLive.subscribe(arguments[0], arguments[1], null,
				  (run) => window.__runs.push(run.data.visitFigures.total.visits),
				  (state, detail) => window.__states.push(state));""", accessToken("demo-county"), view);
	}

	@SuppressWarnings("unchecked")
	private List<Long> runs() {
		return (List<Long>) script("return window.__runs");
	}

	@SuppressWarnings("unchecked")
	private List<String> states() {
		return (List<String>) script("return window.__states");
	}

	private Object script(String script) {
		return ((JavascriptExecutor) this.browser).executeScript(script);
	}

	private String saveView() {
		return as("demo-county").document("""
				mutation($input: SaveViewInput!) { saveView(input: $input) { view { id } } }""")
			.variable("input",
					Map.of("name", "走访大屏 " + UUID.randomUUID(), "document",
							"query { visitFigures { total { visits } } }"))
			.execute()
			.path("saveView.view.id")
			.entity(String.class)
			.get();
	}

}
