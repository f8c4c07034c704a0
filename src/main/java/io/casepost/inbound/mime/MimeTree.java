package io.casepost.inbound.mime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Properties;

import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.util.SharedFileInputStream;

/**
 * The MIME structure of a stored message, read through {@link SharedFileInputStream} so
 * that part contents stay in the file and are only read when asked for.
 */
final class MimeTree {

	// Only these two leniency switches are per Session; the other mail.mime.* ones are
	// JVM-wide system
	// properties, so leniency for encodings, parameters and encoded words lives in this
	// package instead.
	private static final Session SESSION = Session.getInstance(sessionProperties());

	private MimeTree() {
	}

	static MimeMessage open(SharedFileInputStream file) throws MessagingException {
		return new MimeMessage(SESSION, file);
	}

	/** The children of a multipart part; parsing is lazy, the count forces it. */
	static MimeMultipart children(Part multipart) throws MessagingException {
		return new MimeMultipart(new MultipartSource((MimePart) multipart));
	}

	/**
	 * The part at a path of child indexes from the message, as recorded when the message
	 * was parsed.
	 */
	static Part partAt(MimeMessage message, List<Integer> path) throws MessagingException {
		Part part = message;
		for (int index : path) {
			part = children(part).getBodyPart(index);
		}
		return part;
	}

	/** The part's content with its transfer encoding undone. */
	static InputStream decodedContent(Part part) throws MessagingException, IOException {
		return TransferDecoding.decode(rawContent(part), firstHeader(part, "Content-Transfer-Encoding"));
	}

	private static InputStream rawContent(Part part) throws MessagingException {
		return part instanceof MimeMessage message ? message.getRawInputStream()
				: ((MimeBodyPart) part).getRawInputStream();
	}

	static String firstHeader(Part part, String name) throws MessagingException {
		var values = part.getHeader(name);
		return values == null || values.length == 0 ? null : values[0];
	}

	private static Properties sessionProperties() {
		var properties = new Properties();
		properties.setProperty("mail.mime.address.strict", "false");
		properties.setProperty("mail.mime.allowutf8", "false");
		return properties;
	}

	/**
	 * Hands Jakarta Mail the boundary as this package reads it: its own parser rejects
	 * the whole Content-Type (and so finds no boundary) over a stray semicolon or
	 * unquoted special characters.
	 */
	private record MultipartSource(MimePart part) implements DataSource {

		@Override
		public InputStream getInputStream() throws IOException {
			return new MimePartDataSource(part).getInputStream();
		}

		@Override
		public OutputStream getOutputStream() {
			throw new UnsupportedOperationException("read only");
		}

		@Override
		public String getContentType() {
			try {
				var contentType = firstHeader(part, "Content-Type");
				var boundary = HeaderParameters.parameter(contentType, "boundary");
				return boundary == null ? contentType
						: "multipart/mixed; boundary=\"" + boundary.replaceAll("[\"\\\\]", "\\\\$0") + "\"";
			}
			catch (MessagingException unreadableHeader) {
				return "multipart/mixed";
			}
		}

		@Override
		public String getName() {
			return "";
		}
	}

}
