package io.casepost.inbound.mime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import io.casepost.mail.MailSettings;

/**
 * Stores test messages the way the inbound mailbox does: raw bytes in a file, CRLF line
 * ends.
 */
public final class TestEmails {

	/** The mail settings of the product's defaults: its sender and inbound domain. */
	public static final MailSettings MAIL_SETTINGS = new MailSettings("inbound.casepost.local",
			"Casepost <casepost@casepost.local>");

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private TestEmails() {
	}

	/**
	 * Characters up to U+00FF are written as single bytes, so 8-bit Latin test text stays
	 * 8-bit.
	 */
	public static Path store(Path directory, String message) {
		return storeBytes(directory,
				message.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1));
	}

	public static Path storeBytes(Path directory, byte[] message) {
		try {
			return Files.write(directory.resolve("message-" + COUNTER.incrementAndGet() + ".eml"), message);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public static ParsedEmail parse(Path directory, String message) throws UnreadableEmailException {
		return new EmailParser().parse(store(directory, message));
	}

	/** UTF-8 text written as raw 8-bit bytes, as Gmail and Apple Mail send 8bit parts. */
	public static String utf8AsBytes(String text) {
		return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
	}

}
