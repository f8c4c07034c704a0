package io.casepost.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import io.casepost.CasepostTest;
import io.casepost.TestApi;
import io.casepost.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed sign-ins by the form and by HTTP Basic alike: two free, then waits of 1 s and 2
 * s, then a lock of 10 minutes, per account; per client address, three free, then a lock
 * after five. The client addresses are those a proxy on this machine names in
 * X-Forwarded-For.
 */
@CasepostTest
@TestPropertySource(properties = { "casepost.sign-in.account.free-attempts=2", "casepost.sign-in.account.lock-after=5",
		"casepost.sign-in.address.free-attempts=3", "casepost.sign-in.address.lock-after=5",
		"casepost.sign-in.first-delay=1s", "casepost.sign-in.lock-duration=10m" })
class SignInThrottlingTest {

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newHttpClient();

	/** Each attempt from an address of its own: only the account's count grows. */
	int nextAddress = 1;

	@Test
	void anAccountWaitsLongerAfterEachFailureThenIsLockedUntilAnAdminUnlocksIt() throws Exception {
		var client = TestApi.asAdmin(port).openCase().clientEmail();
		var password = "pw-" + client;

		assertThat(basic(client, "wrong-1").statusCode()).isEqualTo(401);
		assertThat(formFrom(address(), client, "wrong-2")).endsWith("/login?error");
		assertThat(basic(client, "wrong-3").statusCode()).isEqualTo(401);

		var waitOne = basic(client, password);
		assertThat(waitOne.statusCode()).isEqualTo(429);
		assertThat(waitOne.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(waitOne.body()).contains("Too many failed sign-ins for this account: wait 1 s before trying again");
		Thread.sleep(1100);
		assertThat(formFrom(address(), client, "wrong-4")).endsWith("/login?error");
		var waitTwo = basic(client, password);
		assertThat(waitTwo.statusCode()).isEqualTo(429);
		assertThat(waitTwo.headers().firstValue("Retry-After")).hasValue("2");
		Thread.sleep(2100);
		assertThat(basic(client, "wrong-5").statusCode()).isEqualTo(401);

		var locked = basic(client, password);
		assertThat(locked.statusCode()).isEqualTo(429);
		assertThat(Integer.parseInt(locked.headers().firstValue("Retry-After").orElseThrow())).isBetween(590, 600);
		assertThat(locked.body()).contains("Too many failed sign-ins for this account: signing in is locked until",
				"(in 10 minutes). An administrator can unlock it sooner.");

		try (var browser = Browser.open(port)) {
			browser.go("/login")
				.type(By.id("username"), client)
				.type(By.id("password"), password)
				.clickAndLoad(By.id("signIn"));
			assertThat(browser.text(By.id("throttled")))
				.startsWith("Too many failed sign-ins for this account: signing in is locked until")
				.endsWith("An administrator can unlock it sooner.");
			assertThat(browser.findNow(By.id("loginError"))).isEmpty();

			browser.signIn(TestEnvironment.ADMIN_EMAIL, TestEnvironment.ADMIN_PASSWORD)
				.go("/people")
				.type(By.id("q"), client)
				.clickAndLoad(By.id("searchButton"))
				.clickAndLoad(By.linkText("Test CLIENT"));
			assertThat(browser.text(By.id("signInLock"))).endsWith("after 5 failed sign-ins.");
			browser.clickAndLoad(By.id("unlockSignIn"));
			assertThat(browser.text(By.id("flash"))).endsWith("may sign in again; their failed sign-ins are forgotten");
		}
		assertThat(basic(client, password).statusCode()).isEqualTo(200);
		try (var browser = Browser.open(port).signIn(client, password)) {
			assertThat(browser.currentPath()).isEqualTo("/cases");
		}
	}

	@Test
	void aClientAddressTryingManyAccountsIsLockedOutButOthersAreNot() throws Exception {
		var client = TestApi.asAdmin(port).openCase().clientEmail();
		var password = "pw-" + client;
		var attacker = "203.0.113.77";

		for (int i = 1; i <= 3; i++) {
			assertThat(basicFrom(attacker, "nobody-" + i + "@example.com", "guess").statusCode()).isEqualTo(401);
		}
		assertThat(basicFrom(attacker, "nobody-4@example.com", "guess").statusCode()).isEqualTo(401);
		assertThat(basicFrom(attacker, client, password).statusCode()).isEqualTo(429);
		Thread.sleep(1100);
		assertThat(formFrom(attacker, "nobody-5@example.com", "guess")).endsWith("/login?error");

		var locked = basicFrom(attacker, client, password);
		assertThat(locked.statusCode()).isEqualTo(429);
		assertThat(locked.body()).contains("Too many failed sign-ins from your network address: signing in is locked");
		var pages = SignedInPages.through(port, "X-Forwarded-For", attacker);
		assertThat(pages.signIn(client, password).headers().firstValue("Location"))
			.hasValueSatisfying(to -> assertThat(to).endsWith("/login?error"));
		assertThat(pages.get("/login?error").select("#throttled").text())
			.startsWith("Too many failed sign-ins from your network address: signing in is locked until");
		assertThat(basicFrom("198.51.100.20", client, password).statusCode()).isEqualTo(200);

		try (var browser = Browser.open(port).signIn(TestEnvironment.ADMIN_EMAIL, TestEnvironment.ADMIN_PASSWORD)) {
			browser.go("/people");
			assertThat(browser.text(By.id("locks"))).contains("address:" + attacker);
			browser.clickAndLoad(By.id("unlock-address:" + attacker));
			assertThat(browser.text(By.id("flash"))).isEqualTo("Signing in is unlocked for address:" + attacker);
		}
		assertThat(basicFrom(attacker, client, password).statusCode()).isEqualTo(200);
	}

	@Test
	void anOverlongPasswordOrAUserNameWithControlCharactersIsAWrongSignInNotAnError() throws Exception {
		var email = "odd-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

		assertThat(basicFrom("192.0.2.1", email, "x".repeat(200)).statusCode()).isEqualTo(401);
		assertThat(basicFrom("192.0.2.2", "nul\u0000" + email, "guess").statusCode()).isEqualTo(401);
		assertThat(basicFrom("192.0.2.3", "y".repeat(5000) + "@example.com", "guess").statusCode()).isEqualTo(401);
	}

	/** Posts the sign-in form; answers where it sent the browser next. */
	private String formFrom(String address, String email, String password) throws Exception {
		return SignedInPages.through(port, "X-Forwarded-For", address)
			.signIn(email, password)
			.headers()
			.firstValue("Location")
			.orElseThrow();
	}

	private String address() {
		return "198.51.100." + nextAddress++;
	}

	private HttpResponse<String> basic(String email, String password) throws Exception {
		return basicFrom(address(), email, password);
	}

	private HttpResponse<String> basicFrom(String address, String email, String password) throws Exception {
		var credentials = Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/cases"))
			.header("Authorization", "Basic " + credentials)
			.header("X-Forwarded-For", address)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
