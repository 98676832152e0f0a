package cn.ankang.bangfu.dashboard;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.Chromium;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A leader's dashboard in headless Chromium on a phone (390×844): ready views on first
 * sign-in, a view built, saved and shared in the builder, figures in Chinese with their
 * units, a drill from county to town and back, the map, a download, and figures cleared
 * when the session is revoked. Screenshots are kept in {@code target/}.
 */
class ViewBuilderBrowserTests extends ApiTestSupport {

	@LocalServerPort
	private int port;

	private ChromeDriver browser;

	private WebDriverWait wait;

	private Path downloads;

	@BeforeEach
	void openChromium() throws IOException {
		this.browser = Chromium.phone(390, 844);
		this.wait = new WebDriverWait(this.browser, Duration.ofSeconds(30));
		// a live view redraws its table when the service pushes: a row read while it is
		// replaced is read again on the next poll
		this.wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
		this.downloads = Files.createTempDirectory("bangfu-downloads");
		this.browser.executeCdpCommand("Browser.setDownloadBehavior",
				Map.of("behavior", "allow", "downloadPath", this.downloads.toAbsolutePath().toString()));
	}

	@AfterEach
	void closeChromium() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void aCityLeaderBuildsAViewSharesItAndDrillsFromCountyToTown() throws IOException {
		signIn("demo-leader");
		assertThat(text("view-groups")).contains("内置视图", "2023年防返贫监测（按县区）", "2023年资金投入（按来源）");

		this.browser.findElement(By.id("new-view")).click();
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("builder-form")));
		new Select(this.browser.findElement(By.id("b-figure"))).selectByVisibleText("防返贫监测");
		new Select(this.browser.findElement(By.id("b-year"))).selectByValue("2023");
		new Select(this.browser.findElement(By.id("b-dim1"))).selectByVisibleText("县区");
		new Select(this.browser.findElement(By.id("b-chart"))).selectByValue("BAR");
		String name = "各县区监测户-" + UUID.randomUUID().toString().substring(0, 6);
		this.browser.findElement(By.id("b-name")).sendKeys(name);
		this.browser.findElement(By.id("b-colleague-search")).sendKeys("演示汉滨区");
		this.wait
			.until(ExpectedConditions
				.elementToBeClickable(By.xpath("//ul[@id='b-colleague-results']//button[contains(., '演示汉滨区干部')]")))
			.click();
		assertThat(text("b-colleagues")).contains("演示汉滨区干部");
		this.browser.findElement(By.id("b-save")).click();
		awaitDrawn();

		int counties = this.graphQl.document("{ counties { code } }")
			.execute()
			.path("counties")
			.entityList(Map.class)
			.get()
			.size();
		assertThat(this.browser.findElement(By.id("chart")).getDomAttribute("data-drawn"))
			.isEqualTo(Integer.toString(counties));
		assertThat(heads()).startsWith("县区", "监测户（户）", "监测人口（人）");
		int households = this.graphQl.document("{ monitoringFigures(filter: {year: 2023}) { total { households } } }")
			.execute()
			.path("monitoringFigures.total.households")
			.entity(Integer.class)
			.get();
		assertThat(this.browser.findElement(By.cssSelector("#table tbody tr.total")).getText()).startsWith("合计")
			.contains(NumberFormat.getIntegerInstance(Locale.CHINA).format(households));
		assertThat(text("table")).doesNotContain("households", "COUNTY", "monitoringFigures");
		shot("dashboard-built-view-390x844.png");

		// the colleague it was shared with finds it among the views shared with them
		as("demo-county").document("{ savedViews { name ownerName } }")
			.execute()
			.path("savedViews[?(@.name == '%s')].ownerName".formatted(name))
			.entityList(String.class)
			.containsExactly("演示市级领导");

		// down to 汉滨区's towns, the period kept, and back by the breadcrumb
		this.browser.findElement(By.xpath("//table[@id='table']//button[.='汉滨区']")).click();
		awaitCrumbs(2);
		int towns = this.graphQl.document(
				"{ monitoringFigures(filter: {year: 2023, countyCode: \"610902\"}, groupBy: [TOWN]) { groups { households } } }")
			.execute()
			.path("monitoringFigures.groups")
			.entityList(Map.class)
			.get()
			.size();
		assertThat(heads().get(0)).isEqualTo("镇");
		assertThat(this.browser.findElements(By.cssSelector("#table tbody tr"))).hasSize(towns + 1);
		assertThat(text("crumbs")).contains(name, "汉滨区");
		assertThat(text("result-meta")).contains("2023年");
		shot("dashboard-drilled-390x844.png");
		this.browser.findElement(By.xpath("//nav[@id='crumbs']//button[.='" + name + "']")).click();
		awaitCrumbs(1);
		assertThat(heads().get(0)).isEqualTo("县区");

		// edited: drawn as a line, one number fewer
		this.browser.findElement(By.xpath("//li[.//button[.='" + name + "']]//button[.='编辑']")).click();
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("builder-form")));
		assertThat(new Select(this.browser.findElement(By.id("b-dim1"))).getFirstSelectedOption().getText())
			.isEqualTo("县区");
		new Select(this.browser.findElement(By.id("b-chart"))).selectByValue("LINE");
		this.browser.findElement(By.cssSelector("#b-measures input[value=people]")).click();
		this.browser.findElement(By.id("b-save")).click();
		this.wait.until(ExpectedConditions.attributeToBe(By.id("chart"), "data-kind", "LINE"));
		awaitDrawn();
		// the table follows the chart: wait for it rather than catch it half drawn
		this.wait.until((driver) -> !heads().contains("监测人口（人）"));
		assertThat(heads()).doesNotContain("监测人口（人）");

		this.browser.findElement(By.id("download-xlsx")).click();
		Path file = awaitDownload();
		assertThat(file.getFileName().toString()).endsWith(".xlsx");
		assertThat(Files.size(file)).isPositive();
	}

	@Test
	void moneyAndSharesReadInTheirUnitsAndTheMapPlotsVillages() throws IOException {
		signIn("demo-leader");
		open("2023年资金投入（按来源）");
		List<String> heads = heads();
		assertThat(heads.get(0)).isEqualTo("资金来源");
		assertThat(heads).anyMatch((head) -> head.matches("计划投入（(亿元|万元)）")).contains("支出进度（%）");
		assertThat(text("table")).contains("中央衔接资金").doesNotContain("CENTRAL_LINKAGE");
		String rate = this.browser.findElement(By.cssSelector("#table tbody tr.total td:last-child")).getText();
		assertThat(rate).matches("\\d{1,3}\\.\\d%");
		shot("dashboard-funds-390x844.png");

		open("2023年监测户分布地图");
		this.wait.until(ExpectedConditions.attributeToBe(By.id("chart"), "data-kind", "MAP"));
		awaitDrawn();
		int villages = this.graphQl
			.document("{ monitoringFigures(filter: {year: 2023}, groupBy: [VILLAGE]) { groups { households } } }")
			.execute()
			.path("monitoringFigures.groups")
			.entityList(Map.class)
			.get()
			.size();
		assertThat(this.browser.findElement(By.id("chart")).getDomAttribute("data-drawn"))
			.isEqualTo(Integer.toString(villages));
		assertThat(this.browser.findElements(By.cssSelector("#chart canvas"))).isNotEmpty();
		shot("dashboard-map-390x844.png");
	}

	@Test
	void aCountyOfficerFindsWhoHasNotBeenVisitedReadyToOpen() throws IOException {
		signIn("demo-county");
		open("近30天未走访的监测户");
		int total = as("demo-county").document("{ unvisitedHouseholds(days: 30) { totalCount } }")
			.execute()
			.path("unvisitedHouseholds.totalCount")
			.entity(Integer.class)
			.get();
		assertThat(this.browser.findElements(By.cssSelector("#table tbody tr"))).hasSize(Math.min(100, total));
		assertThat(heads()).contains("县区", "镇", "村")
			.allSatisfy((head) -> assertThat(head).doesNotContainPattern("[A-Za-z]"));
		assertThat(text("result-meta"))
			.contains("共" + NumberFormat.getIntegerInstance(Locale.CHINA).format(total) + "条");
		shot("dashboard-unvisited-390x844.png");
	}

	@Test
	void anOpenViewMovesWhenAVisitIsSynced() {
		String document = this.graphQl
			.document("{ figureCatalog(fields: [\"visitFigures\"]) { document(measures: [\"visits\"]) } }")
			.execute()
			.path("figureCatalog[0].document")
			.entity(String.class)
			.get();
		String name = "本年走访（实时）-" + UUID.randomUUID().toString().substring(0, 6);
		as("demo-county").document("mutation($input: SaveViewInput!) { saveView(input: $input) { view { id } } }")
			.variable("input",
					Map.of("name", name, "document", document, "variables", Map.of("groupBy", List.of("TOWN")),
							"recipe", Map.of("figure", "visitFigures", "measures", List.of("visits"))))
			.execute()
			.path("saveView.view.id")
			.hasValue();
		signIn("demo-county");
		open(name);
		try {
			this.wait
				.until((driver) -> "live".equals(driver.findElement(By.id("live-status")).getDomAttribute("data-state"))
						&& Integer.parseInt(pushes()) >= 1);
		}
		catch (org.openqa.selenium.TimeoutException ex) {
			throw new AssertionError(
					"Not live: state " + this.browser.findElement(By.id("live-status")).getDomAttribute("data-state")
							+ " (" + text("live-status") + "), pushes " + pushes() + ", error " + text("result-error")
							+ ", logs " + this.browser.manage().logs().get("browser").getAll(),
					ex);
		}
		int pushed = Integer.parseInt(pushes());
		long before = totalVisits();
		Map<String, Object> visit = cn.ankang.bangfu.visit.VisitDrafts.householdVisit(this.jdbc, 2);
		visit.remove("findings");
		as("demo-secretary").document("mutation($v: LogVisitInput!) { logVisit(input: $v) { userErrors { code } } }")
			.variable("v", visit)
			.execute()
			.path("logVisit.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		try {
			this.wait.until((driver) -> Integer.parseInt(pushes()) > pushed && totalVisits() == before + 1);
		}
		catch (org.openqa.selenium.TimeoutException ex) {
			throw new AssertionError("Did not move: state "
					+ this.browser.findElement(By.id("live-status")).getDomAttribute("data-state") + ", pushes "
					+ pushed + " -> " + pushes() + ", visits " + before + " -> " + totalVisits() + ", error "
					+ text("result-error") + ", meta " + text("result-meta"), ex);
		}
		assertThat(text("live-status")).contains("实时更新");
	}

	private String pushes() {
		String pushes = this.browser.findElement(By.id("chart")).getDomAttribute("data-pushes");
		return (pushes != null && !pushes.isEmpty()) ? pushes : "0";
	}

	private long totalVisits() {
		String total = this.browser.findElement(By.cssSelector("#table tbody tr.total td:nth-child(2)")).getText();
		return Long.parseLong(total.replace(",", ""));
	}

	@Test
	void figuresAreClearedWhenTheSessionIsRevoked() {
		// an officer of its own: the demo users' sessions are shared by the other tests
		String officer = newUser("town-officer");
		as("demo-admin").document("""
				mutation($id: ID!) { grantRole(input: {userId: $id, role: TOWN_OFFICER, townCode: "610921001"}) {
				  userErrors { code } } }""")
			.variable("id", userId(officer))
			.execute()
			.path("grantRole.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		signIn(officer, "the-right-password");
		open("2023年防返贫监测（按村）");
		assertThat(this.browser.findElements(By.cssSelector("#table tbody tr"))).isNotEmpty();
		as("demo-admin").document("mutation($id: ID!) { revokeUserSessions(input: {userId: $id}) { revokedCount } }")
			.variable("id", userId(officer))
			.execute()
			.path("revokeUserSessions.revokedCount")
			.entity(Integer.class)
			.satisfies((count) -> assertThat(count).isPositive());
		this.browser.findElement(By.xpath("//div[@id='view-groups']//button[.='2023年防返贫监测（按村）']")).click();
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
		assertThat(text("sign-in-error")).contains("登录已失效");
		assertThat(this.browser.findElement(By.id("result")).isDisplayed()).isFalse();
		assertThat(this.browser.findElements(By.cssSelector("#table tbody tr"))).isEmpty();
	}

	private void signIn(String username) {
		signIn(username, "bangfu-demo");
	}

	private void signIn(String username, String password) {
		this.browser.get("http://127.0.0.1:" + this.port + "/dashboard");
		this.browser.findElement(By.id("username")).sendKeys(username);
		this.browser.findElement(By.id("password")).sendKeys(password);
		this.browser.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("view-groups")));
		this.wait.until((driver) -> !driver.findElements(By.cssSelector("#view-groups .open-view")).isEmpty());
	}

	private void open(String view) {
		this.browser.findElement(By.xpath("//div[@id='view-groups']//button[.='" + view + "']")).click();
		this.wait.until(ExpectedConditions.textToBe(By.id("result-title"), view));
		awaitDrawn();
	}

	private void awaitDrawn() {
		this.wait.until((driver) -> {
			String drawn = driver.findElement(By.id("chart")).getDomAttribute("data-drawn");
			String status = driver.findElement(By.id("result-status")).getText();
			return !text("result-error").isEmpty() || (drawn != null && !drawn.isEmpty() && status.isEmpty());
		});
		assertThat(text("result-error")).isEmpty();
	}

	private void awaitCrumbs(int count) {
		this.wait
			.until((driver) -> driver.findElements(By.cssSelector("#crumbs button, #crumbs strong")).size() == count);
		awaitDrawn();
	}

	private Path awaitDownload() {
		return this.wait.until((driver) -> {
			try (var files = Files.list(this.downloads)) {
				return files.filter((file) -> !file.toString().endsWith(".crdownload")).findFirst().orElse(null);
			}
			catch (IOException ex) {
				return null;
			}
		});
	}

	/**
	 * The table's heads, read in one go in the page: the table may be drawn again while
	 * they are read one by one (a stale element in a loaded run).
	 */
	@SuppressWarnings("unchecked")
	private List<String> heads() {
		return (List<String>) this.browser.executeScript(
				"return Array.from(document.querySelectorAll('#table thead th'), (th) => th.innerText.trim());");
	}

	private String text(String id) {
		return this.browser.findElement(By.id(id)).getText();
	}

	private void shot(String name) throws IOException {
		this.browser.executeScript("document.getElementById('result').scrollIntoView({block: 'start'})");
		try {
			// the bars grow for a second: the picture shows them grown
			Thread.sleep(1500);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		File shot = this.browser.getScreenshotAs(OutputType.FILE);
		Files.copy(shot.toPath(), Path.of("target", name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}

}
