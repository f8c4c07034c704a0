package io.casepost.mail;

import java.io.IOException;
import java.time.Clock;
import java.util.UUID;

import io.casepost.CasepostTest;
import io.casepost.Mailboxes;
import io.casepost.TestPorts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sent log: an email leaves at most once for its kind, event and recipient, through
 * the embedded mail server.
 */
@CasepostTest
class OutgoingMailTest {

	@Autowired
	OutgoingMail mail;

	@Autowired
	SentLog sentLog;

	@Autowired
	MailSettings settings;

	@Value("${casepost.embedded-mail.imap-port}")
	int imapPort;

	Mailboxes mailboxes;

	String recipient;

	EmailKey key;

	@BeforeEach
	void aRecipientOfTheirOwn() {
		mailboxes = new Mailboxes(imapPort);
		recipient = "dana-" + UUID.randomUUID().toString().substring(0, 8) + "@agency.example";
		key = new EmailKey("notification", "update-" + UUID.randomUUID(), recipient);
	}

	@Test
	void anEmailAskedForTwiceForTheSameEventLeavesOnce() {
		assertThat(mail.send(key, subject("New update"))).isEqualTo(SendOutcome.SENT);
		assertThat(mail.send(key, subject("New update, again"))).isEqualTo(SendOutcome.ALREADY_SENT);

		assertThat(mailboxes.read(recipient)).singleElement()
			.satisfies(email -> assertThat(email.getSubject()).isEqualTo("New update"));
	}

	@Test
	void anotherEventOrAnotherRecipientIsAnotherEmail() {
		var colleague = "ivan-" + recipient;

		mail.send(key, subject("First update"));
		mail.send(new EmailKey(key.origin(), key.event() + "-next", recipient), subject("Second update"));
		mail.send(new EmailKey(key.origin(), key.event(), colleague), subject("First update"));

		assertThat(mailboxes.read(recipient)).hasSize(2);
		assertThat(mailboxes.read(colleague)).hasSize(1);
	}

	@Test
	void anEmailWhoseEarlierAttemptWasCutOffWhileSendingIsNotSentAgain() {
		// what a process killed between its claim and the server's answer leaves behind
		sentLog.claim(key, settings.newMessageId());

		assertThat(mail.send(key, subject("New update"))).isEqualTo(SendOutcome.UNCERTAIN);
		assertThat(mailboxes.read(recipient)).isEmpty();
	}

	@Test
	void anEmailTheMailServerDidNotTakeIsSentOnTheRetry() throws IOException {
		var unreachable = new OutgoingMail(
				new SmtpConnections(senderTo(TestPorts.reserve()), MailLogin.withPasswords(), Clock.systemUTC()),
				settings, sentLog);

		assertThatThrownBy(() -> unreachable.send(key, subject("New update"))).isInstanceOf(MailException.class);
		assertThat(mail.send(key, subject("New update"))).isEqualTo(SendOutcome.SENT);

		assertThat(mailboxes.read(recipient)).hasSize(1);
	}

	@Test
	void everyEmailCarriesOurMessageIdAndTheLoopHeader() throws Exception {
		mail.send(key, subject("New update"));

		var email = mailboxes.read(recipient).get(0);
		assertThat(settings.isOwnMessageId(email.getMessageID())).isTrue();
		assertThat(email.getHeader(OutgoingMail.ORIGIN_HEADER, null)).isEqualTo("notification");
	}

	private static OutgoingMail.MessageWriter subject(String subject) {
		return message -> {
			message.setSubject(subject);
			message.setText("An update was posted.");
		};
	}

	private static JavaMailSenderImpl senderTo(int port) {
		var sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(port);
		return sender;
	}

}
