package cn.ankang.bangfu.graphiql;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import cn.ankang.bangfu.ApiTestSupport;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GraphiQL in headless Chromium, as a developer uses it on an intranet without internet:
 * the page says the docs need a developer, a developer signs in, the docs arrive, a ready
 * operation runs and shows its data, and no request the page made went to another host.
 * The test keeps a screenshot ({@code target/graphiql.png}). It needs the system's
 * Chromium and its driver ({@code apt-get install chromium chromium-driver}, which
 * {@code .ci/run} does).
 */
class GraphiQlBrowserTests extends ApiTestSupport {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	@LocalServerPort
	private int port;

	private ChromeDriver browser;

	private Path profile;

	@BeforeEach
	void openChromium() throws IOException {
		Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
				"Chromium and its driver are not installed: apt-get install chromium chromium-driver");
		this.profile = Files.createTempDirectory("graphiql-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// a fresh profile, and none of the browser's own traffic (updates, sync)
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
				"--window-size=1400,900", "--user-data-dir=" + this.profile);
		// the performance log holds the page's network events, every request among them
		LoggingPreferences logging = new LoggingPreferences();
		logging.enable(LogType.PERFORMANCE, Level.ALL);
		options.setCapability("goog:loggingPrefs", logging);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
	}

	@AfterEach
	void closeChromium() {
		if (this.browser != null) {
			this.browser.quit();
		}
		if (this.profile != null) {
			FileSystemUtils.deleteRecursively(this.profile.toFile());
		}
	}

	@Test
	void aDeveloperSignsInReadsTheDocsAndRunsAReadyOperationWithNothingFromAnotherHost() throws IOException {
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(30));
		String origin = "localhost:" + this.port;
		// the browser opens its own new-tab page first: leave it and forget its requests
		this.browser.get("about:blank");
		requestedUrls();
		this.browser.get("http://" + origin + "/graphiql");

		// only developers and admins get the schema outside the demo: the page says so
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("docs-refused")));
		this.browser.findElement(By.id("username")).sendKeys("demo-dev");
		this.browser.findElement(By.id("password")).sendKeys("bangfu-demo");
		this.browser.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "demo-dev"));
		wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("docs-refused")));

		// the docs: the schema's root types in GraphiQL's documentation explorer
		wait.until(ExpectedConditions
			.elementToBeClickable(By.cssSelector("button[aria-label='Show Documentation Explorer']"))).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".graphiql-doc-explorer"),
				"Mutation"));

		// a ready operation, run with GraphiQL's button
		run("Counties", "610902");
		assertThat(response()).contains("汉滨区").doesNotContain("\"errors\"");
		assertThat(this.browser.findElement(By.id("message")).getText()).isEmpty();

		// the tokens live in the page's memory only, never in the browser's storage
		String token = (String) this.browser.executeScript("return session.token");
		assertThat(token).isNotBlank();
		assertThat((String) this.browser
			.executeScript("return JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])"))
			.doesNotContain(token)
			.doesNotContain((String) this.browser.executeScript("return session.refreshToken"));

		// a token with less than a minute left is refreshed before the next request
		this.browser.executeScript("session.refreshAt = 0");
		run("MonitoringFigures", "eliminationRateByPeople");
		assertThat(response()).contains("24456").doesNotContain("\"errors\"");
		assertThat((String) this.browser.executeScript("return session.token")).isNotBlank().isNotEqualTo(token);

		File shot = this.browser.getScreenshotAs(OutputType.FILE);
		Path kept = Path.of("target", "graphiql.png");
		Files.copy(shot.toPath(), kept, StandardCopyOption.REPLACE_EXISTING);
		assertThat(Files.size(kept)).isGreaterThan(10_000);

		// signing out forgets the user, and the docs with it
		this.browser.findElement(By.id("sign-out")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("docs-refused")));
		assertThat(this.browser.executeScript("return session.token")).isNull();

		List<String> requested = requestedUrls();
		assertThat(requested).as("the page, its scripts, the ready operations and the API")
			.anyMatch((url) -> url.endsWith("/webjars/graphiql/graphiql.min.js"))
			.anyMatch((url) -> url.endsWith("/graphiql/operations/Counties.graphql"))
			.anyMatch((url) -> url.endsWith("/graphql"));
		assertThat(requested).as("nothing from another host").allSatisfy((url) -> {
			URI uri = URI.create(url);
			if (!List.of("data", "blob", "about").contains(uri.getScheme())) {
				assertThat(uri.getScheme() + "://" + uri.getRawAuthority()).isEqualTo("http://" + origin);
			}
		});
	}

	/**
	 * Opens the tab of a ready operation, runs it and waits for the text in the answer.
	 */
	private void run(String operation, String expected) {
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(30));
		wait.until(ExpectedConditions.elementToBeClickable(By
			.xpath("//button[contains(@class, 'graphiql-tab-button') and normalize-space() = '" + operation + "']")))
			.click();
		// the tab's document shown first: the button runs what the editor holds
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".graphiql-query-editor"),
				operation));
		this.browser.findElement(By.cssSelector(".graphiql-execute-button")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".graphiql-response"), expected));
	}

	private String response() {
		return this.browser.findElement(By.cssSelector(".graphiql-response")).getText();
	}

	/**
	 * The URL of every request made since the last call, from the performance log
	 * (reading it empties it).
	 */
	@SuppressWarnings("unchecked")
	private List<String> requestedUrls() {
		Json json = new Json();
		return this.browser.manage()
			.logs()
			.get(LogType.PERFORMANCE)
			.getAll()
			.stream()
			.map(LogEntry::getMessage)
			.map((text) -> (Map<String, Object>) json.<Map<String, Object>>toType(text, Json.MAP_TYPE).get("message"))
			.filter((message) -> "Network.requestWillBeSent".equals(message.get("method")))
			.map((message) -> (Map<String, Object>) ((Map<String, Object>) message.get("params")).get("request"))
			.map((request) -> (String) request.get("url"))
			.toList();
	}

}
