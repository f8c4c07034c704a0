package io.casepost.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import io.casepost.Mailboxes;
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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product logging in to IMAP and SMTP with SASL XOAUTH2: GreenMail checks the token
 * as the mailbox's password, so the test's token endpoint makes each token it issues that
 * password, and takes it away again when the token expires, as a real server stops
 * accepting an expired token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestEnvironment.class)
@Tag("database")
class XOAuth2MailTest {

	static final long TOKEN_LIFETIME_SECONDS = 5;

	static final ScheduledExecutorService expiries = Executors.newSingleThreadScheduledExecutor();

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

	@Value("${casepost.embedded-mail.imap-port}")
	int imapPort;

	@BeforeEach
	void watchTheInboundMailbox() {
		mailbox = greenMail.getUserManager().getUserByEmail(mail.inboundMailbox());
	}

	@AfterAll
	static void stop() {
		endpoint.close();
		expiries.shutdownNow();
	}

	@Test
	void theBatchReadsTheMailboxWithAnAccessTokenAndAFreshOneOnceItHasExpired() throws Exception {
		deliverAutoReply();
		var first = batches.run();
		var tokensAfterFirst = endpoint.requests().size();

		Thread.sleep(TOKEN_LIFETIME_SECONDS * 1000 + 500);
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
			return new LocalTokenEndpoint("s3cret", TOKEN_LIFETIME_SECONDS, XOAuth2MailTest::acceptUntilExpiry);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void acceptUntilExpiry(String token) {
		mailbox.setPassword(token);
		expiries.schedule(() -> {
			if (token.equals(mailbox.getPassword())) {
				mailbox.setPassword("expired-" + token);
			}
		}, TOKEN_LIFETIME_SECONDS, TimeUnit.SECONDS);
	}

}
