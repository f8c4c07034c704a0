package io.casepost.inbound.reply;

import java.util.Locale;

/** Small, allocation-light checks on single lines. */
final class Text {

	/**
	 * Gmail add-ons (Streak, Mixmax) leave a lone U+1427 under the text; it carries no
	 * content.
	 */
	private static final String INVISIBLE = "\u00a0\u200b\u200c\u200d\u2060\ufeff\u1427";

	private static final int MAX_SUPERCITE_NAME = 10;

	private Text() {
	}

	/**
	 * Lower case for matching; Turkish dotted capital I becomes a plain i, not i with a
	 * combining dot.
	 */
	static String lower(String s) {
		return s.replace('\u0130', 'i').toLowerCase(Locale.ROOT);
	}

	static boolean isBlank(String line) {
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (!Character.isWhitespace(c) && INVISIBLE.indexOf(c) < 0) {
				return false;
			}
		}
		return true;
	}

	/** "&gt; text", and Supercite's "Name&gt; text". */
	static boolean isQuoted(String line) {
		int i = skipSpaces(line, 0);
		int letters = 0;
		while (i < line.length() && Character.isLetter(line.charAt(i)) && letters <= MAX_SUPERCITE_NAME) {
			i++;
			letters++;
		}
		return i < line.length() && line.charAt(i) == '>' && letters <= MAX_SUPERCITE_NAME;
	}

	/** The line without any leading quote markers. */
	static String unquote(String line) {
		String rest = line;
		while (isQuoted(rest)) {
			rest = rest.substring(rest.indexOf('>') + 1);
		}
		return rest.strip();
	}

	static String unquoteOnce(String line) {
		return isQuoted(line) ? line.substring(line.indexOf('>') + 1) : line;
	}

	static int skipSpaces(String s, int from) {
		int i = from;
		while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
			i++;
		}
		return i;
	}

	/** Strips leading characters in {@code chars} and whitespace. */
	static String stripLeading(String s, String chars) {
		int i = 0;
		while (i < s.length() && (Character.isWhitespace(s.charAt(i)) || chars.indexOf(s.charAt(i)) >= 0)) {
			i++;
		}
		return s.substring(i);
	}

	static String stripTrailing(String s, String chars) {
		int end = s.length();
		while (end > 0 && (Character.isWhitespace(s.charAt(end - 1)) || chars.indexOf(s.charAt(end - 1)) >= 0)) {
			end--;
		}
		return s.substring(0, end);
	}

	/** A line made only of rule characters, such as "-----", "_____" or "*****". */
	static boolean isRule(String line) {
		String s = line.strip();
		if (s.length() < 3) {
			return false;
		}
		for (int i = 0; i < s.length(); i++) {
			if ("-_=*~+#".indexOf(s.charAt(i)) < 0) {
				return false;
			}
		}
		return true;
	}

	static boolean isUnderscoreRule(String line) {
		String s = line.strip();
		return s.length() >= 5 && s.chars().allMatch(c -> c == '_');
	}

	static boolean hasDigitOrAt(String s) {
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c == '@' || Character.isDigit(c)) {
				return true;
			}
		}
		return false;
	}

	static int countWords(String s) {
		int words = 0;
		boolean inWord = false;
		for (int i = 0; i < s.length(); i++) {
			boolean letter = !Character.isWhitespace(s.charAt(i));
			if (letter && !inWord) {
				words++;
			}
			inWord = letter;
		}
		return words;
	}

	/**
	 * True when position {@code at} does not continue a word (scripts written without
	 * spaces always match).
	 */
	static boolean isWordBoundary(String s, int at) {
		return at >= s.length() || at == 0 || !(isSpacedLetter(s.charAt(at)) && isSpacedLetter(s.charAt(at - 1)));
	}

	static boolean isWordBoundaryBefore(String s, int at) {
		return at <= 0 || !(isSpacedLetter(s.charAt(at - 1)) && isSpacedLetter(s.charAt(at)));
	}

	private static boolean isSpacedLetter(char c) {
		if (!Character.isLetterOrDigit(c)) {
			return false;
		}
		Character.UnicodeScript script = Character.UnicodeScript.of(c);
		return script != Character.UnicodeScript.HAN && script != Character.UnicodeScript.HIRAGANA
				&& script != Character.UnicodeScript.KATAKANA && script != Character.UnicodeScript.HANGUL;
	}

}
