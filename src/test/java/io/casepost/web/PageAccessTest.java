package io.casepost.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import io.casepost.CasepostTest;
import io.casepost.TestApi;
import io.casepost.TestApi.TestCase;
import io.casepost.cases.CaseUpdateService;
import io.casepost.cases.NewAttachment;
import io.casepost.cases.NewUpdate;
import io.casepost.cases.UpdateSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;

@CasepostTest
class PageAccessTest {

	@LocalServerPort
	int port;

	@Autowired
	CaseUpdateService updates;

	TestCase theirCase;

	TestCase otherCase;

	Browser browser;

	@BeforeEach
	void openTwoCases() {
		var admin = TestApi.asAdmin(port);
		theirCase = admin.openCase();
		otherCase = admin.openCase();
		browser = Browser.open(port);
	}

	@AfterEach
	void closeBrowser() {
		browser.close();
	}

	@Test
	void aClientSeesOnlyTheCasesTheyAreOn() {
		signInAs(theirCase.clientEmail());

		assertThat(browser.text(By.id("cases"))).contains(theirCase.number()).doesNotContain(otherCase.number());
	}

	@Test
	void anotherCasesPageAndFilesAreNotFoundForAClientAsIfTheyDidNotExist() {
		var otherFile = updates
			.post(NewUpdate.of(otherCase.id(), otherCase.managerEmail(), "Private", Set.of(),
					List.of(new NewAttachment("notes.txt",
							new ByteArrayResource("secret".getBytes(StandardCharsets.UTF_8)))),
					UpdateSource.WEB))
			.attachments()
			.get(0);
		signInAs(theirCase.clientEmail());

		browser.go("/cases/" + otherCase.id());

		assertThat(browser.text(By.id("status"))).isEqualTo("404");
		assertThat(browser.text(By.id("errorMessage"))).isEqualTo("No case with id " + otherCase.id());
		assertThat(browser.fetch("/cases/" + otherCase.id()).status()).isEqualTo(404);
		assertThat(browser.fetch("/attachments/" + otherFile.id()).status()).isEqualTo(404);
	}

	@Test
	void onlyAnAdminHasTheSettingsTab() {
		signInAs(theirCase.managerEmail());

		assertThat(browser.findNow(By.linkText("Settings"))).isEmpty();
		assertThat(browser.fetch("/settings/general-case").status()).isEqualTo(403);
	}

	@Test
	void everyPageAndApiAsksForSignInExceptHealth() throws Exception {
		var anonymous = HttpClient.newHttpClient();

		for (var page : List.of("/", "/cases", "/cases/" + theirCase.id(), "/settings/general-case", "/inbound",
				"/inbound/queue", "/inbound/messages/1", "/attachments/1", "/swagger-ui.html")) {
			var answer = anonymous.send(get(page), HttpResponse.BodyHandlers.discarding());
			assertThat(answer.statusCode()).as(page).isEqualTo(302);
			assertThat(answer.headers().firstValue("Location")).as(page)
				.hasValueSatisfying(to -> assertThat(to).endsWith("/login"));
		}
		for (var api : List.of("/api/cases", "/api/cases/" + theirCase.id() + "/updates", "/api/people",
				"/api/settings/general-case", "/api/inbound/messages", "/actuator/metrics", "/v3/api-docs")) {
			assertThat(anonymous.send(get(api), HttpResponse.BodyHandlers.discarding()).statusCode()).as(api)
				.isEqualTo(401);
		}
		assertThat(anonymous.send(get("/actuator/health"), HttpResponse.BodyHandlers.discarding()).statusCode())
			.isEqualTo(200);
	}

	@Test
	void aFormPostWithoutTheCsrfTokenIsRefusedAndPostsNothing() {
		signInAs(theirCase.managerEmail());

		var status = browser.script("""
				const request = new XMLHttpRequest();
				request.open('POST', arguments[0], false);
				request.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded');
				request.send('body=forged');
				return request.status;""", "/cases/" + theirCase.id() + "/updates");

		assertThat(((Number) status).intValue()).isEqualTo(403);
		assertThat(TestApi.asAdmin(port).get(theirCase.updatesPath()).ok(200).jsonList()).isEmpty();
	}

	@Test
	void anInvestigatorSeesOnlyTheCasesAssignedToThem() {
		signInAs(theirCase.investigatorEmail());

		assertThat(browser.text(By.id("cases"))).contains(theirCase.number()).doesNotContain(otherCase.number());
		assertThat(browser.fetch("/cases/" + otherCase.id()).status()).isEqualTo(404);
		assertThat(TestApi.asAdmin(port)
			.as(theirCase.investigatorEmail(), "pw-" + theirCase.investigatorEmail())
			.get("/api/cases/" + otherCase.id())
			.status()).isEqualTo(404);
	}

	@Test
	void onlyAnAdminSeesTheInboundLogAndChangesSettings() {
		signInAs(theirCase.managerEmail());
		var manager = TestApi.asAdmin(port).as(theirCase.managerEmail(), "pw-" + theirCase.managerEmail());

		assertThat(browser.findNow(By.linkText("Inbound Email"))).isEmpty();
		assertThat(browser.fetch("/inbound").status()).isEqualTo(403);
		assertThat(manager.get("/api/inbound/messages").status()).isEqualTo(403);
		assertThat(manager.put("/api/settings/general-case", java.util.Map.of("emailUpdateRepliesEnabled", false))
			.status()).isEqualTo(403);
		assertThat(TestApi.asAdmin(port).get("/api/inbound/messages").status()).isEqualTo(200);
	}

	@Test
	void aWrongPasswordIsTurnedAwayWithAMessage() {
		browser.go("/login")
			.type(By.id("username"), theirCase.clientEmail())
			.type(By.id("password"), "wrong")
			.clickAndLoad(By.id("signIn"));

		assertThat(browser.text(By.id("loginError"))).isEqualTo("The email or password is not right.");
		assertThat(browser.currentPath()).startsWith("/login");
	}

	@Test
	void signingOutEndsTheSession() {
		signInAs(theirCase.clientEmail());

		browser.clickAndLoad(By.id("signOut"));

		assertThat(browser.find(By.id("signedOut")).isDisplayed()).isTrue();
		browser.go("/cases");
		assertThat(browser.currentPath()).startsWith("/login");
	}

	@Test
	void anUnknownCaseIsNotFound() {
		signInAs(theirCase.managerEmail());

		browser.go("/cases/999999");

		assertThat(browser.text(By.id("status"))).isEqualTo("404");
		assertThat(browser.findNow(By.linkText("Cases"))).isNotEmpty();
	}

	private HttpRequest get(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build();
	}

	private void signInAs(String email) {
		browser.signIn(email, "pw-" + email);
	}

}
