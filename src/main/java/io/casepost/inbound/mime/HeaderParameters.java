package io.casepost.inbound.mime;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.mail.internet.ParameterList;
import jakarta.mail.internet.ParseException;

/**
 * Reads structured headers such as {@code Content-Type} and {@code Content-Disposition}.
 * Jakarta Mail's parser does RFC 2231 (continuations, {@code filename*=UTF-8''...});
 * where it rejects a header as malformed, a forgiving pattern takes over, as mail clients
 * do.
 */
final class HeaderParameters {

	private HeaderParameters() {
	}

	/**
	 * The part before the first semicolon, lower-case, e.g. {@code text/plain} or
	 * {@code attachment}.
	 */
	static String value(String header) {
		if (header == null) {
			return "";
		}
		int semicolon = header.indexOf(';');
		var value = semicolon < 0 ? header : header.substring(0, semicolon);
		return value.replaceAll("[\\s\"]", "").toLowerCase(Locale.ROOT);
	}

	/** The decoded parameter (RFC 2231 and RFC 2047 forms included), or null. */
	static String parameter(String header, String name) {
		if (header == null || header.indexOf(';') < 0) {
			return null;
		}
		var parameters = header.substring(header.indexOf(';')).replaceAll("\\r?\\n", "");
		var value = strictParameter(parameters, name);
		return EncodedWords.decode(value != null ? value : forgivingParameter(parameters, name));
	}

	private static String strictParameter(String parameters, String name) {
		try {
			return new ParameterList(parameters).get(name);
		}
		catch (ParseException | RuntimeException malformed) {
			return null;
		}
	}

	private static String forgivingParameter(String parameters, String name) {
		var quotedName = Pattern.quote(name);
		var extended = Pattern.compile("(?i);\\s*" + quotedName + "\\*=\\s*\"?([^'\";]*)'[^']*'([^\";]*)")
			.matcher(parameters);
		if (extended.find()) {
			return percentDecoded(extended.group(2), extended.group(1));
		}
		var plain = Pattern.compile("(?i);\\s*" + quotedName + "\\s*=\\s*(?:\"([^\"]*)\"?|([^;]*))")
			.matcher(parameters);
		if (!plain.find()) {
			return null;
		}
		return (plain.group(1) != null ? plain.group(1) : plain.group(2)).trim();
	}

	private static String percentDecoded(String value, String charset) {
		var bytes = URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.ISO_8859_1)
			.getBytes(StandardCharsets.ISO_8859_1);
		return TextCharsets.decode(bytes, charset);
	}

}
