package io.casepost.inbound.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.casepost.CasepostTest;
import io.casepost.Mailboxes;
import io.casepost.TestApi;
import io.casepost.web.Browser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replies an attacker or a broken mail setup sends, over SMTP and the real batch, with
 * the receiving server's authentication required: none of them is posted as someone it is
 * not from, and a reply over the rate limit waits rather than being lost.
 */
@CasepostTest
@TestPropertySource(properties = { "casepost.inbound.require-authentication=true",
		"casepost.inbound.authserv-id=mx.inbound.test", "casepost.inbound.rate-limit.per-sender=3",
		"casepost.inbound.rate-limit.per-case=100", "casepost.inbound.catch-all.per-sender=3",
		"casepost.inbound.catch-all.digest-check=1s", "casepost.inbound.workers=4" })
class HostileRepliesTest {

	private static final String PASSING = "Authentication-Results: mx.inbound.test; spf=pass smtp.mailfrom=client.example;"
			+ " dkim=pass header.d=client.example; dmarc=pass header.from=client.example";

	@LocalServerPort
	int port;

	@Value("${casepost.embedded-mail.smtp-port}")
	int smtpPort;

	@Value("${casepost.embedded-mail.imap-port}")
	int imapPort;

	@Autowired
	JdbcClient jdbc;

	TestApi admin;

	InboundReplies replies;

	UpdateThread thread;

	@BeforeEach
	void emailAnUpdateToTheClientAndTheInvestigator() {
		admin = TestApi.asAdmin(port);
		replies = new InboundReplies(admin, new Mailboxes(imapPort), new SmtpSubmission(smtpPort));
		thread = replies.startThread("Please confirm the time the bay was locked.");
	}

	@Test
	void theInvestigatorsAddressForgedOnTheClientsReplyAddressIsNotPostedAsTheInvestigator() {
		var forged = reply(thread.investigator().address(), thread.client(), PASSING,
				"Pay the invoice to the new account.");

		var outcome = deliver(forged, thread.client());

		assertThat(outcome.get("disposition")).isEqualTo("CATCH_ALL");
		assertThat(outcome.get("reason"))
			.isEqualTo("Sender " + thread.investigator().address() + " was not sent this update");
		assertThat(replies.updates(thread.caseId())).hasSize(1);
	}

	@Test
	void aReplyWithTwoFromHeadersIsNotPostedAsEitherAndGoesToTheCatchAllWithTheReason() {
		var twoFroms = reply(thread.client().address(), thread.client(), PASSING, "Pay the new account.")
			.replace("From: ", "From: " + thread.investigator().address() + "\r\nFrom: ");

		var outcome = deliver(twoFroms, thread.client());

		assertThat(outcome.get("disposition")).isEqualTo("CATCH_ALL");
		assertThat(outcome.get("reason")).isEqualTo("Several From addresses (" + thread.investigator().address() + ", "
				+ thread.client().address() + "): which one wrote it is unknown");
		assertThat(replies.updates(thread.caseId())).hasSize(1);
	}

	@Test
	void aReplyWhoseOneFromHeaderNamesTwoMailboxesIsNotPosted() {
		var twoMailboxes = reply(thread.client().address() + ", mallory@evil.example", thread.client(), PASSING,
				"Pay the new account.");

		var outcome = deliver(twoMailboxes, thread.client());

		assertThat(outcome.get("disposition")).isEqualTo("CATCH_ALL");
		assertThat((String) outcome.get("reason")).startsWith("Several From addresses (");
	}

	@Test
	void aReplySentOnTheClientsBehalfFromAnotherDomainIsNotPosted() {
		var onBehalf = reply(thread.client().address(), thread.client(), PASSING, "Locked at 6pm.").replace("From: ",
				"Sender: assistant@outsourced.example\r\nFrom: ");

		var outcome = deliver(onBehalf, thread.client());

		assertThat(outcome.get("disposition")).isEqualTo("CATCH_ALL");
		assertThat(outcome.get("reason")).isEqualTo("Sent by assistant@outsourced.example on behalf of "
				+ thread.client().address() + ", another domain than the author's");
	}

	@Test
	void aReplySentByAColleagueAtTheClientsOwnDomainIsPostedAsTheClient() {
		var delegate = reply(thread.client().address(), thread.client(), PASSING, "Locked at 6pm.").replace("From: ",
				"Sender: assistant@client.example\r\nFrom: ");

		assertThat(deliver(delegate, thread.client()).get("disposition")).isEqualTo("POSTED");
	}

	@Test
	void ourOwnMailThatLostItsLoopHeaderIsIgnoredAsALoopNotForwarded() {
		var fromUs = reply("Casepost <casepost@casepost.local>", thread.client(), PASSING, "An update email.");
		var fromTheInboundDomain = reply(thread.client().replyAddress(), thread.client(), PASSING, "Bounced back.");
		var withOurMessageId = reply(thread.client().address(), thread.client(), PASSING, "Redirected copy.")
			.replaceAll("Message-ID: <[^>]+>", "Message-ID: <" + UUID.randomUUID() + "@inbound.casepost.local>");

		assertThat(deliver(fromUs, thread.client())).containsEntry("disposition", "IGNORED")
			.containsEntry("reason", "sent from Casepost's own address (casepost@casepost.local): mail loop");
		assertThat(deliver(fromTheInboundDomain, thread.client())).containsEntry("disposition", "IGNORED")
			.containsEntry("reason",
					"sent from the inbound domain (" + thread.client().replyAddress() + "): mail loop");
		assertThat(deliver(withOurMessageId, thread.client())).containsEntry("disposition", "IGNORED")
			.containsEntry("reason", "Casepost's own Message-ID (" + messageIdOf(withOurMessageId) + "): mail loop");
		assertThat(replies.updates(thread.caseId())).hasSize(1);
	}

	@Test
	void aReplyWhoseDmarcFailedAtTheReceivingServerGoesToTheCatchAllWithTheVerdicts() {
		var spoofed = reply(thread.client().address(), thread.client(),
				"Authentication-Results: mx.inbound.test; spf=softfail smtp.mailfrom=client.example; dkim=none;"
						+ " dmarc=fail header.from=client.example",
				"Locked at 6pm.");

		var outcome = deliver(spoofed, thread.client());

		assertThat(outcome.get("disposition")).isEqualTo("CATCH_ALL");
		assertThat(outcome.get("reason")).isEqualTo("Sender authentication failed: spf=softfail dkim=none dmarc=fail");
	}

	@Test
	void aPassingVerdictTheSenderWroteBelowTheServersOwnDoesNotCount() {
		var spoofed = reply(thread.client().address(), thread.client(),
				"Authentication-Results: mx.inbound.test; spf=fail smtp.mailfrom=client.example; dmarc=fail\n"
						+ PASSING,
				"Locked at 6pm.");

		assertThat(deliver(spoofed, thread.client()).get("reason"))
			.isEqualTo("Sender authentication failed: spf=fail dmarc=fail");
	}

	@Test
	void withAuthenticationRequiredAReplyTheServerDidNotCheckIsNotPosted() {
		var unchecked = reply(thread.client().address(), thread.client(),
				"Authentication-Results: some-other-host.example; dmarc=pass", "Locked at 6pm.");

		var outcome = deliver(unchecked, thread.client());

		assertThat(outcome.get("disposition")).isEqualTo("CATCH_ALL");
		assertThat(outcome.get("reason"))
			.isEqualTo("Sender not authenticated: no Authentication-Results from the receiving server");
	}

	@Test
	void anAuthenticatedReplyFromTheRecipientIsPosted() {
		var outcome = deliver(reply(thread.client().address(), thread.client(), PASSING, "Locked at 6pm."),
				thread.client());

		assertThat(outcome.get("disposition")).isEqualTo("POSTED");
	}

	@Test
	void aReplyAfterTheReplyWindowGoesToTheCatchAllWithTheDateTheUpdateWasEmailed() {
		jdbc.sql(
				"""
						update recipient_log set sent_at = sent_at - interval '91' day, created_at = created_at - interval '91' day
						where update_id = ?""")
			.param(thread.updateId())
			.update();

		var outcome = deliver(reply(thread.client().address(), thread.client(), PASSING, "Late answer."),
				thread.client());

		assertThat(outcome.get("disposition")).isEqualTo("CATCH_ALL");
		assertThat((String) outcome.get("reason")).startsWith("Reply window closed: the update was emailed on ")
			.endsWith(", more than 90 days ago");
	}

	@Test
	void aGuessedReplyAddressMatchesNothing() {
		var token = thread.client().replyAddress().replaceAll("^updates\\+|@.*$", "");
		var guessed = token.substring(0, token.length() - 1) + (token.endsWith("a") ? "b" : "a");
		var received = new UpdateThread.Received(thread.client().address(), "Chris",
				"updates+" + guessed + "@inbound.casepost.local", "<unknown@example>", "Re: update");

		var outcome = deliver(reply(thread.client().address(), received, PASSING, "Guess."), received);

		assertThat(outcome.get("disposition")).isEqualTo("CATCH_ALL");
		assertThat(outcome.get("reason")).isEqualTo("No matching case update");
	}

	@Test
	void aMailLoopPastTheLimitIsHeldNotLostAndPostedOnceTheWindowHasRoom() {
		var sent = new java.util.ArrayList<String>();
		for (int i = 1; i <= 5; i++) {
			var message = reply(thread.client().address(), thread.client(), PASSING, "Loop number " + i);
			sent.add(messageIdOf(message));
			replies.send(message.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), thread.client());
		}
		replies.runBatch();

		// workers decide the five at once, one case at a time: any three are posted
		assertThat(sent.stream().map(this::disposition)).containsExactlyInAnyOrder("POSTED", "POSTED", "POSTED",
				"PENDING", "PENDING");
		var held = sent.stream().filter(messageId -> "PENDING".equals(disposition(messageId))).findFirst().get();
		assertThat((String) replies.outcomes(thread.caseId()).logged(held).get(0).get("reason"))
			.isEqualTo("Held: 3 updates by email from " + thread.client().address() + " within 1h");

		// an hour later
		jdbc.sql("update inbound_message set processed_at = processed_at - interval '2' hour where case_id = ?")
			.param(thread.caseId())
			.update();
		jdbc.sql("update inbound_message set hold_until = hold_until - interval '2' hour where hold_until is not null")
			.update();
		replies.runBatch();

		assertThat(sent.stream().map(this::disposition)).containsOnly("POSTED");
		assertThat(replies.updates(thread.caseId())).hasSize(6);
	}

	@Test
	void repliesOfOneSenderToFiveCasesDecidedAtOnceStayWithinTheSendersLimit() {
		var emailsToTheClient = new java.util.ArrayList<UpdateThread.Received>(List.of(thread.client()));
		for (int i = 2; i <= 5; i++) {
			emailUpdateToTheClientOnANewCase("Case " + i + ": please confirm the loss figure.");
			var received = new Mailboxes(imapPort).await(thread.client().address(), i).get(i - 1);
			emailsToTheClient.add(UpdateThread.Received.of(received, thread.client().address(), "Chris Client"));
		}
		var sent = new java.util.ArrayList<String>();
		for (var received : emailsToTheClient) {
			var message = reply(thread.client().address(), received, PASSING, "Confirmed.");
			sent.add(messageIdOf(message));
			replies.send(message.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), received);
		}
		replies.runBatch();

		// four workers take the five at once, each on its own case
		assertThat(sent.stream().map(this::disposition)).containsExactlyInAnyOrder("POSTED", "POSTED", "POSTED",
				"PENDING", "PENDING");
	}

	private void emailUpdateToTheClientOnANewCase(String text) {
		var manager = thread.managerEmail();
		var caseFile = admin.post("/api/cases", Map.of("title", "Second claim", "caseManagerEmail", manager))
			.ok(201)
			.json();
		var caseId = ((Number) caseFile.get("id")).longValue();
		admin.post("/api/cases/" + caseId + "/participants", Map.of("email", thread.client().address())).ok(200);
		admin.as(manager, "pw-" + manager)
			.post("/api/cases/" + caseId + "/updates",
					Map.of("body", text, "recipientEmails", List.of(thread.client().address())))
			.ok(201);
	}

	@Test
	void anHtmlReplyWithScriptsAndTricksIsPostedAsTextAndNothingOfItRunsOnTheCasePage() {
		var html = """
				%s
				From: %s
				To: %s
				Subject: Re: update
				Message-ID: <%s@client.example>
				Content-Type: text/html; charset=utf-8

				<html><head><style>body{background:url(https://tracker.example/bg.png)} .x{display:none}</style>
				<script>window.pwned = 'script'</script></head><body>
				<p>Locked at <b>6pm</b>.</p><img src="x" onerror="window.pwned = 'onerror'">
				<a href="javascript:window.pwned = 'link'">details</a><img src="https://tracker.example/open.gif">
				<div style="position:fixed;top:0;left:0;width:100%%;height:100%%" onclick="window.pwned = 'overlay'">Sign in again</div>
				<svg onload="window.pwned = 'svg'"></svg><iframe src="javascript:parent.pwned = 'iframe'"></iframe>
				</body></html>
				"""
			.formatted(PASSING, thread.client().address(), thread.client().replyAddress(), UUID.randomUUID())
			.replace("\n", "\r\n");

		var outcome = deliver(html, thread.client());

		assertThat(outcome.get("disposition")).isEqualTo("POSTED");
		var body = (String) replies.outcomes(thread.caseId())
			.update(InboundReplies.id(outcome, "updateId"))
			.get("body");
		assertThat(body).contains("Locked at 6pm.", "details", "Sign in again").doesNotContain("<", "pwned", "tracker");
		try (var browser = Browser.open(port).signIn(thread.managerEmail(), "pw-" + thread.managerEmail())) {
			browser.go("/cases/" + thread.caseId());
			browser.click(By.cssSelector("#update-" + outcome.get("updateId") + " .body"));

			assertThat(browser.text(By.cssSelector("#update-" + outcome.get("updateId") + " > .body"))).isEqualTo(body);
			assertThat(browser.findNow(By.cssSelector(".update .body *"))).isEmpty();
			assertThat(browser
				.findNow(By.cssSelector("#updates img, #updates iframe, #updates svg, #updates a[href^='javascript']")))
				.isEmpty();
			assertThat(browser.script("return typeof window.pwned")).isEqualTo("undefined");
		}
	}

	@Test
	void aStrangerFloodingAReplyAddressCostsTheCatchAllThreeForwardsAndOneDigestAndEveryMessageStaysInTheQueue()
			throws Exception {
		var stranger = "flood-" + UUID.randomUUID().toString().substring(0, 8) + "@elsewhere.example";
		var sent = new java.util.ArrayList<String>();
		for (int i = 1; i <= 8; i++) {
			var message = reply(stranger, thread.client(), PASSING, "Offer number " + i);
			sent.add(messageIdOf(message));
			replies.send(message.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), thread.client());
		}
		replies.runBatch();
		await().atMost(Duration.ofSeconds(30)).until(() -> forwardsRecordedFrom(stranger) >= 8);

		assertThat(sent.stream().map(this::disposition)).containsOnly("CATCH_ALL");
		assertThat(catchAllMailAbout(stranger)).hasSize(3)
			.allSatisfy(subject -> assertThat(subject).startsWith("[Casepost] Not posted: Re: "));

		// the window has passed for the first held message
		jdbc.sql("update catch_all_forward set recorded_at = recorded_at - interval '2' hour where sender = ?")
			.param(stranger)
			.update();
		await().atMost(Duration.ofSeconds(30)).until(() -> catchAllMailAbout(stranger).size() >= 4);

		assertThat(catchAllMailAbout(stranger)).hasSize(4)
			.contains("[Casepost] Not posted: 5 more messages from " + stranger);
		assertThat(sent.stream().map(this::disposition)).containsOnly("CATCH_ALL");
	}

	private int forwardsRecordedFrom(String sender) {
		return jdbc.sql("select count(*) from catch_all_forward where sender = ?")
			.param(sender)
			.query(Integer.class)
			.single();
	}

	/** Subjects of the catch-all's mail whose text names the sender. */
	private List<String> catchAllMailAbout(String sender) throws Exception {
		var subjects = new java.util.ArrayList<String>();
		for (var email : new Mailboxes(imapPort).read(InboundReplies.CATCH_ALL)) {
			if (text(email).contains(sender)) {
				subjects.add(email.getSubject());
			}
		}
		return subjects;
	}

	/** The text we wrote, without the original attached. */
	private static String text(jakarta.mail.Part part) throws Exception {
		if (part.isMimeType("text/plain")) {
			return (String) part.getContent();
		}
		if (!part.isMimeType("multipart/*")) {
			return "";
		}
		var parts = (jakarta.mail.Multipart) part.getContent();
		var text = new StringBuilder();
		for (int i = 0; i < parts.getCount(); i++) {
			text.append(text(parts.getBodyPart(i)));
		}
		return text.toString();
	}

	private Map<String, Object> deliver(String message, UpdateThread.Received to) {
		replies.send(message.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), to);
		replies.runBatch();
		var logged = replies.outcomes(thread.caseId()).logged(messageIdOf(message));
		assertThat(logged).hasSize(1);
		return logged.get(0);
	}

	private String disposition(String messageId) {
		return (String) replies.outcomes(thread.caseId()).logged(messageId).get(0).get("disposition");
	}

	private static String reply(String from, UpdateThread.Received to, String authenticationResults, String text) {
		return """
				%s
				From: %s
				To: %s
				Subject: %s
				Message-ID: <%s@client.example>
				In-Reply-To: %s
				Content-Type: text/plain; charset=us-ascii

				%s
				"""
			.formatted(authenticationResults, from, to.replyAddress(), "Re: " + to.subject(), UUID.randomUUID(),
					to.messageId(), text)
			.replace("\n", "\r\n");
	}

	private static String messageIdOf(String message) {
		return message.replaceAll("(?s).*Message-ID: (<[^>]+>).*", "$1");
	}

}
