package io.casepost;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;

/** The set-password email in a person's mailbox, read over IMAP, and the link in it. */
public record SetPasswordEmail(String subject, String text, String link) {

	private static final Pattern LINK = Pattern.compile("https?://\\S+/set-password/[A-Za-z0-9_-]+");

	/** Waits for the person's {@code count}-th email, and reads it. */
	public static SetPasswordEmail await(Mailboxes mailboxes, String address, int count) {
		var message = mailboxes.await(address, count).get(count - 1);
		try {
			var text = ReceivedEmail.plainText(message);
			var link = LINK.matcher(text);
			if (!link.find()) {
				throw new AssertionError("No set-password link in: " + text);
			}
			return new SetPasswordEmail(message.getSubject(), text, link.group());
		}
		catch (MessagingException | IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The link's path, to open on the port the test's server listens on. */
	public String path() {
		return link.substring(link.indexOf("/set-password/"));
	}

}
