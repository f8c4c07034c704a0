package io.casepost.web;

import java.time.Duration;
import java.util.List;

import io.casepost.CasepostTest;
import io.casepost.EmailedReplies;
import io.casepost.Mailboxes;
import io.casepost.TestApi.TestCase;
import io.casepost.cases.People;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The case team on the case page, in Chromium, as the case's manager: people put on and
 * taken off, the case closed, each change a line of the history.
 */
@CasepostTest
class CaseTeamPageTest {

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	@Autowired
	People people;

	EmailedReplies replies;

	TestCase caseFile;

	Browser browser;

	@BeforeEach
	void signInAsTheCasesManager() {
		replies = EmailedReplies.of(environment);
		caseFile = replies.admin().openCase();
		browser = Browser.open(port).signIn(caseFile.managerEmail(), "pw-" + caseFile.managerEmail());
	}

	@AfterEach
	void closeBrowserAndRepliesOff() {
		browser.close();
		replies.repliesOff();
	}

	@Test
	void aCaseManagerPutsAClientOnTheCaseEmailsThemAnUpdateTakesThemOffAndNoLongerSeesThemOffered() {
		var client = people.add("Chris Newclient", "chris-" + caseFile.clientEmail(), io.casepost.cases.Role.CLIENT);
		browser.go("/cases/" + caseFile.id())
			.type(By.id("participantEmail"), client.email())
			.clickAndLoad(By.id("addParticipantButton"));

		assertThat(browser.text(By.id("flash"))).isEqualTo("Chris Newclient is on the case");
		assertThat(browser.text(By.id("people"))).contains("Chris Newclient");
		browser.type(By.id("body"), "Please send the delivery notes.")
			.click(By.id("recipient-" + client.id()))
			.clickAndLoad(By.id("postUpdateButton"));
		assertThat(browser.text(By.id("flash"))).isEqualTo("Update posted");
		var emailed = replies.mailboxes().await(client.email(), 1).get(0);
		assertThat(subject(emailed)).contains(caseFile.number());

		browser.clickAndLoad(By.id("remove-" + client.id()));

		assertThat(browser.text(By.id("flash"))).isEqualTo("Chris Newclient was taken off the case");
		assertThat(browser.text(By.id("people"))).doesNotContain("Chris Newclient");
		assertThat(browser.findNow(By.id("recipient-" + client.id()))).isEmpty();
		assertThat(historyLines()).containsSubsequence("Test CASE_MANAGER put Chris Newclient (client) on the case",
				"Test CASE_MANAGER took Chris Newclient (client) off the case");
	}

	@Test
	void aDeactivatedPersonOnTheCaseIsNotOfferedAsARecipient() {
		var client = people.findByEmail(caseFile.clientEmail()).orElseThrow();
		browser.go("/cases/" + caseFile.id());
		assertThat(browser.findNow(By.id("recipient-" + client.id()))).hasSize(1);

		people.setActive(client.id(), false);
		browser.refresh();

		assertThat(browser.findNow(By.id("recipient-" + client.id()))).isEmpty();
		assertThat(browser.text(By.id("member-" + client.id()))).contains("deactivated");
	}

	@Test
	void aClosedCaseRefusesAReplyWhichGoesToTheCatchAllWithThatReason() {
		var update = replies.updateToClient(caseFile, "Which day suits you?");
		browser.go("/cases/" + caseFile.id()).clickAndLoad(By.id("changeStatusButton"));

		assertThat(browser.text(By.id("flash"))).isEqualTo("Case closed: it takes no updates, by email neither");
		assertThat(browser.text(By.id("caseStatus"))).isEqualTo("CLOSED");
		assertThat(browser.findNow(By.id("postUpdate"))).isEmpty();
		assertThat(historyLines()).last().isEqualTo("Test CASE_MANAGER closed the case");

		replies.reply(caseFile.clientEmail(), update, "Tuesday.", List.of());
		replies.runBatch();

		var reason = "Case " + caseFile.number() + " is closed: replies to it are not posted";
		var refused = replies.lastFrom(caseFile.clientEmail());
		assertThat(refused).containsEntry("disposition", "CATCH_ALL").containsEntry("reason", reason);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> replies.mailboxes()
				.read("catch-all@agency.example")
				.stream()
				.anyMatch(forward -> Mailboxes.plainText(forward).contains("Why: " + reason)));
		browser.go("/inbound/queue");
		assertThat(browser.text(By.id("queued-" + refused.get("id")))).contains("CATCH_ALL", reason);
		browser.go("/cases/" + caseFile.id());
		assertThat(browser.findNow(By.cssSelector(".update .body"))).extracting(WebElement::getText)
			.containsExactly("Which day suits you?");

		browser.clickAndLoad(By.id("changeStatusButton"));
		assertThat(browser.text(By.id("caseStatus"))).isEqualTo("OPEN");
		assertThat(historyLines()).last().isEqualTo("Test CASE_MANAGER reopened the case");
	}

	/** Each line of the history without its time. */
	private List<String> historyLines() {
		return browser.findNow(By.cssSelector("#history li span")).stream().map(WebElement::getText).toList();
	}

	private static String subject(jakarta.mail.internet.MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

}
