package io.casepost.mail;

import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Every email the system writes leaves through here, marked so that it is never taken
 * back in as a reply.
 */
@Component
public class OutgoingMail {

	/** Carried by all our mail: inbound treats a message bearing it as a mail loop. */
	public static final String ORIGIN_HEADER = "X-Casepost-Origin";

	private final JavaMailSender sender;

	private final MailSettings settings;

	OutgoingMail(JavaMailSender sender, MailSettings settings) {
		this.sender = sender;
		this.settings = settings;
	}

	public void send(String origin, MessageWriter writer) {
		try {
			MimeMessage message = sender.createMimeMessage();
			var helper = new MimeMessageHelper(message, true, "UTF-8");
			helper.setFrom(settings.from());
			writer.write(helper);
			if (message.getHeader("Message-ID") == null) {
				// inbound knows our mail by it when the loop header is lost on the way
				message.setHeader("Message-ID", settings.newMessageId());
			}
			message.setHeader(ORIGIN_HEADER, origin);
			// asks Exchange and Outlook not to answer our mail with out-of-office notes
			// and read receipts
			message.setHeader("X-Auto-Response-Suppress", "All");
			sender.send(message);
		}
		catch (jakarta.mail.MessagingException e) {
			throw new org.springframework.mail.MailPreparationException(e);
		}
	}

	public MailSettings settings() {
		return settings;
	}

	@FunctionalInterface
	public interface MessageWriter {

		void write(MimeMessageHelper message) throws jakarta.mail.MessagingException;

	}

}
