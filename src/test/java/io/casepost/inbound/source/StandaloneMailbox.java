package io.casepost.inbound.source;

/**
 * An inbound mailbox source on a mail server of a test's own, outside any application
 * context.
 */
public final class StandaloneMailbox {

	private StandaloneMailbox() {
	}

	/**
	 * A source for {@code address} (login = password) on 127.0.0.1:{@code port}, plain
	 * IMAP.
	 */
	public static ImapSource source(int port, String address) {
		return new ImapSource(
				new ImapSettings("127.0.0.1", port, "none", "", address, address, "INBOX", "Processed", "move", 100),
				null, io.casepost.mail.MailLogin.withPasswords());
	}

}
