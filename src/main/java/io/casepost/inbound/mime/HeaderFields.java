package io.casepost.inbound.mime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.casepost.shared.ByteSizes;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.RawField;

/**
 * The header fields of a message or a part, checked against the header limits as they
 * come. Values are unfolded and read from their bytes as UTF-8 where they are UTF-8 (RFC
 * 6532), else as Windows-1252; encoded words are left for the reader of each field.
 */
final class HeaderFields {

	private static final Pattern FOLD = Pattern.compile("\\r?\\n(?=[ \\t])|[\\r\\n]");

	private final ParseLimits limits;

	private final Map<String, List<String>> values = new LinkedHashMap<>();

	private long bytes;

	HeaderFields(ParseLimits limits) {
		this.limits = limits;
	}

	void add(Field field) throws UnreadableEmailException {
		var raw = field.getRaw().toByteArray();
		checkLines(raw);
		bytes += raw.length;
		if (bytes > limits.maxHeaderBytes()) {
			throw headersTooLarge(limits);
		}
		var colon = field instanceof RawField rawField ? rawField.getDelimiterIdx() : indexOf(raw, (byte) ':');
		if (colon < 0) {
			return;
		}
		var text = TextCharsets.decodeUndeclared(java.util.Arrays.copyOfRange(raw, colon + 1, raw.length));
		values.computeIfAbsent(field.getName().strip().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
			.add(FOLD.matcher(text).replaceAll("").strip());
	}

	String first(String name) {
		var all = values.get(name);
		return all == null || all.isEmpty() ? null : all.get(0);
	}

	List<String> all(String name) {
		return values.getOrDefault(name, List.of());
	}

	/** Every field by lower-case name, encoded words decoded. */
	Map<String, List<String>> decoded() {
		var decoded = new LinkedHashMap<String, List<String>>();
		values.forEach((name, texts) -> decoded.put(name,
				texts.stream().map(text -> EncodedWords.decode(text).strip()).toList()));
		return Collections.unmodifiableMap(decoded);
	}

	private void checkLines(byte[] raw) throws UnreadableEmailException {
		int lineStart = 0;
		for (int i = 0; i <= raw.length; i++) {
			if (i == raw.length || raw[i] == '\n') {
				if (i - lineStart > limits.maxHeaderLineLength()) {
					throw lineTooLong(limits);
				}
				lineStart = i + 1;
			}
		}
	}

	static UnreadableEmailException headersTooLarge(ParseLimits limits) {
		return new UnreadableEmailException("headers larger than " + ByteSizes.describe(limits.maxHeaderBytes()));
	}

	static UnreadableEmailException lineTooLong(ParseLimits limits) {
		return new UnreadableEmailException(
				"header line longer than %,d characters".formatted(limits.maxHeaderLineLength()));
	}

	private static int indexOf(byte[] raw, byte wanted) {
		for (int i = 0; i < raw.length; i++) {
			if (raw[i] == wanted) {
				return i;
			}
		}
		return -1;
	}

}
