package io.casepost.mail;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.casepost.SettableClock;
import io.casepost.TestPorts;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Emails sent one after another share a connection to the mail server, over real SMTP
 * (GreenMail): one login for many emails, and a connection the server dropped is replaced
 * without losing the email.
 */
class SmtpConnectionsTest {

	private final int port = TestPorts.reserve();

	private GreenMail server;

	private JavaMailSenderImpl sender;

	private SmtpConnections connections;

	private final AtomicInteger logins = new AtomicInteger();

	private final SettableClock clock = new SettableClock(Instant.parse("2026-12-04T09:00:00Z"));

	@BeforeEach
	void aMailServer() throws Exception {
		server = start(port);
		sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(port);
		connections = new SmtpConnections(sender, countingLogins(), clock);
	}

	@AfterEach
	void stop() {
		connections.destroy();
		server.stop();
	}

	@Test
	void emailsSentOneAfterAnotherGoOverOneConnection() throws Exception {
		for (int i = 1; i <= 5; i++) {
			connections.send(email("Update " + i));
		}

		assertThat(logins).hasValue(1);
		assertThat(server.getReceivedMessages()).extracting(MimeMessage::getSubject)
			.containsExactly("Update 1", "Update 2", "Update 3", "Update 4", "Update 5");
	}

	@Test
	void aConnectionIsClosedAfterItsShareOfEmailsAndANewOneOpened() throws Exception {
		for (int i = 0; i <= SmtpConnections.EMAILS_PER_CONNECTION; i++) {
			connections.send(email("Update " + i));
		}

		assertThat(logins).hasValue(2);
		assertThat(server.getReceivedMessages()).hasSize(SmtpConnections.EMAILS_PER_CONNECTION + 1);
	}

	@Test
	void aConnectionUnusedForItsIdleLimitIsClosedAndANewOneOpened() throws Exception {
		connections.send(email("Before the pause"));
		clock.advance(SmtpConnections.IDLE_LIMIT.minusSeconds(1));
		connections.send(email("Within the limit"));
		clock.advance(SmtpConnections.IDLE_LIMIT);

		connections.send(email("After the pause"));

		assertThat(logins).hasValue(2);
		assertThat(server.getReceivedMessages()).hasSize(3);
	}

	@Test
	void aConnectionGivenBackAfterShutdownIsClosedNotKept() throws Exception {
		connections.send(email("Before shutdown"));
		connections.destroy();

		connections.send(email("During shutdown"));
		connections.send(email("Still during shutdown"));

		assertThat(logins).as("a new connection for each email once nothing is kept").hasValue(3);
		assertThat(server.getReceivedMessages()).hasSize(3);
	}

	@Test
	void aConnectionTheServerDroppedIsReplacedAndTheEmailLeaves() throws Exception {
		connections.send(email("Before the restart"));
		server.stop();
		server = start(port);

		connections.send(email("After the restart"));

		assertThat(logins).hasValue(2);
		assertThat(server.getReceivedMessages()).extracting(MimeMessage::getSubject)
			.containsExactly("After the restart");
	}

	@Test
	void anEmailTheServerCannotBeReachedForFailsWithTheReason() {
		server.stop();

		assertThatThrownBy(() -> connections.send(email("Nowhere to go"))).isInstanceOf(MailSendException.class)
			.hasMessageContaining("Mail server connection failed");
	}

	@Test
	void theMessageIdTheWriterGaveIsKept() throws Exception {
		var email = email("With our id");
		email.setHeader("Message-ID", "<kept-123@inbound.casepost.local>");

		connections.send(email);

		assertThat(server.getReceivedMessages()[0].getMessageID()).isEqualTo("<kept-123@inbound.casepost.local>");
	}

	private MailLogin countingLogins() throws java.io.IOException {
		var passwords = new MailAuthSettings("password", null, null, null, null, null, null, null, null, null, null,
				null, null);
		return new MailLogin(passwords, java.time.Clock.systemUTC()) {
			@Override
			public void connect(String user, String password, Connection connection) throws MessagingException {
				logins.incrementAndGet();
				super.connect(user, password, connection);
			}
		};
	}

	private MimeMessage email(String subject) throws MessagingException {
		var email = sender.createMimeMessage();
		email.setFrom("casepost@casepost.local");
		email.setRecipients(jakarta.mail.Message.RecipientType.TO, "dana@agency.example");
		email.setSubject(subject);
		email.setText("An update was posted.");
		return email;
	}

	private static GreenMail start(int port) {
		var server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		server.start();
		return server;
	}

}
