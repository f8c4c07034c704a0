package io.casepost.inbound.reply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lower-case phrases indexed by their first word and by their last character, so a line
 * is only compared with the few phrases that can match (this keeps extraction fast with
 * hundreds of phrases).
 */
final class PhraseSet {

	/** Western and CJK punctuation: "よろしくお願いします。" starts with its phrase. */
	private static final String WORD_ENDS = ",.:;!?()。、，！？：；";

	private final Map<String, List<String>> byFirstWord = new HashMap<>();

	private final Map<Character, List<String>> byLastChar = new HashMap<>();

	private final List<String> all = new ArrayList<>();

	void add(String phrase) {
		String lower = Text.lower(phrase);
		if (lower.isEmpty() || all.contains(lower)) {
			return;
		}
		byFirstWord.computeIfAbsent(firstWord(lower), k -> new ArrayList<>()).add(lower);
		byLastChar.computeIfAbsent(lower.charAt(lower.length() - 1), k -> new ArrayList<>()).add(lower);
		all.add(lower);
	}

	/**
	 * Whether a phrase may start {@code text} (any case), judged on its first word alone:
	 * the cheap test before a line is lower-cased whole.
	 */
	boolean mayStart(String text) {
		return byFirstWord.containsKey(Text.lower(firstWord(text)));
	}

	/**
	 * Length of the longest phrase that starts {@code lower} and ends at a word boundary,
	 * or -1.
	 */
	int matchAtStart(String lower) {
		List<String> candidates = byFirstWord.get(firstWord(lower));
		if (candidates == null) {
			return -1;
		}
		int best = -1;
		for (String phrase : candidates) {
			if (phrase.length() > best && lower.startsWith(phrase) && Text.isWordBoundary(lower, phrase.length())) {
				best = phrase.length();
			}
		}
		return best;
	}

	boolean endsWithAny(String lower) {
		List<String> candidates = lower.isEmpty() ? null : byLastChar.get(lower.charAt(lower.length() - 1));
		if (candidates == null) {
			return false;
		}
		for (String phrase : candidates) {
			if (lower.endsWith(phrase) && Text.isWordBoundaryBefore(lower, lower.length() - phrase.length())) {
				return true;
			}
		}
		return false;
	}

	boolean containsAny(String lower) {
		for (String phrase : all) {
			int at = lower.indexOf(phrase);
			while (at >= 0) {
				if (Text.isWordBoundaryBefore(lower, at) && Text.isWordBoundary(lower, at + phrase.length())) {
					return true;
				}
				at = lower.indexOf(phrase, at + 1);
			}
		}
		return false;
	}

	private static String firstWord(String text) {
		int end = 0;
		while (end < text.length() && !Character.isWhitespace(text.charAt(end))
				&& WORD_ENDS.indexOf(text.charAt(end)) < 0) {
			end++;
		}
		return text.substring(0, end);
	}

}
