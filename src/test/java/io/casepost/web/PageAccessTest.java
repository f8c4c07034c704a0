package io.casepost.web;

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
	void aClientIsRefusedAnotherCasesPageAndFiles() {
		var otherFile = updates.post(NewUpdate.of(otherCase.id(), otherCase.managerEmail(), "Private", Set.of(),
				List.of(new NewAttachment("notes.txt", new ByteArrayResource("secret".getBytes(StandardCharsets.UTF_8)))),
				UpdateSource.WEB)).attachments().get(0);
		signInAs(theirCase.clientEmail());

		browser.go("/cases/" + otherCase.id());

		assertThat(browser.text(By.id("status"))).isEqualTo("403");
		assertThat(browser.fetch("/cases/" + otherCase.id()).status()).isEqualTo(403);
		assertThat(browser.fetch("/attachments/" + otherFile.id()).status()).isEqualTo(403);
	}

	@Test
	void onlyAnAdminHasTheSettingsTab() {
		signInAs(theirCase.managerEmail());

		assertThat(browser.findNow(By.linkText("Settings"))).isEmpty();
		assertThat(browser.fetch("/settings/general-case").status()).isEqualTo(403);
	}

	@Test
	void aWrongPasswordIsTurnedAwayWithAMessage() {
		browser.go("/login").type(By.id("username"), theirCase.clientEmail()).type(By.id("password"), "wrong")
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

	private void signInAs(String email) {
		browser.signIn(email, "pw-" + email);
	}
}
