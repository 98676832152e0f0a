package cn.ankang.bangfu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's headless Chromium on a phone's screen or a desk's, for the pages' browser
 * tests. A test on a machine without it reports itself skipped and says what to install
 * ({@code .ci/run} installs it).
 */
public final class Chromium {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private Chromium() {
	}

	/** A browser whose viewport is the phone's (e.g. 390×844). */
	public static ChromeDriver phone(int width, int height) {
		ChromeDriver chrome = start(width, height);
		// Chrome's windows are never narrower than 500 pixels; its emulation is
		chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
		return chrome;
	}

	/**
	 * A browser with a desk's window (e.g. 1280×1024), for pages read there and printed.
	 */
	public static ChromeDriver desktop(int width, int height) {
		return start(width, height);
	}

	private static ChromeDriver start(int width, int height) {
		Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
				"Chromium and its driver are not installed: apt-get install chromium chromium-driver");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--window-size=" + width + "," + height);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

}
