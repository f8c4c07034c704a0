package io.casepost;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * Reads mailboxes of the embedded mail server over real IMAP, as a person's mail client
 * does.
 */
public class Mailboxes {

	private final int imapPort;

	public Mailboxes(int imapPort) {
		this.imapPort = imapPort;
	}

	public List<MimeMessage> read(String address) {
		var props = new Properties();
		props.put("mail.imap.host", "127.0.0.1");
		props.put("mail.imap.port", String.valueOf(imapPort));
		try (var store = Session.getInstance(props).getStore("imap")) {
			store.connect("127.0.0.1", imapPort, address, address);
			var inbox = store.getFolder("INBOX");
			inbox.open(Folder.READ_ONLY);
			var messages = new ArrayList<MimeMessage>();
			for (Message message : inbox.getMessages()) {
				messages.add(new MimeMessage((MimeMessage) message));
			}
			inbox.close(false);
			return messages;
		}
		catch (jakarta.mail.AuthenticationFailedException noMailYet) {
			// the embedded server makes a mailbox when the first message for its address
			// arrives
			return List.of();
		}
		catch (MessagingException e) {
			throw new IllegalStateException("Could not read mailbox " + address, e);
		}
	}

	/** Waits until the mailbox holds at least {@code count} messages. */
	public List<MimeMessage> await(String address, int count) {
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> read(address).size() >= count);
		return read(address);
	}

	/**
	 * The first plain text of a message or part, wherever its multipart structure holds
	 * it: what we wrote, not an original attached to it.
	 */
	public static String plainText(jakarta.mail.Part part) {
		try {
			if (part.isMimeType("text/plain")) {
				return (String) part.getContent();
			}
			if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
				for (int i = 0; i < multipart.getCount(); i++) {
					var text = plainText(multipart.getBodyPart(i));
					if (!text.isEmpty()) {
						return text;
					}
				}
			}
			return "";
		}
		catch (java.io.IOException | MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

}
