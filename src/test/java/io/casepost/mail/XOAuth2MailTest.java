package io.casepost.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import io.casepost.Mailboxes;
import io.casepost.SettableClock;
import io.casepost.TestApi;
import io.casepost.TestEnvironment;
import io.casepost.inbound.InboundBatches;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product logging in to IMAP and SMTP with SASL XOAUTH2: GreenMail checks the token
 * as the mailbox's password, so the test's token endpoint makes each token it issues that
 * password; the test's clock says when a token expires.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestEnvironment.class)
@Tag("database")
class XOAuth2MailTest {

	static final long TOKEN_LIFETIME_SECONDS = 5;

	static volatile GreenMailUser mailbox;

	static final LocalTokenEndpoint endpoint = start();

	@DynamicPropertySource
	static void oauth2(DynamicPropertyRegistry properties) {
		properties.add("casepost.mail.auth.mode", () -> "oauth2");
		properties.add("casepost.mail.auth.provider", () -> "custom");
		properties.add("casepost.mail.auth.token-endpoint", () -> endpoint.uri().toString());
		properties.add("casepost.mail.auth.client-id", () -> "casepost");
		properties.add("casepost.mail.auth.client-secret", () -> "s3cret");
		properties.add("casepost.mail.auth.scope", () -> "mail");
		properties.add("casepost.mail.auth.user", () -> "updates@inbound.casepost.local");
	}

	@LocalServerPort
	int port;

	@Autowired
	GreenMail greenMail;

	@Autowired
	InboundBatches batches;

	@Autowired
	MailSettings mail;

	@Autowired
	SettableClock clock;

	@Value("${casepost.embedded-mail.imap-port}")
	int imapPort;

	@BeforeEach
	void watchTheInboundMailbox() {
		mailbox = greenMail.getUserManager().getUserByEmail(mail.inboundMailbox());
	}

	@AfterAll
	static void stop() {
		endpoint.close();
	}

	@Test
	void theBatchReadsTheMailboxWithAnAccessTokenAndAFreshOneOnceItHasExpired() throws Exception {
		deliverAutoReply();
		var first = batches.run();
		var tokensAfterFirst = endpoint.requests().size();

		clock.advance(Duration.ofSeconds(TOKEN_LIFETIME_SECONDS));
		// and the mail server no longer takes it either
		mailbox.setPassword("expired-" + mailbox.getPassword());
		deliverAutoReply();
		var second = batches.run();

		assertThat(first.fetchError()).isNull();
		assertThat(first.fetched()).isEqualTo(1);
		assertThat(second.fetchError()).isNull();
		assertThat(second.fetched()).isEqualTo(1);
		assertThat(endpoint.requests()).hasSize(tokensAfterFirst + 1);
		assertThat(endpoint.requests())
			.allSatisfy(request -> assertThat(request).containsEntry("grant_type", "client_credentials")
				.containsEntry("client_id", "casepost")
				.containsEntry("scope", "mail"));
	}

	@Test
	void updateEmailsAreSentOverSmtpWithAnAccessTokenReplacedWhenTheServerTurnsItDown() {
		var admin = TestApi.asAdmin(port);
		var caseFile = admin.openCase();
		batches.run();
		var tokensBefore = endpoint.requests().size();
		mailbox.setPassword("no-longer-accepted-" + UUID.randomUUID());

		admin.as(caseFile.managerEmail(), "pw-" + caseFile.managerEmail())
			.post(caseFile.updatesPath(),
					Map.of("body", "Surveillance report is in", "recipientEmails", List.of(caseFile.clientEmail())))
			.ok(201);

		var received = new Mailboxes(imapPort).await(caseFile.clientEmail(), 1);
		assertThat(received).isNotEmpty();
		assertThat(endpoint.requests().size()).as("a new token after the server turned the old one down")
			.isGreaterThan(tokensBefore);
	}

	@Test
	void aRevokedClientMakesTheBatchReportTheEndpointsErrorAndTheMailWaitsForTheNextBatch() throws Exception {
		deliverAutoReply();
		endpoint.revoke();
		mailbox.setPassword("no-longer-accepted-" + UUID.randomUUID());
		try {
			var report = TestApi.asAdmin(port).post("/api/inbound/batches", Map.of()).ok(200).json();

			assertThat(report).containsEntry("fetched", 0)
				.containsEntry("fetchError",
						"could not get an access token from " + endpoint.uri() + ": 401 invalid_client");
		}
		finally {
			endpoint.restore();
		}
		assertThat(batches.run().fetched()).as("the message is fetched once the client works again").isEqualTo(1);
	}

	/**
	 * Automated mail: the batch records and ignores it, so no mail goes out to muddle the
	 * token counts.
	 */
	private void deliverAutoReply() throws Exception {
		var message = new MimeMessage(Session.getInstance(new Properties()));
		message.setFrom(new InternetAddress("someone@elsewhere.example"));
		message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(mail.replyAddress("unknown")));
		message.setSubject("Out of office");
		message.setHeader("Auto-Submitted", "auto-replied");
		message.setText("I am away until Monday.");
		message.saveChanges();
		mailbox.deliver(message);
	}

	private static LocalTokenEndpoint start() {
		try {
			return new LocalTokenEndpoint("s3cret", TOKEN_LIFETIME_SECONDS, token -> mailbox.setPassword(token));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The time MailLogin reads: moved on by the test instead of waiting. */
	@TestConfiguration
	static class Time {

		@Bean
		SettableClock clock() {
			return new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
		}

	}

}
