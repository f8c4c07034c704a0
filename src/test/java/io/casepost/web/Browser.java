package io.casepost.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

import io.casepost.Prerequisites;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven by its own chromedriver, on a profile of its own:
 * Selenium Manager is never asked to download anything. Without Chromium a browser test
 * skips, except under CI, where it fails.
 * <p>
 * A closed browser's Chromium is kept for the next test, its cookies and page cleared:
 * launching one takes seconds on two cores, clearing it milliseconds. The kept ones quit
 * when the test JVM ends.
 */
public final class Browser implements AutoCloseable {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Deque<Chromium> IDLE = new ConcurrentLinkedDeque<>();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			for (var chromium = IDLE.poll(); chromium != null; chromium = IDLE.poll()) {
				chromium.quit();
			}
		}, "browser-quit"));
	}

	private final String baseUrl;

	private final Chromium chromium;

	private final ChromeDriver driver;

	private boolean closed;

	private Browser(int port, Chromium chromium) {
		this.baseUrl = "http://localhost:" + port;
		this.chromium = chromium;
		this.driver = chromium.driver();
	}

	/** A browser pointed at the product on the given port. */
	public static Browser open(int port) {
		requireChromium();
		var kept = IDLE.poll();
		return new Browser(port, kept != null ? kept : Chromium.launch());
	}

	private static void requireChromium() {
		Prerequisites.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"Chromium is not installed (" + CHROMIUM + " and " + CHROMEDRIVER
						+ " are needed for browser tests); install it with: apt-get install chromium chromium-driver");
	}

	public Browser go(String path) {
		driver.get(baseUrl + path);
		return this;
	}

	public Browser signIn(String email, String password) {
		go("/login");
		find(By.id("username")).sendKeys(email);
		find(By.id("password")).sendKeys(password);
		click(By.id("signIn"));
		waitUntil(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
		return this;
	}

	/** Waits for the element to be there, as after a click that loads a page. */
	public WebElement find(By by) {
		return waitUntil(ExpectedConditions.presenceOfElementLocated(by));
	}

	/** The elements there now, without waiting: for checking that something is absent. */
	public List<WebElement> findNow(By by) {
		return driver.findElements(by);
	}

	public String text(By by) {
		return find(by).getText();
	}

	public Browser click(By by) {
		waitUntil(ExpectedConditions.elementToBeClickable(by)).click();
		return this;
	}

	/** Clicks and waits for the next page, so that what is found next is on it. */
	public Browser clickAndLoad(By by) {
		var before = find(By.tagName("html"));
		click(by);
		waitUntilGone(before);
		return this;
	}

	public Browser type(By by, String text) {
		var field = find(by);
		field.clear();
		field.sendKeys(text);
		return this;
	}

	public Browser refresh() {
		var before = find(By.tagName("html"));
		driver.navigate().refresh();
		waitUntilGone(before);
		return this;
	}

	public String currentPath() {
		return driver.getCurrentUrl().substring(baseUrl.length());
	}

	public Object script(String javascript, Object... arguments) {
		return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
	}

	/**
	 * A GET with this browser's session, as following a link would send it; the answer is
	 * not rendered.
	 */
	public Fetched fetch(String url) {
		@SuppressWarnings("unchecked")
		var answer = (Map<String, Object>) ((JavascriptExecutor) driver).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				fetch(arguments[0], { credentials: 'same-origin' }).then(async response => {
				  const bytes = new Uint8Array(await response.arrayBuffer());
				  let binary = '';
				  bytes.forEach(b => binary += String.fromCharCode(b));
				  const headers = {};
				  response.headers.forEach((value, name) => headers[name] = value);
				  done({ status: response.status, headers: headers, body: btoa(binary) });
				}).catch(error => done({ status: -1, headers: {}, body: '', error: String(error) }));""", url);
		@SuppressWarnings("unchecked")
		var headers = (Map<String, String>) answer.get("headers");
		return new Fetched(((Number) answer.get("status")).intValue(), headers,
				Base64.getDecoder().decode((String) answer.get("body")));
	}

	/**
	 * Waits until the old page's element has left the document. Chromium reports an
	 * element of a page being torn down either as stale or as "does not belong to the
	 * document"; both mean gone.
	 */
	private void waitUntilGone(org.openqa.selenium.WebElement element) {
		waitUntil(ignored -> {
			try {
				element.isEnabled();
				return false;
			}
			catch (org.openqa.selenium.StaleElementReferenceException stale) {
				return true;
			}
			catch (org.openqa.selenium.WebDriverException detached) {
				return String.valueOf(detached.getMessage()).contains("does not belong to the document");
			}
		});
	}

	private <T> T waitUntil(java.util.function.Function<? super org.openqa.selenium.WebDriver, T> condition) {
		return new WebDriverWait(driver, Duration.ofSeconds(15)).until(condition);
	}

	/**
	 * Clears the session for the next test, or quits a Chromium that cannot be cleared.
	 * Once only: a Chromium kept twice would serve two tests at once.
	 */
	@Override
	public void close() {
		if (closed) {
			return;
		}
		closed = true;
		try {
			driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
			driver.get("about:blank");
			IDLE.push(chromium);
		}
		catch (RuntimeException broken) {
			chromium.quit();
		}
	}

	/** What a fetch answered; header names in lower case. */
	public record Fetched(int status, Map<String, String> headers, byte[] body) {
	}

	private record Chromium(ChromeDriver driver, Path profile) {

		static Chromium launch() {
			try {
				var profile = Files.createTempDirectory("casepost-chromium");
				var options = new ChromeOptions().setBinary(CHROMIUM.toString())
					.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
							"--disable-quic", "--no-first-run", "--disable-background-networking",
							"--disable-component-update", "--disable-sync", "--user-data-dir=" + profile);
				var driver = new ChromeDriver(
						new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(),
						options);
				driver.manage()
					.timeouts()
					.pageLoadTimeout(Duration.ofSeconds(30))
					.scriptTimeout(Duration.ofSeconds(30));
				return new Chromium(driver, profile);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}

		void quit() {
			try {
				driver.quit();
			}
			finally {
				deleteProfile();
			}
		}

		private void deleteProfile() {
			try (var paths = Files.walk(profile)) {
				paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}

	}

}
