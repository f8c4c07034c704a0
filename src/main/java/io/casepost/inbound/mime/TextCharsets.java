package io.casepost.inbound.mime;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Turns bytes into text whatever charset was declared: decoding never fails, it degrades.
 */
final class TextCharsets {

	private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

	// Labels whose real-world content is a superset encoding (as browsers treat them).
	private static final Map<String, String> SUPERSETS = Map.of("iso-8859-1", "windows-1252", "latin1", "windows-1252",
			"gb2312", "GBK", "ks_c_5601-1987", "x-windows-949");

	private TextCharsets() {
	}

	static String decode(byte[] bytes, String declaredCharset) {
		var charset = supported(declaredCharset);
		return charset == null ? decodeUndeclared(bytes) : new String(bytes, charset);
	}

	/**
	 * UTF-8 when the bytes are valid UTF-8 (plain ASCII included), else the usual Western
	 * legacy charset.
	 */
	static String decodeUndeclared(byte[] bytes) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException notUtf8) {
			return new String(bytes, WINDOWS_1252);
		}
	}

	/**
	 * Null for a missing, unknown or ASCII label: ASCII-labelled mail is often really
	 * UTF-8 or Latin.
	 */
	private static Charset supported(String label) {
		if (label == null || label.isBlank()) {
			return null;
		}
		var name = label.trim().replace("\"", "").toLowerCase(Locale.ROOT);
		name = SUPERSETS.getOrDefault(name, name);
		try {
			var charset = Charset.forName(name);
			return charset.equals(StandardCharsets.US_ASCII) ? null : charset;
		}
		catch (IllegalArgumentException unknown) {
			return null;
		}
	}

}
