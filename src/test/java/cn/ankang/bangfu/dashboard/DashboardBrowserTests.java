package cn.ankang.bangfu.dashboard;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.Chromium;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in headless Chromium on a phone's screen (390×844): a county officer
 * signs in, opens a saved view, and sees its table and chart drawn; the test keeps a
 * screenshot ({@code target/dashboard-390x844.png}). It needs the system's Chromium and
 * its driver ({@code apt-get install chromium chromium-driver}, which {@code .ci/run}
 * does).
 */
class DashboardBrowserTests extends ApiTestSupport {

	@LocalServerPort
	private int port;

	private WebDriver browser;

	@BeforeEach
	void openChromium() {
		this.browser = Chromium.phone(390, 844);
	}

	@AfterEach
	void closeChromium() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void aCountyOfficerOpensASavedViewAndSeesTheTableAndTheChart() throws IOException {
		String name = "各镇监测户-" + UUID.randomUUID().toString().substring(0, 6);
		as("demo-county").document("""
				mutation($input: SaveViewInput!) { saveView(input: $input) { view { id } } }""")
			.variable("input", Map.of("name", name, "document", """
					{ monitoringFigures(filter: {year: 2023}, groupBy: [TOWN]) {
					    total { households people } groups { keys { dimension value label } households people } } }"""))
			.execute()
			.path("saveView.view.id")
			.hasValue();
		int towns = sqlInt("""
				select count(distinct t.id) from household h join village v on v.id = h.village_id
				join town t on t.id = v.town_id join county c on c.id = t.county_id
				where c.code = '610902' and h.identified_on <= '2023-12-31'""");

		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(20));
		this.browser.get("http://127.0.0.1:" + this.port + "/dashboard");
		assertThat(((ChromeDriver) this.browser).executeScript("return [window.innerWidth, window.innerHeight]"))
			.isEqualTo(java.util.List.of(390L, 844L));
		this.browser.findElement(By.id("username")).sendKeys("demo-county");
		this.browser.findElement(By.id("password")).sendKeys("bangfu-demo");
		this.browser.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
		wait.until(
				ExpectedConditions.elementToBeClickable(By.xpath("//div[@id='view-groups']//button[.='" + name + "']")))
			.click();
		wait.until((driver) -> !driver.findElement(By.id("result-error")).getText().isEmpty()
				|| !String.valueOf(driver.findElement(By.id("chart")).getDomAttribute("data-drawn")).matches("|null"));
		// read in one script: the page follows the view live, and a push from another
		// test's
		// write redraws the table between two separate element lookups
		@SuppressWarnings("unchecked")
		Map<String, Object> shown = (Map<String, Object>) ((ChromeDriver) this.browser).executeScript("""
				const total = document.querySelector('#table tbody tr.total');
				return { error: document.getElementById('result-error').textContent,
				  drawn: document.getElementById('chart').dataset.drawn,
				  canvases: document.querySelectorAll('#chart canvas').length,
				  rows: document.querySelectorAll('#table tbody tr').length,
				  total: total ? total.textContent : null };""");
		assertThat(shown).containsEntry("error", "")
			.containsEntry("drawn", Integer.toString(towns))
			.containsEntry("rows", (long) (towns + 1));
		assertThat((long) shown.get("canvases")).isPositive();
		assertThat((String) shown.get("total")).contains("合计");

		File shot = ((ChromeDriver) this.browser).getScreenshotAs(OutputType.FILE);
		Path kept = Path.of("target", "dashboard-390x844.png");
		Files.copy(shot.toPath(), kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		byte[] png = Files.readAllBytes(kept);
		assertThat(png).hasSizeGreaterThan(10_000);
		assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
	}

}
