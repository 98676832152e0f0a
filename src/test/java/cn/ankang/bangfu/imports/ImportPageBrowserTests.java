package cn.ankang.bangfu.imports;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import cn.ankang.bangfu.Chromium;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The officers' import screen in headless Chromium on a phone: a county officer signs in,
 * chooses the households import and a file with a bad row, reads the problem on the page,
 * then uploads the corrected file and commits it.
 */
class ImportPageBrowserTests extends ImportTestSupport {

	private ChromeDriver browser;

	@TempDir
	Path folder;

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
	void aCountyOfficerChecksReadsTheProblemsAndCommitsOnThePage() throws Exception {
		String head = person(LocalDate.of(1971, 3, 3), true);
		Path bad = this.folder.resolve("监测户.xlsx");
		Files.write(bad, workbook("监测户成员", List.of(HOUSEHOLD_HEADER,
				member("610902006004", "钱一", "钱一", head, "户主", "边缘易致贫户", "因病", "明年", new BigDecimal("7000"), null))));
		Path good = this.folder.resolve("监测户-更正.xlsx");
		Files.write(good, workbook("监测户成员", List.of(HOUSEHOLD_HEADER, member("610902006004", "钱一", "钱一", head, "户主",
				"边缘易致贫户", "因病", LocalDate.of(2023, 4, 1), new BigDecimal("7000"), null))));

		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(30));
		this.browser.get(uri("/dashboard").toString());
		this.browser.findElement(By.id("username")).sendKeys(username("COUNTY_OFFICER", Map.of("countyCode", COUNTY)));
		this.browser.findElement(By.id("password")).sendKeys("the-right-password");
		this.browser.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("imports")));
		new Select(this.browser.findElement(By.id("import-kind"))).selectByVisibleText("监测户及家庭成员");

		this.browser.findElement(By.id("import-file")).sendKeys(bad.toString());
		this.browser.findElement(By.cssSelector("#import-form button[type=submit]")).click();
		wait.until(ExpectedConditions.attributeToBe(By.id("import-state"), "data-status", "REJECTED"));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-findings"), "识别纳入时间"));
		assertThat(this.browser.findElement(By.cssSelector("#import-findings tr.problem")).getText()).contains("2")
			.contains("明年");
		assertThat(this.browser.findElement(By.id("import-problems-download")).isDisplayed()).isTrue();
		assertThat(this.browser.findElement(By.id("import-commit")).isDisplayed()).isFalse();

		this.browser.findElement(By.id("import-file")).sendKeys(good.toString());
		this.browser.findElement(By.cssSelector("#import-form button[type=submit]")).click();
		wait.until(ExpectedConditions.attributeToBe(By.id("import-state"), "data-status", "CHECKED"));
		assertThat(this.browser.findElement(By.id("import-counts")).getText()).contains("将新建 1");
		this.browser.findElement(By.id("import-commit")).click();
		wait.until(ExpectedConditions.attributeToBe(By.id("import-state"), "data-status", "COMMITTED"));
		assertThat(this.browser.findElement(By.id("import-state")).getText()).isEqualTo("已导入");
		assertThat(this.jdbc.sql("select count(*) from household where head_id_number = :id")
			.param("id", head)
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

}
