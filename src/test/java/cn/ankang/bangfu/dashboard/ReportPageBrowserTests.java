package cn.ankang.bangfu.dashboard;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.Chromium;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The annual report page in headless Chromium: a leader signs in, reads a year's figures
 * beside the year before's, exactly as the API gives them and under Chinese names, and
 * prints the report to an A4 PDF; a refused session clears the figures. Keeps
 * {@code target/report-*.png} and {@code target/report-2023.pdf}.
 */
class ReportPageBrowserTests extends ApiTestSupport {

	private static final String REPORT = """
			query($year: Int!) { annualReport(year: $year) {
			  monitoring { households people eliminationRateByPeople }
			  cadres { firstSecretaries }
			  linkageFunds { allocated spendingRate }
			  designatedAssistanceFunds { allocated }
			  industryProjects
			  nextYearPipeline { projects planned } } }""";

	private static final Pattern MEDIA_BOX = Pattern
		.compile("/MediaBox\\s*\\[\\s*0\\s+0\\s+([0-9.]+)\\s+([0-9.]+)\\s*\\]");

	@LocalServerPort
	private int port;

	private ChromeDriver browser;

	private WebDriverWait wait;

	@BeforeEach
	void openChromium() {
		this.browser = Chromium.desktop(1280, 1024);
		this.wait = new WebDriverWait(this.browser, Duration.ofSeconds(30));
	}

	@AfterEach
	void closeChromium() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void aCityLeaderReadsThe2023ReportBesideTheYearBeforeAndPrintsItOnA4() throws IOException {
		GraphQlTester.Response now = as("demo-leader").document(REPORT).variable("year", 2023).execute();
		GraphQlTester.Response before = as("demo-leader").document(REPORT).variable("year", 2022).execute();

		open("/dashboard/report.html?year=2023", "demo-leader");

		assertThat(text("report-title")).isEqualTo("安康市2023年巩固拓展脱贫攻坚成果同乡村振兴有效衔接工作报告（数据）");
		assertThat(text("report-meta")).contains("统计范围：安康市").contains("对比年度：2022年").contains("数据截至");
		assertThat(this.browser.findElements(By.cssSelector("#sections thead th")).get(2).getText()).isEqualTo("2023年");
		assertThat(this.browser.findElements(By.cssSelector("#sections thead th")).get(3).getText()).isEqualTo("2022年");
		for (String field : List.of("monitoring.households", "monitoring.people", "cadres.firstSecretaries",
				"industryProjects", "nextYearPipeline.projects")) {
			assertThat(cell(field, "current")).as(field).isEqualTo(count(now, field));
			assertThat(cell(field, "previous")).as(field).isEqualTo(count(before, field));
			assertThat(cell(field, "unit")).as(field).isIn("户", "人", "个");
		}
		assertThat(cell("monitoring.households", "current")).isEqualTo("24,456");
		assertThat(cell("monitoring.eliminationRateByPeople", "current")).isEqualTo("67.7%")
			.isEqualTo(percent(now, "monitoring.eliminationRateByPeople"));
		for (String field : List.of("linkageFunds.allocated", "designatedAssistanceFunds.allocated",
				"nextYearPipeline.planned")) {
			String[] shown = money(now, before, field);
			assertThat(cell(field, "unit")).as(field).isEqualTo(shown[0]);
			assertThat(cell(field, "current")).as(field).isEqualTo(shown[1]);
			assertThat(cell(field, "previous")).as(field).isEqualTo(shown[2]);
		}
		// the report's 24.78 亿元 of linkage funds
		assertThat(cell("linkageFunds.allocated", "current")).isEqualTo("24.78");
		assertThat(cell("linkageFunds.allocated", "unit")).isEqualTo("亿元");
		assertThat(cell("linkageFunds.spendingRate", "unit")).isEqualTo("%");
		// the headlines from the records beside the published report, and the report's
		// own arithmetic: its 72 % does not follow from its totals, and the page says so
		assertThat(headline("LINKAGE_FUNDS", "records")).isEqualTo("24.78亿元");
		assertThat(headline("LINKAGE_FUNDS", "published")).isEqualTo("24.78亿元");
		assertThat(headline("LINKAGE_FUNDS", "verdict")).isEqualTo("相符");
		assertThat(headline("ELIMINATION_RATE_BY_PEOPLE", "records")).isEqualTo("67.7%");
		assertThat(headline("MONITORED_HOUSEHOLDS", "records")).isEqualTo("24,456户");
		assertThat(headline("KEY_COUNTY_LINKAGE_FUNDS_SHARE", "records")).isEqualTo("62.2%");
		assertThat(headline("KEY_COUNTY_LINKAGE_FUNDS_SHARE", "published")).isEqualTo("72%");
		assertThat(headline("KEY_COUNTY_LINKAGE_FUNDS_SHARE", "verdict")).isEqualTo("不符");
		assertThat(headline("MICROCREDIT_ISSUED", "records")).isEqualTo("79.28亿元");
		assertThat(headline("MICROCREDIT_ISSUED", "verdict")).isEqualTo("相符");
		assertThat(headline("SUPERVISION_PROBLEMS_RECTIFIED", "records")).isEqualTo("301个");
		// the sections of the whole programme: a household's income in yuan, the rest as
		// the funds
		assertThat(cell("population.averageNetIncome", "current")).isEqualTo("14,884");
		assertThat(cell("population.averageNetIncome", "unit")).isEqualTo("元");
		assertThat(cell("microcredit.issued", "current")).isEqualTo("79.28");
		assertThat(cell("supervision.problemsRectified", "current")).isEqualTo("301");
		assertThat(cell("villageConstruction.projects", "current")).isEqualTo("2,596");
		assertThat(headline("VILLAGE_CONSTRUCTION_PROJECTS", "records")).isEqualTo("2,596个");
		assertThat(headline("VILLAGE_CONSTRUCTION_PROJECTS", "verdict")).isEqualTo("相符");
		assertThat(this.browser.findElement(By.cssSelector("#checks li[data-figure='KEY_COUNTY_LINKAGE_FUNDS_SHARE']"))
			.getText()).contains("72%", "62.2%", "15.42亿元", "24.78亿元", "不符");
		assertThat(
				this.browser.findElement(By.cssSelector("#checks li[data-figure='KEY_COUNTY_LINKAGE_PROJECTS_SHARE']"))
					.getText())
			.contains("68%", "相符");

		// every name people read is Chinese: no field name of the API shows through
		String report = text("report");
		assertThat(report).doesNotContainPattern("[A-Za-z]");
		assertThat(report).contains("监测户", "风险消除率（按人口）", "计划投入", "第一书记", "定点帮扶单位", "2024年项目库（对比列为2023年项目库）");
		assertThat(text("status")).isEmpty();
		assertThat(text("report-error")).isEmpty();
		screenshot("target/report-2023.png");

		// on paper: only the report, black on white
		this.browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
		assertThat(this.browser.findElement(By.id("controls")).isDisplayed()).isFalse();
		assertThat(this.browser.findElement(By.id("who")).isDisplayed()).isFalse();
		assertThat(this.browser.findElement(By.cssSelector("header")).isDisplayed()).isFalse();
		assertThat(this.browser.findElement(By.id("report")).isDisplayed()).isTrue();
		assertThat(this.browser.findElement(By.cssSelector("#sections td.number")).getCssValue("color"))
			.isEqualTo("rgba(0, 0, 0, 1)");
		screenshot("target/report-2023-print.png");
		this.browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));

		// as Selenium prints it, on A4 paper
		byte[] printed = Base64.getDecoder()
			.decode(this.browser.print(new PrintOptions().setPageSize(PageSize.ISO_A4)).getContent());
		Files.write(Path.of("target", "report-2023.pdf"), printed);
		assertA4(printed);
		// as a browser's print dialog does, on the paper the page asks for: Chromium's
		// own
		// default is Letter, so A4 here is the style sheet's doing
		Object asked = this.browser
			.executeCdpCommand("Page.printToPDF", Map.of("preferCSSPageSize", true, "printBackground", false))
			.get("data");
		byte[] dialog = Base64.getDecoder().decode((String) asked);
		Files.write(Path.of("target", "report-2023-css.pdf"), dialog);
		assertA4(dialog);
	}

	@Test
	void aCountyOfficerSeesTheCountysFiguresTheSessionIsRenewedAndARefusedSessionClearsThem() {
		GraphQlTester.Response now = as("demo-county").document(REPORT).variable("year", 2023).execute();

		open("/dashboard/report.html?year=2023", "demo-county");

		assertThat(text("report-title")).startsWith("汉滨区2023年");
		assertThat(cell("monitoring.households", "current")).isEqualTo(count(now, "monitoring.households"))
			.isNotEqualTo("24,456");

		// twenty minutes on, the access token is renewed before the next request
		Object before = pageSession("demo-county").get("lastUsedAt");
		this.browser.executeScript("window.realNow = Date.now; Date.now = () => window.realNow.call(Date) + 1200000");
		reload();
		assertThat(pageSession("demo-county").get("lastUsedAt")).isNotEqualTo(before);
		assertThat(text("report-error")).isEmpty();
		this.browser.executeScript("Date.now = window.realNow");

		// the session ends elsewhere (a lost laptop reported): the next request is
		// refused
		String session = (String) pageSession("demo-county").get("id");
		as("demo-county")
			.document("mutation($input: RevokeSessionInput!) { revokeSession(input: $input) { userErrors { code } } }")
			.variable("input", Map.of("sessionId", session))
			.execute()
			.path("revokeSession.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		// the leader asks for the year again
		this.browser.executeScript("document.getElementById('year').dispatchEvent(new Event('change'))");

		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
		assertThat(text("report-error")).startsWith("登录已失效，报告已清除，请重新登录。").doesNotContainPattern("[A-Za-z]{4,}");
		assertThat(this.browser.findElement(By.id("report")).isDisplayed()).isFalse();
		assertThat(this.browser.findElements(By.cssSelector("#sections tr"))).isEmpty();
		assertThat(this.browser.findElement(By.id("controls")).isDisplayed()).isFalse();
		screenshot("target/report-signed-out.png");
	}

	@Test
	void withoutAYearInTheAddressThePageOpensTheLastFullYearWithLinkageFundsSpent() {
		int lastFull = LocalDate.now().getYear() - 1;
		int expected = sqlInt("""
				select coalesce(max(p.year), %d) from project p
				where p.year <= %d and exists (select 1 from project_spending s where s.project_id = p.id
				  and s.spent_on <= '%d-12-31' and s.amount_fen > 0
				  and s.source in ('CENTRAL_LINKAGE', 'PROVINCIAL_LINKAGE', 'MUNICIPAL_LINKAGE', 'COUNTY_LINKAGE'))"""
			.formatted(lastFull, lastFull, lastFull));

		open("/dashboard/report.html", "demo-leader");

		assertThat(new Select(this.browser.findElement(By.id("year"))).getFirstSelectedOption().getAttribute("value"))
			.isEqualTo(Integer.toString(expected));
		assertThat(text("report-title")).contains(expected + "年巩固拓展");
		assertThat(this.browser.getCurrentUrl()).endsWith("?year=" + expected);
	}

	// the session the page signed in with
	private Map<String, Object> pageSession(String user) {
		List<Map<String, Object>> sessions = as(user).document("{ mySessions { id deviceName revokedAt lastUsedAt } }")
			.execute()
			.path("mySessions")
			.entity(new ParameterizedTypeReference<List<Map<String, Object>>>() {
			})
			.get();
		return sessions.stream()
			.filter((candidate) -> "年度报告网页".equals(candidate.get("deviceName")) && candidate.get("revokedAt") == null)
			.findFirst()
			.orElseThrow();
	}

	// asks for the year shown again and waits for its figures
	private void reload() {
		WebElement shown = this.browser.findElement(By.cssSelector("tr[data-field]"));
		this.browser.executeScript("document.getElementById('year').dispatchEvent(new Event('change'))");
		this.wait.until(ExpectedConditions.stalenessOf(shown));
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-field]")));
	}

	private void open(String path, String user) {
		this.browser.get("http://127.0.0.1:" + this.port + path);
		this.browser.findElement(By.id("username")).sendKeys(user);
		this.browser.findElement(By.id("password")).sendKeys("bangfu-demo");
		this.browser.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-field]")));
	}

	private String text(String id) {
		return this.browser.findElement(By.id(id)).getText();
	}

	private String headline(String figure, String column) {
		return this.browser
			.findElement(By.cssSelector("#headlines tr[data-figure='" + figure + "'] td[data-column='" + column + "']"))
			.getText();
	}

	private String cell(String field, String column) {
		return this.browser
			.findElement(By.cssSelector("tr[data-field='" + field + "'] td[data-column='" + column + "']"))
			.getText();
	}

	private static String count(GraphQlTester.Response response, String field) {
		long value = response.path("annualReport." + field).entity(Long.class).get();
		return String.format(Locale.ROOT, "%,d", value);
	}

	private static String percent(GraphQlTester.Response response, String field) {
		double value = response.path("annualReport." + field).entity(Double.class).get();
		return new BigDecimal(value * 100).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
	}

	// both years in 亿元 once either reaches a hundred million yuan, else in 万元
	private static String[] money(GraphQlTester.Response now, GraphQlTester.Response before, String field) {
		BigDecimal current = new BigDecimal(now.path("annualReport." + field).entity(String.class).get());
		BigDecimal previous = new BigDecimal(before.path("annualReport." + field).entity(String.class).get());
		BigDecimal yi = new BigDecimal("100000000");
		boolean large = current.abs().max(previous.abs()).compareTo(yi) >= 0;
		BigDecimal per = large ? yi : new BigDecimal("10000");
		return new String[] { large ? "亿元" : "万元",
				String.format(Locale.ROOT, "%,.2f", current.divide(per, 2, RoundingMode.HALF_UP)),
				String.format(Locale.ROOT, "%,.2f", previous.divide(per, 2, RoundingMode.HALF_UP)) };
	}

	private static void assertA4(byte[] pdf) {
		String text = new String(pdf, StandardCharsets.ISO_8859_1);
		assertThat(text).startsWith("%PDF-");
		List<String> pages = new ArrayList<>();
		Matcher page = Pattern.compile("/Type\\s*/Page(?![a-zA-Z])").matcher(text);
		while (page.find()) {
			pages.add(page.group());
		}
		assertThat(pages).isNotEmpty();
		Matcher box = MEDIA_BOX.matcher(text);
		int boxes = 0;
		while (box.find()) {
			// A4 is 210 × 297 mm: 595.3 × 841.9 points
			assertThat(Double.parseDouble(box.group(1))).isCloseTo(595.3, org.assertj.core.data.Offset.offset(1.5));
			assertThat(Double.parseDouble(box.group(2))).isCloseTo(841.9, org.assertj.core.data.Offset.offset(1.5));
			boxes++;
		}
		assertThat(boxes).isGreaterThanOrEqualTo(1);
	}

	private void screenshot(String path) {
		try {
			Files.write(Path.of(path), this.browser.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
