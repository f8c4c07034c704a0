package io.casepost.inbound.e2e;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.casepost.Mailboxes;
import io.casepost.TestApi;
import io.casepost.TestEnvironment;
import io.casepost.inbound.resilience.DovecotEnvironment;
import io.casepost.inbound.resilience.RealMailServers;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end-to-end reply templates again, through real servers: each is submitted to
 * Postfix, which delivers {@code updates+token@<domain>} into the Dovecot mailbox; one
 * batch reads them over STARTTLS (trusting the server's self-signed certificate) and
 * moves them with MOVE. Each must end exactly as on GreenMail. Then the same reply
 * delivered twice is posted once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = { TestEnvironment.class, DovecotEnvironment.class })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepliesThroughPostfixAndDovecotTest {

	@LocalServerPort
	int port;

	@Value("${casepost.embedded-mail.imap-port}")
	int imapPort;

	RealMailServers servers;

	InboundReplies replies;

	UpdateThread thread;

	final Map<String, String> messageIds = new HashMap<>();

	InboundReplies.Outcomes outcomes;

	@BeforeAll
	void sendEveryTemplateThroughPostfixAndRunOneBatch() {
		servers = RealMailServers.required();
		servers.mailbox().clear("INBOX");
		replies = new InboundReplies(TestApi.asAdmin(port), new Mailboxes(imapPort),
				new SmtpSubmission(servers.smtpPort()));
		thread = replies.startThread(InboundReplies.UPDATE_TEXT);
		for (var template : templates().toList()) {
			messageIds.put(template.name(), replies.send(template, thread.client()));
		}
		awaitInInbox(messageIds.size());
		var batch = replies.runBatch();
		assertThat(batch.get("fetched")).isEqualTo(messageIds.size());
		outcomes = replies.outcomes(thread.caseId());
	}

	/**
	 * IMAP cannot carry a NUL byte in a message (without the BINARY extension): Dovecot
	 * sends each as 0x80, so the product reads other bytes than this template's, by the
	 * protocol, not by Casepost.
	 */
	static final String NUL_BYTES = "rule-malformed-mime-control-characters";

	Stream<ReplyTemplate> templates() {
		return ReplyTemplate.all().stream().filter(template -> !template.name().equals(NUL_BYTES));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("templates")
	void endsAsExpected(ReplyTemplate template) {
		outcomes.assertOutcome(template, messageIds.get(template.name()));
	}

	@Test
	void everyFetchedMessageWasMovedToTheProcessedFolder() {
		assertThat(servers.mailbox().messageIds("Processed"))
			.containsAll(messageIds.values().stream().map(id -> id.replaceAll("^<|>$", "")).toList());
		assertThat(servers.mailbox().count("INBOX")).isZero();
	}

	@Test
	void theSameReplyDeliveredTwiceThroughPostfixIsPostedOnce() {
		var template = templates().filter(t -> "POSTED".equals(t.expected().disposition())).findFirst().orElseThrow();
		var messageId = ReplyTemplate.newMessageId(template.name());
		var bytes = template.fill(thread.client(), messageId);
		replies.send(bytes, thread.client());
		replies.send(bytes, thread.client());
		awaitInInbox(2);
		replies.runBatch();

		var logged = replies.outcomes(thread.caseId()).logged(messageId);
		// workers decide both deliveries at once: either may be the one posted
		assertThat(logged).extracting(message -> message.get("disposition"))
			.containsExactlyInAnyOrder("POSTED", "IGNORED");
		var posted = logged.stream().filter(message -> "POSTED".equals(message.get("disposition"))).findFirst().get();
		var ignored = logged.stream().filter(message -> "IGNORED".equals(message.get("disposition"))).findFirst().get();
		assertThat((String) ignored.get("reason")).isEqualTo("Duplicate of inbound message #" + posted.get("id"));
	}

	private void awaitInInbox(int count) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> servers.mailbox().count("INBOX") >= count);
	}

}
