package io.casepost.inbound.source;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Properties;

import io.casepost.Mailboxes;
import io.casepost.PushSourcesTest;
import io.casepost.SentUpdate;
import io.casepost.TestApi;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@PushSourcesTest
class SmtpListenerTest {

	@LocalServerPort
	int port;

	@Value("${casepost.embedded-mail.imap-port}")
	int imapPort;

	@Autowired
	SmtpListener listener;

	TestApi api;

	SentUpdate update;

	@BeforeEach
	void setUp() throws Exception {
		api = TestApi.asAdmin(port);
		update = SentUpdate.toClient(api, new Mailboxes(imapPort));
	}

	@Test
	void aReplySentOverStartTlsIsStoredBeforeTheServerSays250AndPostedWithinSeconds() throws Exception {
		var reply = message(update.reply("Ten o'clock is fine."));

		try (var smtp = connect()) {
			smtp.sendMessage(reply, reply.getAllRecipients());
			assertThat(smtp.getLastReturnCode()).isEqualTo(250);
		}

		assertThat(api.get("/api/inbound/messages").ok(200).body()).contains(stripBrackets(reply.getMessageID()));
		await().atMost(Duration.ofSeconds(10)).until(() -> update.emailedUpdates(api).contains("Ten o'clock is fine."));
	}

	@Test
	void aRecipientOutsideTheInboundDomainIsRefusedAtRcptWith550() throws Exception {
		var stray = message(update.reply("Wrong address."));
		stray.setRecipient(Message.RecipientType.TO, new InternetAddress("someone@elsewhere.example"));

		try (var smtp = connect()) {
			assertThatThrownBy(() -> smtp.sendMessage(stray, stray.getAllRecipients()))
				.isInstanceOf(jakarta.mail.SendFailedException.class)
				.satisfies(failed -> assertThat(((jakarta.mail.SendFailedException) failed).getNextException())
					.isInstanceOfSatisfying(org.eclipse.angus.mail.smtp.SMTPAddressFailedException.class,
							refused -> assertThat(refused.getReturnCode()).isEqualTo(550)));
		}
	}

	@Test
	void aMessageOverTheSizeLimitIsRefusedWith552AndNotStored() throws Exception {
		var huge = message(update.reply("x".repeat(1100 * 1024)));
		var before = api.get("/api/inbound/messages").ok(200).jsonList().size();

		try (var smtp = connect()) {
			assertThatThrownBy(() -> smtp.sendMessage(huge, huge.getAllRecipients())).hasStackTraceContaining("552");
		}

		assertThat(api.get("/api/inbound/messages").ok(200).jsonList()).hasSize(before);
	}

	/**
	 * Angus Mail's SMTP client, made to require STARTTLS and to trust the test
	 * certificate.
	 */
	private SMTPTransport connect() throws MessagingException {
		var props = new Properties();
		props.put("mail.smtp.starttls.enable", "true");
		props.put("mail.smtp.starttls.required", "true");
		props.put("mail.smtp.ssl.trust", "127.0.0.1");
		props.put("mail.smtp.ssl.checkserveridentity", "false");
		var transport = (SMTPTransport) Session.getInstance(props).getTransport("smtp");
		transport.connect("127.0.0.1", listener.port(), null, null);
		assertThat(transport.isSSL()).as("the session runs over TLS after STARTTLS").isTrue();
		return transport;
	}

	private static MimeMessage message(byte[] raw) throws MessagingException {
		return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
	}

	private static String stripBrackets(String id) {
		return id.replaceAll("^<|>$", "");
	}

}
