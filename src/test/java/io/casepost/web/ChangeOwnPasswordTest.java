package io.casepost.web;

import io.casepost.CasepostTest;
import io.casepost.TestApi;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Anyone, whatever their role, changes their own password from the top bar. */
@CasepostTest
class ChangeOwnPasswordTest {

	@LocalServerPort
	int port;

	@Test
	void aClientChangesTheirPasswordAndOnlyTheNewOneSignsIn() {
		var client = TestApi.asAdmin(port).openCase().clientEmail();
		var old = "pw-" + client;
		try (var browser = Browser.open(port).signIn(client, old)) {
			browser.clickAndLoad(By.id("nav-password"));

			change(browser, "not my password", "sunlit orchard gate");
			assertThat(browser.text(By.id("problems"))).isEqualTo("currentPassword is not your current password");
			change(browser, old, "sunlit orchard gate", "sunlit orchard gates");
			assertThat(browser.text(By.id("problems")))
				.isEqualTo("repeatPassword differs from newPassword: type the same new password twice");
			change(browser, old, "qwertyuiop12");
			assertThat(browser.text(By.id("problems")))
				.isEqualTo("newPassword must not be one of the most common passwords");
			change(browser, old, "sunlit orchard gate");
			assertThat(browser.text(By.id("flash"))).isEqualTo("Your password is changed");
		}
		var api = TestApi.asAdmin(port);
		assertThat(api.as(client, old).get("/api/cases").status()).isEqualTo(401);
		assertThat(api.as(client, "sunlit orchard gate").get("/api/cases").status()).isEqualTo(200);
		try (var browser = Browser.open(port).signIn(client, "sunlit orchard gate")) {
			assertThat(browser.currentPath()).isEqualTo("/cases");
		}
	}

	private static void change(Browser browser, String current, String replacement) {
		change(browser, current, replacement, replacement);
	}

	private static void change(Browser browser, String current, String replacement, String repeated) {
		browser.type(By.id("currentPassword"), current)
			.type(By.id("newPassword"), replacement)
			.type(By.id("repeatPassword"), repeated)
			.clickAndLoad(By.id("changePasswordButton"));
	}

}
