package io.casepost.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Every email the system writes leaves through here: to one recipient, marked so that it
 * is never taken back in as a reply, and at most once for its {@link EmailKey}, even when
 * the event that asked for it is handled again after a crash.
 */
@Component
public class OutgoingMail {

	/** Carried by all our mail: inbound treats a message bearing it as a mail loop. */
	public static final String ORIGIN_HEADER = "X-Casepost-Origin";

	private static final Logger log = LoggerFactory.getLogger(OutgoingMail.class);

	private final SmtpConnections connections;

	private final MailSettings settings;

	private final SentLog sentLog;

	OutgoingMail(SmtpConnections connections, MailSettings settings, SentLog sentLog) {
		this.connections = connections;
		this.settings = settings;
		this.sentLog = sentLog;
	}

	/**
	 * Writes the email to {@code key.recipient()} and sends it, unless its key was sent
	 * before. The key is committed before the email leaves and given back if the mail
	 * server refuses it; a failure is thrown, for the caller's retry.
	 */
	public SendOutcome send(EmailKey key, MessageWriter writer) {
		var message = write(key, writer);
		if (!sentLog.claim(key, messageId(message))) {
			var outcome = sentLog.wasSent(key) ? SendOutcome.ALREADY_SENT : SendOutcome.UNCERTAIN;
			log.warn("Not sending {} {} to {} again: {}", key.origin(), key.event(), key.recipient(),
					outcome == SendOutcome.ALREADY_SENT ? "it was sent before"
							: "an earlier attempt stopped while sending it, so it may have left");
			return outcome;
		}
		try {
			connections.send(message);
		}
		catch (RuntimeException refused) {
			sentLog.release(key);
			throw refused;
		}
		sentLog.confirm(key);
		return SendOutcome.SENT;
	}

	public MailSettings settings() {
		return settings;
	}

	private MimeMessage write(EmailKey key, MessageWriter writer) {
		try {
			MimeMessage message = connections.newMessage();
			var helper = new MimeMessageHelper(message, true, "UTF-8");
			helper.setFrom(settings.from());
			helper.setTo(key.recipient());
			writer.write(helper);
			if (message.getHeader("Message-ID") == null) {
				// inbound knows our mail by it when the loop header is lost on the way
				message.setHeader("Message-ID", settings.newMessageId());
			}
			message.setHeader(ORIGIN_HEADER, key.origin());
			// asks Exchange and Outlook not to answer our mail with out-of-office notes
			// and read receipts
			message.setHeader("X-Auto-Response-Suppress", "All");
			return message;
		}
		catch (MessagingException e) {
			throw new MailPreparationException(e);
		}
	}

	private static String messageId(MimeMessage message) {
		try {
			return message.getHeader("Message-ID", null);
		}
		catch (MessagingException e) {
			throw new MailPreparationException(e);
		}
	}

	@FunctionalInterface
	public interface MessageWriter {

		void write(MimeMessageHelper message) throws MessagingException;

	}

}
