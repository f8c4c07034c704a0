package io.casepost.inbound.mime;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import io.casepost.shared.ByteSizes;

/**
 * Collects the plain and HTML body of an email. Clients that put an image in the middle
 * of the text (Apple Mail) send the text as several parts, so later text parts are
 * appended rather than lost.
 */
final class BodyText {

	private static final Pattern CID_REFERENCE = Pattern.compile("(?i)cid:([^\"'\\s>)]+)");

	private final long maxBytes;

	private final StringBuilder plain = new StringBuilder();

	private final StringBuilder html = new StringBuilder();

	private long bytesRead;

	private boolean hasPlain;

	private boolean hasHtml;

	BodyText(ParseLimits limits) {
		this.maxBytes = limits.maxBodyTextBytes();
	}

	/**
	 * Adds a text part; plain text sent {@code format=flowed} (RFC 3676) is joined back
	 * into its lines.
	 */
	void append(InputStream decoded, String contentType, String mediaType)
			throws IOException, UnreadableEmailException {
		var text = TextCharsets.decode(readWithinLimit(decoded), HeaderParameters.parameter(contentType, "charset"));
		if (mediaType.equals("text/html")) {
			html.append(text);
			hasHtml = true;
			return;
		}
		if (hasPlain && !plain.isEmpty() && plain.charAt(plain.length() - 1) != '\n') {
			plain.append('\n');
		}
		boolean flowed = "flowed".equalsIgnoreCase(HeaderParameters.parameter(contentType, "format"));
		plain.append(flowed
				? FlowedText.decode(text, "yes".equalsIgnoreCase(HeaderParameters.parameter(contentType, "delsp")))
				: text);
		hasPlain = true;
	}

	String plain() {
		return hasPlain ? plain.toString() : null;
	}

	String html() {
		return hasHtml ? html.toString() : null;
	}

	/**
	 * The Content-IDs the HTML shows with {@code cid:} links: those parts are inline, not
	 * attached.
	 */
	Set<String> referencedContentIds() {
		var ids = new HashSet<String>();
		var references = CID_REFERENCE.matcher(html);
		while (references.find()) {
			ids.add(URLDecoder.decode(references.group(1).replace("+", "%2B"), StandardCharsets.UTF_8));
		}
		return ids;
	}

	private byte[] readWithinLimit(InputStream content) throws IOException, UnreadableEmailException {
		var bytes = content.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes - bytesRead + 1));
		bytesRead += bytes.length;
		if (bytesRead > maxBytes) {
			throw new UnreadableEmailException("body text larger than " + ByteSizes.describe(maxBytes));
		}
		return bytes;
	}

}
