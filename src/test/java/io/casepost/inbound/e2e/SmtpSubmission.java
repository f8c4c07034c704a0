package io.casepost.inbound.e2e;

import java.io.ByteArrayInputStream;
import java.util.Properties;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Hands a message to the embedded mail server over SMTP as a mail client does, byte for
 * byte as written: nothing is re-encoded, and no header (not even Message-ID) is added.
 */
final class SmtpSubmission {

	private final int port;

	SmtpSubmission(int port) {
		this.port = port;
	}

	void send(String envelopeFrom, String recipient, byte[] message) {
		var props = new Properties();
		props.put("mail.smtp.from", envelopeFrom);
		var session = Session.getInstance(props);
		try (var transport = session.getTransport("smtp")) {
			transport.connect("127.0.0.1", port, null, null);
			transport.sendMessage(new MimeMessage(session, new ByteArrayInputStream(message)),
					new Address[] { new InternetAddress(recipient) });
		}
		catch (MessagingException e) {
			throw new IllegalStateException("Could not submit a message for " + recipient, e);
		}
	}

}
