package io.casepost.web;

import java.util.List;

import io.casepost.CasepostTest;
import io.casepost.EmailedReplies;
import io.casepost.TestEnvironment;
import io.casepost.cases.People;
import io.casepost.inbound.InboundTriage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person's other addresses on their page: who added each, from which message; removing
 * one.
 */
@CasepostTest
class AliasesPageTest {

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	@Autowired
	People people;

	@Autowired
	InboundTriage triage;

	@AfterEach
	void repliesOff() {
		EmailedReplies.of(environment).repliesOff();
	}

	@Test
	void aRemovedAliasNoLongerPostsItsNextReplyWaitsInTheInboundMessagesQueue() {
		var replies = EmailedReplies.of(environment);
		var caseFile = replies.admin().openCase();
		var homeAddress = "home-" + caseFile.clientEmail();
		replies.reply(homeAddress, replies.updateToClient(caseFile, "Which day?"), "Tuesday.", List.of());
		replies.runBatch();
		var waiting = ((Number) replies.lastFrom(homeAddress).get("id")).longValue();
		var manager = people.findByEmail(caseFile.managerEmail()).orElseThrow();
		var client = people.findByEmail(caseFile.clientEmail()).orElseThrow();
		triage.addAliasAndPost(waiting, caseFile.id(), client.id(), manager);

		try (var browser = Browser.open(port).signIn(TestEnvironment.ADMIN_EMAIL, TestEnvironment.ADMIN_PASSWORD)) {
			browser.go("/people/" + client.id());
			var alias = people.aliasesOf(client.id()).get(0);
			var row = browser.text(By.id("alias-" + alias.id()));
			assertThat(row).contains(homeAddress, "yes", "Test CASE_MANAGER", "#" + waiting);
			assertThat(browser.find(By.linkText("#" + waiting)).getAttribute("href"))
				.endsWith("/inbound/messages/" + waiting);

			browser.clickAndLoad(By.id("removeAlias-" + alias.id()));

			assertThat(browser.text(By.id("flash")))
				.isEqualTo(homeAddress + " removed: mail from it now waits in Inbound Messages");
			assertThat(browser.text(By.id("noAliases"))).isEqualTo("None.");

			replies.reply(homeAddress, replies.updateToClient(caseFile, "And the time?"), "Around nine.", List.of());
			replies.runBatch();
			var next = replies.lastFrom(homeAddress);
			assertThat(next.get("disposition")).isEqualTo("CATCH_ALL");
			browser.go("/inbound/queue");
			assertThat(browser.text(By.id("queued-" + next.get("id")))).contains(homeAddress, "CATCH_ALL");
		}
	}

}
