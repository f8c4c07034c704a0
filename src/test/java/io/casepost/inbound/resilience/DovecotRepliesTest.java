package io.casepost.inbound.resilience;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import io.casepost.Mailboxes;
import io.casepost.TestApi;
import io.casepost.TestEnvironment;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replies sent through Postfix into a real Dovecot mailbox, fetched by the product over STARTTLS
 * (trusting the server's self-signed certificate) and moved to the processed folder with MOVE: each
 * case ends as the inbound rules say.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = { TestEnvironment.class, DovecotEnvironment.class })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DovecotRepliesTest {

	@LocalServerPort
	int port;

	@Value("${casepost.embedded-mail.imap-port}")
	int embeddedImapPort;

	@Autowired
	JdbcClient jdbc;

	RealMailServers servers;

	List<ReplyTarget> targets;

	final String run = UUID.randomUUID().toString().substring(0, 8);

	@BeforeAll
	void sendEveryCaseThroughPostfixAndRunABatch() {
		servers = RealMailServers.required();
		servers.mailbox().clear("INBOX");
		targets = ReplyTarget.openCaseAndEmailAnUpdate(TestApi.asAdmin(port), new Mailboxes(embeddedImapPort));
		var cases = ReplyCase.all();
		for (var i = 0; i < cases.size(); i++) {
			send(cases.get(i), i);
		}
		awaitDelivered(cases.size());
		TestApi.asAdmin(port).post("/api/inbound/batches", Map.of()).ok(200);
	}

	Stream<ReplyCase> cases() {
		return ReplyCase.all().stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void eachReplyEndsAsTheRulesSay(ReplyCase replyCase) {
		var index = ReplyCase.all().indexOf(replyCase);
		var outcome = outcome(messageId(index));

		assertThat(outcome.disposition()).as(replyCase.name() + ": " + outcome.reason()).isEqualTo(replyCase.disposition());
		if (replyCase.posted() != null) {
			var body = jdbc.sql("select body from case_update where id = ?").param(outcome.updateId()).query(String.class).single();
			assertThat(body).contains(replyCase.posted()).doesNotContain("wrote:");
			if (replyCase.notPosted() != null) {
				assertThat(body).doesNotContain(replyCase.notPosted());
			}
			assertThat(jdbc.sql("select count(*) from attachment where update_id = ?").param(outcome.updateId())
				.query(Integer.class).single()).as("attachments").isEqualTo(replyCase.attachments());
		}
	}

	@Test
	void everyFetchedMessageLeftTheInboxForTheProcessedFolder() {
		var processed = servers.mailbox().messageIds("Processed");
		for (var i = 0; i < ReplyCase.all().size(); i++) {
			assertThat(processed).contains(messageId(i));
		}
		assertThat(servers.mailbox().count("INBOX")).isZero();
	}

	@Test
	void theSameReplyDeliveredTwiceIsPostedOnce() {
		var replyCase = ReplyCase.all().get(0);
		var id = "twice-" + run + "@client.test";
		var raw = replyCase.render(targets.get(1), servers.domain(), "[" + run + "-twice]", id);
		servers.send(parse(raw));
		servers.send(parse(raw));
		awaitDelivered(2);
		TestApi.asAdmin(port).post("/api/inbound/batches", Map.of()).ok(200);

		var rows = jdbc.sql("select disposition, reason from inbound_message where message_id = ? order by id")
			.param(id).query((rs, row) -> rs.getString(1) + ": " + rs.getString(2)).list();
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0)).startsWith("POSTED");
		assertThat(rows.get(1)).startsWith("IGNORED: Duplicate of inbound message");
		assertThat(jdbc.sql("select count(*) from case_update where body like ?").param("%" + run + "-twice%")
			.query(Integer.class).single()).isEqualTo(1);
	}

	private void send(ReplyCase replyCase, int index) {
		var target = targets.get(index % 2);
		servers.send(parse(replyCase.render(target, servers.domain(), marker(index), messageId(index))));
	}

	private void awaitDelivered(int count) {
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
			.until(() -> servers.mailbox().count("INBOX") >= count);
	}

	private record Outcome(String disposition, String reason, Long updateId) {
	}

	private Outcome outcome(String messageId) {
		return jdbc.sql("select disposition, reason, update_id from inbound_message where message_id = ?")
			.param(messageId)
			.query((rs, row) -> new Outcome(rs.getString(1), rs.getString(2), rs.getObject(3, Long.class)))
			.single();
	}

	private String marker(int index) {
		return "[" + run + "-" + index + "]";
	}

	private String messageId(int index) {
		return "case-" + index + "." + run + "@client.test";
	}

	/** Windows-1252 bodies carry their bytes as Latin-1 characters; every other template is ASCII. */
	private static MimeMessage parse(String raw) {
		try {
			return new MimeMessage(Session.getInstance(new Properties()),
					new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
		}
		catch (jakarta.mail.MessagingException e) {
			throw new IllegalStateException(e);
		}
	}
}
