package io.casepost.inbound.mime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Header text as a person would read it: unfolded, and RFC 2047 encoded words decoded,
 * also where senders break the rules (words glued to text, a multi-byte character split
 * across two words, unknown charsets).
 */
final class EncodedWords {

	private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?]*)\\?=");

	private static final Pattern FOLD = Pattern.compile("\\r?\\n(?=[ \\t])|[\\r\\n]");

	private EncodedWords() {
	}

	static String decode(String raw) {
		if (raw == null) {
			return null;
		}
		return decodeWords(unfolded(raw));
	}

	/**
	 * Unfolded, but encoded words left for a structured parser (addresses) to split
	 * first.
	 */
	static String unfolded(String raw) {
		return raw == null ? null : FOLD.matcher(raw).replaceAll("");
	}

	private static String decodeWords(String text) {
		var out = new StringBuilder();
		var pendingBytes = new ByteArrayOutputStream();
		String pendingCharset = null;
		int textStart = 0;
		Matcher word = ENCODED_WORD.matcher(text);
		while (word.find()) {
			var between = text.substring(textStart, word.start());
			var charset = word.group(1).replaceFirst("\\*.*", "");
			boolean continuesRun = pendingCharset != null && between.isBlank()
					&& charset.equalsIgnoreCase(pendingCharset);
			if (!continuesRun) {
				flush(out, pendingBytes, pendingCharset);
				// white space between two encoded words is not part of the text (RFC
				// 2047, 6.2)
				out.append(pendingCharset != null && between.isBlank() ? "" : between);
			}
			pendingCharset = charset;
			pendingBytes.writeBytes(wordBytes(word.group(2), word.group(3)));
			textStart = word.end();
		}
		flush(out, pendingBytes, pendingCharset);
		return out.append(text.substring(textStart)).toString();
	}

	private static void flush(StringBuilder out, ByteArrayOutputStream bytes, String charset) {
		if (bytes.size() > 0) {
			out.append(TextCharsets.decode(bytes.toByteArray(), charset));
			bytes.reset();
		}
	}

	private static byte[] wordBytes(String encoding, String encodedText) {
		var ascii = encodedText.getBytes(StandardCharsets.ISO_8859_1);
		if (encoding.equalsIgnoreCase("B")) {
			return readAll(new LenientBase64InputStream(new ByteArrayInputStream(ascii)));
		}
		var underscoresAsSpaces = encodedText.replace('_', ' ').getBytes(StandardCharsets.ISO_8859_1);
		return readAll(new LenientQuotedPrintableInputStream(new ByteArrayInputStream(underscoresAsSpaces)));
	}

	private static byte[] readAll(InputStream in) {
		try (in) {
			return in.readAllBytes();
		}
		catch (IOException impossibleInMemory) {
			throw new UncheckedIOException(impossibleInMemory);
		}
	}

}
