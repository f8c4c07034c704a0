package io.casepost.web;

import java.nio.charset.StandardCharsets;

import io.casepost.CasepostTest;
import io.casepost.TestApi;
import io.casepost.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health is public and says only UP; its details, the metrics and the API's UI are for
 * admins; the API's description is for anyone signed in.
 */
@CasepostTest
class OperationsAccessTest {

	@LocalServerPort
	int port;

	@Test
	void healthTellsAnyoneButAnAdminOnlyThatItIsUp() {
		var client = client();

		assertThat(anonymous().get("/actuator/health").ok(200).body()).isEqualTo("{\"status\":\"UP\"}");
		assertThat(client.get("/actuator/health").ok(200).body()).isEqualTo("{\"status\":\"UP\"}");
		assertThat(TestApi.asAdmin(port).get("/actuator/health").ok(200).json()).containsKey("components");
	}

	@Test
	void metricsAreForAdminsOnly() {
		var aCase = TestApi.asAdmin(port).openCase();

		assertThat(anonymous().get("/actuator/metrics").status()).isEqualTo(401);
		assertThat(signedIn(aCase.clientEmail()).get("/actuator/metrics").status()).isEqualTo(403);
		assertThat(signedIn(aCase.managerEmail()).get("/actuator/metrics").status()).isEqualTo(403);
		assertThat(TestApi.asAdmin(port).get("/actuator/metrics").ok(200).json()).containsKey("names");
	}

	@Test
	void aSignedInClientsBrowserSeesNeitherHealthDetailsNorMetrics() {
		var aCase = TestApi.asAdmin(port).openCase();
		try (var browser = Browser.open(port).signIn(aCase.clientEmail(), "pw-" + aCase.clientEmail())) {
			var health = browser.fetch("/actuator/health");

			assertThat(new String(health.body(), StandardCharsets.UTF_8)).isEqualTo("{\"status\":\"UP\"}");
			assertThat(browser.fetch("/actuator/metrics").status()).isEqualTo(403);
		}
	}

	@Test
	void theApiDescriptionNamesTheContractsEndpointsForAnyoneSignedIn() {
		var description = client().get("/v3/api-docs").ok(200).json();

		assertThat(description.get("openapi").toString()).startsWith("3.");
		assertThat(description.get("paths").toString()).contains("/api/people", "/api/cases/{id}/participants",
				"/api/cases/{id}/updates", "/api/settings/general-case", "/api/inbound/batches");
		assertThat(anonymous().get("/v3/api-docs").status()).isEqualTo(401);
	}

	@Test
	void anAdminReadsTheApiInItsUiAndAClientIsRefusedIt() {
		try (var browser = Browser.open(port).signIn(TestEnvironment.ADMIN_EMAIL, TestEnvironment.ADMIN_PASSWORD)) {
			browser.go("/swagger-ui.html");

			assertThat(browser.text(By.cssSelector(".information-container .title"))).contains("Casepost API");
			assertThat(browser.find(By.xpath("//*[@data-path='/api/people']")).isDisplayed()).isTrue();
		}
		var aCase = TestApi.asAdmin(port).openCase();
		try (var browser = Browser.open(port).signIn(aCase.clientEmail(), "pw-" + aCase.clientEmail())) {
			assertThat(browser.fetch("/swagger-ui.html").status()).isEqualTo(403);
			assertThat(browser.fetch("/swagger-ui/index.html").status()).isEqualTo(403);
		}
	}

	private TestApi client() {
		var aCase = TestApi.asAdmin(port).openCase();
		return signedIn(aCase.clientEmail());
	}

	private TestApi signedIn(String email) {
		return TestApi.asAdmin(port).as(email, "pw-" + email);
	}

	private TestApi anonymous() {
		return TestApi.anonymous(port);
	}

}
