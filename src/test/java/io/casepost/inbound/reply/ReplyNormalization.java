package io.casepost.inbound.reply;

import java.text.Normalizer;
import java.util.regex.Pattern;

/** The comparison of NORMALIZATION.md / score.py, in Java. */
final class ReplyNormalization {

	private static final Pattern TRAILING_WHITESPACE = Pattern.compile("[ \\t\\u00a0\\u200b\\ufeff]+$",
			Pattern.MULTILINE);

	private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

	private ReplyNormalization() {
	}

	/**
	 * NFC, LF line endings, no trailing whitespace on lines, stripped (Python
	 * str.strip()).
	 */
	static String norm(String s) {
		String text = Normalizer.normalize(s == null ? "" : s, Normalizer.Form.NFC)
			.replace("\r\n", "\n")
			.replace('\r', '\n');
		return TRAILING_WHITESPACE.matcher(text).replaceAll("").strip();
	}

	/** All whitespace removed: talon's HTML comparison. */
	static String nows(String s) {
		return WHITESPACE.matcher(Normalizer.normalize(s == null ? "" : s, Normalizer.Form.NFC)).replaceAll("");
	}

	static boolean matches(String match, String output, String expected) {
		return "nows".equals(match) ? nows(output).equals(nows(expected)) : norm(output).equals(norm(expected));
	}

	static boolean passes(CorpusCase.Check check, String output) {
		String o = norm(output);
		return switch (check.type()) {
			case "contains" -> o.contains(norm(check.value()));
			case "not_contains" -> !o.contains(norm(check.value()));
			case "regex" -> regex(check).matcher(o).find();
			case "not_regex" -> !regex(check).matcher(o).find();
			default -> throw new IllegalArgumentException(check.type());
		};
	}

	private static Pattern regex(CorpusCase.Check check) {
		int flags = 0;
		for (char f : check.flags().toCharArray()) {
			flags |= switch (f) {
				case 'm' -> Pattern.MULTILINE;
				case 'i' -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
				case 's' -> Pattern.DOTALL;
				default -> 0;
			};
		}
		return Pattern.compile(check.value(), flags);
	}

}
