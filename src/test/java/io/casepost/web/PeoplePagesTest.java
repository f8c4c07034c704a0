package io.casepost.web;

import java.util.Map;
import java.util.UUID;

import io.casepost.CasepostTest;
import io.casepost.Mailboxes;
import io.casepost.SetPasswordEmail;
import io.casepost.TestApi;
import io.casepost.TestEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/** The People tab: an admin finds, adds, edits and deactivates people. */
@CasepostTest
class PeoplePagesTest {

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	Browser browser;

	@BeforeEach
	void signInAsAdmin() {
		browser = Browser.open(port).signIn(TestEnvironment.ADMIN_EMAIL, TestEnvironment.ADMIN_PASSWORD);
	}

	@AfterEach
	void closeBrowser() {
		browser.close();
	}

	@Test
	void anAdminAddsAPersonWhoSignsInThroughTheEmailedLink() {
		var email = "ines-" + UUID.randomUUID().toString().substring(0, 8) + "@agency.example";
		browser.clickAndLoad(By.id("nav-people")).type(By.id("name"), "Ines Investigator").type(By.id("email"), email);
		new Select(browser.find(By.id("roleName"))).selectByValue("INVESTIGATOR");
		browser.clickAndLoad(By.id("addPersonButton"));

		assertThat(browser.text(By.id("flash")))
			.isEqualTo("Ines Investigator added; a link to set a password is on its way to " + email);
		assertThat(browser.text(By.id("personStatus"))).isEqualTo("active");
		var sent = SetPasswordEmail.await(mailboxes(), email, 1);
		assertThat(sent.link()).startsWith(environment.getProperty("casepost.base-url") + "/set-password/");
		browser.clickAndLoad(By.id("signOut"));

		browser.go(sent.path());
		assertThat(browser.text(By.id("signInEmail"))).isEqualTo(email);
		browser.type(By.id("password"), "four quiet harbour lamps")
			.type(By.id("repeatPassword"), "four quiet harbour lamps")
			.clickAndLoad(By.id("setPasswordButton"));
		assertThat(browser.text(By.id("passwordSet"))).isEqualTo("Your password is set: sign in with it.");
		browser.signIn(email, "four quiet harbour lamps");
		assertThat(browser.currentPath()).isEqualTo("/cases");
		assertThat(browser.findNow(By.id("nav-people"))).isEmpty();

		browser.go(sent.path());
		assertThat(browser.text(By.id("linkProblem")))
			.startsWith("This link to set a password has expired or was used");
	}

	@Test
	void aWeakPasswordOnTheLinkPageIsRefusedWithTheReasonAndTheLinkStillWorks() {
		var email = "weak-" + UUID.randomUUID().toString().substring(0, 8) + "@client.example";
		TestApi.asAdmin(port).post("/api/people", Map.of("name", "Wanda", "email", email, "role", "CLIENT")).ok(201);
		var sent = SetPasswordEmail.await(mailboxes(), email, 1);
		browser.clickAndLoad(By.id("signOut")).go(sent.path());

		browser.type(By.id("password"), "Password1234")
			.type(By.id("repeatPassword"), "Password1234")
			.clickAndLoad(By.id("setPasswordButton"));

		assertThat(browser.text(By.id("problems"))).isEqualTo("password must not be one of the most common passwords");
		browser.type(By.id("password"), email)
			.type(By.id("repeatPassword"), email)
			.clickAndLoad(By.id("setPasswordButton"));
		assertThat(browser.text(By.id("problems"))).isEqualTo("password must not be the email address");
		browser.type(By.id("password"), "a long walk by the river")
			.type(By.id("repeatPassword"), "a long walk by the river")
			.clickAndLoad(By.id("setPasswordButton"));
		assertThat(browser.find(By.id("passwordSet")).isDisplayed()).isTrue();
	}

	@Test
	void theListFindsPeopleByPartOfTheirNameOrAddress() {
		var admin = TestApi.asAdmin(port);
		var tag = UUID.randomUUID().toString().substring(0, 8);
		admin
			.post("/api/people", Map.of("name", "Zora " + tag, "email", "zora-" + tag + "@example.com", "role",
					"CLIENT", "password", "pw-zora-" + tag + "@example.com"))
			.ok(201);
		admin
			.post("/api/people", Map.of("name", "Yusuf", "email", "yusuf-" + tag + "@example.com", "role", "CLIENT",
					"password", "pw-yusuf-" + tag + "@example.com"))
			.ok(201);

		browser.go("/people").type(By.id("q"), tag).clickAndLoad(By.id("searchButton"));
		assertThat(browser.text(By.id("people"))).contains("Zora " + tag, "yusuf-" + tag);

		browser.type(By.id("q"), "ZORA " + tag.toUpperCase()).clickAndLoad(By.id("searchButton"));
		assertThat(browser.text(By.id("people"))).contains("Zora " + tag).doesNotContain("yusuf-" + tag);
	}

	@Test
	void aDeactivatedPersonIsSignedOutAndCannotSignInUntilReactivated() {
		var aCase = TestApi.asAdmin(port).openCase();
		var client = aCase.clientEmail();
		var clientPassword = "pw-" + client;
		try (var clientsBrowser = Browser.open(port).signIn(client, clientPassword)) {
			openPersonPage(client);
			browser.clickAndLoad(By.id("deactivate"));

			assertThat(browser.text(By.id("personStatus"))).isEqualTo("deactivated");
			clientsBrowser.go("/cases");
			assertThat(clientsBrowser.currentPath()).startsWith("/login");
			assertThat(TestApi.asAdmin(port).as(client, clientPassword).get("/api/cases").status()).isEqualTo(401);
			var update = TestApi.asAdmin(port)
				.as(aCase.managerEmail(), "pw-" + aCase.managerEmail())
				.post(aCase.updatesPath(),
						Map.of("body", "For the client", "recipientEmails", java.util.List.of(client)));
			assertThat(update.status()).isEqualTo(400);
			assertThat(update.body()).contains("Recipient " + client + " is deactivated");
		}
		browser.clickAndLoad(By.id("reactivate"));
		assertThat(browser.text(By.id("personStatus"))).isEqualTo("active");
		assertThat(TestApi.asAdmin(port).as(client, clientPassword).get("/api/cases").status()).isEqualTo(200);
	}

	@Test
	void anAdminChangesARoleAndTheSignedInPersonsSessionEnds() {
		var aCase = TestApi.asAdmin(port).openCase();
		var manager = aCase.managerEmail();
		try (var managersBrowser = Browser.open(port).signIn(manager, "pw-" + manager)) {
			openPersonPage(manager);
			browser.type(By.id("name"), "Demoted Manager");
			new Select(browser.find(By.id("roleName"))).selectByValue("INVESTIGATOR");
			browser.clickAndLoad(By.id("savePerson"));

			assertThat(browser.text(By.id("flash"))).isEqualTo("Saved");
			assertThat(browser.text(By.id("personName"))).isEqualTo("Demoted Manager");
			managersBrowser.go("/cases");
			assertThat(managersBrowser.currentPath()).startsWith("/login");
		}
	}

	@Test
	void anAdminCannotDeactivateThemselvesNorTakeAwayTheirOwnRole() {
		openPersonPage(TestEnvironment.ADMIN_EMAIL);

		browser.clickAndLoad(By.id("deactivate"));
		assertThat(browser.text(By.id("problems"))).isEqualTo("You cannot deactivate yourself; another admin can");
		new Select(browser.find(By.id("roleName"))).selectByValue("CLIENT");
		browser.clickAndLoad(By.id("savePerson"));
		assertThat(browser.text(By.id("problems")))
			.isEqualTo("role: you cannot change your own role; another admin can");
		assertThat(TestApi.asAdmin(port).get("/api/settings/general-case").status()).isEqualTo(200);
	}

	@Test
	void onlyAnAdminHasThePeopleTab() {
		var aCase = TestApi.asAdmin(port).openCase();
		try (var managersBrowser = Browser.open(port).signIn(aCase.managerEmail(), "pw-" + aCase.managerEmail())) {
			assertThat(managersBrowser.findNow(By.id("nav-people"))).isEmpty();
			assertThat(managersBrowser.fetch("/people").status()).isEqualTo(403);
		}
	}

	private void openPersonPage(String email) {
		browser.go("/people").type(By.id("q"), email).clickAndLoad(By.id("searchButton"));
		browser.clickAndLoad(By.xpath("//table[@id='people']//tr[td[2]='" + email + "']//a"));
	}

	private Mailboxes mailboxes() {
		return new Mailboxes(environment.getRequiredProperty("casepost.embedded-mail.imap-port", Integer.class));
	}

}
