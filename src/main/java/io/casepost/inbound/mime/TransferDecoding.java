package io.casepost.inbound.mime;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.util.Locale;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;

/** Undoes a Content-Transfer-Encoding without ever failing on bad input. */
final class TransferDecoding {

	private TransferDecoding() {
	}

	/**
	 * An unknown or missing encoding means the bytes are taken as they are (7bit, 8bit,
	 * binary).
	 */
	static InputStream decode(InputStream raw, String encoding) {
		var buffered = new BufferedInputStream(raw);
		return switch (normalized(encoding)) {
			case "base64" -> new LenientBase64InputStream(buffered);
			case "quoted-printable" -> new LenientQuotedPrintableInputStream(buffered);
			case "uuencode", "x-uuencode", "x-uue" -> uudecoded(buffered);
			default -> buffered;
		};
	}

	private static InputStream uudecoded(InputStream raw) {
		try {
			return MimeUtility.decode(raw, "uuencode");
		}
		catch (MessagingException unsupported) {
			return raw;
		}
	}

	private static String normalized(String encoding) {
		return encoding == null ? "" : encoding.replace("\"", "").trim().toLowerCase(Locale.ROOT);
	}

}
