package io.casepost.web;

import java.util.List;

import io.casepost.CasepostTest;
import io.casepost.EmailedReplies;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

@CasepostTest
class InboundQueuePageTest {

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	@AfterEach
	void repliesOff() {
		EmailedReplies.of(environment).repliesOff();
	}

	@Test
	void theManagerMakesAnUnknownReplyAddressTheClientsPostsItAndTheNextReplyFromItPostsDirectly() {
		var replies = EmailedReplies.of(environment);
		var caseFile = replies.admin().openCase();
		var homeAddress = "home-" + caseFile.clientEmail();
		replies.reply(homeAddress, replies.updateToClient(caseFile, "Can you confirm the date?"),
				"Yes, it was the 12th.",
				List.of("Authentication-Results: mx.agency.example; spf=pass; dkim=pass; dmarc=pass"));
		replies.runBatch();
		var waiting = ((Number) replies.lastFrom(homeAddress).get("id")).longValue();

		try (var browser = Browser.open(port).signIn(caseFile.managerEmail(), "pw-" + caseFile.managerEmail())) {
			browser.go("/inbound/queue");
			assertThat(browser.text(By.id("queued-" + waiting))).contains(homeAddress).contains("CATCH_ALL");
			browser.clickAndLoad(By.cssSelector("#queued-" + waiting + " a"));
			assertThat(browser.text(By.id("previewText"))).isEqualTo("Yes, it was the 12th.");

			var postAs = new Select(browser.find(By.id("personId")));
			assertThat(postAs.getOptions()).extracting(WebElement::getText)
				.containsExactlyInAnyOrder("Test CASE_MANAGER <" + caseFile.managerEmail() + ">",
						"Test INVESTIGATOR <" + caseFile.investigatorEmail() + ">",
						"Test CLIENT <" + caseFile.clientEmail() + ">");
			postAs.selectByVisibleText("Test CLIENT <" + caseFile.clientEmail() + ">");
			browser.clickAndLoad(By.id("aliasAndPost"));

			assertThat(browser.currentPath()).isEqualTo("/cases/" + caseFile.id());
			var posted = browser.find(By.cssSelector("#updates li.update"));
			assertThat(posted.findElement(By.className("author")).getText()).isEqualTo("Test CLIENT");
			assertThat(posted.findElement(By.className("body")).getText()).isEqualTo("Yes, it was the 12th.");
			assertThat(posted.findElement(By.className("badge")).getText()).isEqualTo("received by email");
			assertThat(posted.findElement(By.className("evidence")).getText()).contains("from " + homeAddress)
				.contains((String) replies.lastFrom(homeAddress).get("sha256"))
				.contains("spf=pass dkim=pass dmarc=pass (by mx.agency.example)");
			assertThat(posted.findElement(By.className("note")).getText())
				.contains("added " + homeAddress + " as an address of Test CLIENT");

			replies.reply(homeAddress, replies.updateToClient(caseFile, "And the time?"), "Around nine.", List.of());
			replies.runBatch();
			assertThat(replies.lastFrom(homeAddress).get("disposition")).isEqualTo("POSTED");

			browser.refresh();
			var newest = browser.find(By.cssSelector("#updates li.update"));
			assertThat(newest.findElement(By.className("author")).getText()).isEqualTo("Test CLIENT");
			assertThat(newest.findElement(By.className("body")).getText()).isEqualTo("Around nine.");
			assertThat(newest.findElement(By.className("badge")).getText()).isEqualTo("received by email");
			browser.go("/inbound/queue");
			assertThat(browser.findNow(By.id("queued-" + waiting))).isEmpty();
		}
	}

}
