package io.casepost.inbound.reply;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Extraction on plain text, line by line: every test looks at one line or a window of a
 * few lines, so the work is linear in the size of the message.
 */
final class PlainReplyTrimmer {

	private enum Role {

		TEXT, QUOTE, BLANK, REMOVED

	}

	private static final int MAX_SIGNOFF_LINES = 2;

	private final Markers markers;

	private final StructureFinder structures;

	PlainReplyTrimmer(Markers markers) {
		this.markers = markers;
		this.structures = new StructureFinder(markers);
	}

	ExtractedReply trim(String body) {
		List<String> lines = splitLines(body);
		Role[] roles = new Role[lines.size()];
		int cut = scan(lines, roles);
		joinBrokenQuotes(lines, roles, cut);
		dropHistoryQuotes(lines, roles, cut);
		String text = join(lines, roles, cut, true);
		String trimmed = join(lines, roles, cut, false);
		boolean forward = !text.isEmpty() && firstStructureFrom(lines, cut) == Structure.Kind.FORWARD;
		return new ExtractedReply(text, trimmed, forward);
	}

	/**
	 * Assigns a role to each line above the cut and returns the cut: the first line of
	 * what follows the new text (signature, forwarded or embedded message). Structures
	 * above any content are the envelope of a message that is itself quoted or forwarded;
	 * they are removed and the content below them is kept.
	 */
	private int scan(List<String> lines, Role[] roles) {
		boolean seenContent = false;
		int i = 0;
		while (i < lines.size()) {
			String line = lines.get(i);
			if (Text.isBlank(line)) {
				roles[i++] = Role.BLANK;
				continue;
			}
			if (Text.isQuoted(line)) {
				if (markers.isForwardSeparator(Text.unquoteOnce(line))) {
					return cutAbove(lines, roles, i);
				}
				roles[i++] = Role.QUOTE;
				seenContent = true;
				continue;
			}
			Structure structure = structures.at(lines, i);
			if (structure == null) {
				roles[i++] = Role.TEXT;
				seenContent = true;
			}
			else if (isEnvelope(structure, seenContent) || introducesQuote(lines, structure)) {
				Arrays.fill(roles, structure.start(), structure.end() + 1, Role.REMOVED);
				i = structure.end() + 1;
			}
			else {
				return cutAbove(lines, roles, i);
			}
		}
		return lines.size();
	}

	private static boolean isEnvelope(Structure structure, boolean seenContent) {
		return !seenContent && structure.kind() != Structure.Kind.SIGNATURE;
	}

	private static boolean introducesQuote(List<String> lines, Structure structure) {
		if (structure.kind() != Structure.Kind.QUOTE_HEADER) {
			return false;
		}
		int next = nextNonBlank(lines, structure.end() + 1);
		return next < lines.size() && Text.isQuoted(lines.get(next));
	}

	/** Blank lines and rules ("-----") right above a cut belong to what is cut. */
	private static int cutAbove(List<String> lines, Role[] roles, int cut) {
		int start = cut;
		while (start > 0 && roles[start - 1] != Role.REMOVED
				&& (Text.isBlank(lines.get(start - 1)) || Text.isRule(lines.get(start - 1)))) {
			start--;
		}
		return start;
	}

	/**
	 * Clients break long links inside a quote, leaving a fragment without the quote
	 * marker between two quoted lines; such a fragment (one token, or a link) is part of
	 * the quote, not an answer.
	 */
	private static void joinBrokenQuotes(List<String> lines, Role[] roles, int cut) {
		for (int i = 1; i + 1 < cut; i++) {
			if (roles[i] == Role.TEXT && roles[i - 1] == Role.QUOTE && roles[i + 1] == Role.QUOTE
					&& isLinkFragment(lines.get(i).strip())) {
				roles[i] = Role.QUOTE;
			}
		}
	}

	private static boolean isLinkFragment(String s) {
		return s.indexOf(' ') < 0 || s.contains("http") || s.endsWith(">");
	}

	/**
	 * Quoted history is removed when it ends the message, or when a quote header
	 * introduces it and the new text is all below it (bottom-posting) or only a closing
	 * follows it. In a reply whose history a quote header introduces, quotes between
	 * answers (interleaving) are removed too, keeping the blank line above them, so the
	 * answers read as paragraphs; without such a header a quote between lines may be the
	 * sender's own text.
	 */
	private void dropHistoryQuotes(List<String> lines, Role[] roles, int cut) {
		boolean textBefore = false;
		boolean quoteHeaderAbove = false;
		int i = 0;
		while (i < cut) {
			if (roles[i] == Role.TEXT) {
				textBefore = true;
			}
			if (roles[i] == Role.REMOVED) {
				quoteHeaderAbove = true;
			}
			if (roles[i] != Role.QUOTE) {
				i++;
				continue;
			}
			int end = quoteBlockEnd(roles, i, cut);
			int nextText = nextRole(roles, end + 1, cut, Role.TEXT);
			boolean introduced = previousNonBlank(roles, i) == Role.REMOVED;
			if (nextText >= cut) {
				if (textBefore || introduced || structures.opensWithQuoteHeader(unquoted(lines, i, end))) {
					Arrays.fill(roles, i, end + 1, Role.REMOVED);
				}
			}
			else if (introduced && (!textBefore || onlySignoffFollows(lines, roles, nextText, cut))) {
				removeWithSurroundingBlanks(roles, i, nextText);
			}
			else if (quoteHeaderAbove && textBefore) {
				// an interleaved reply: the quoted question is history, the answer below
				// it is what is new
				Arrays.fill(roles, i, nextText, Role.REMOVED);
			}
			i = end + 1;
		}
	}

	private static int quoteBlockEnd(Role[] roles, int start, int cut) {
		int end = start;
		for (int j = start; j < cut && (roles[j] == Role.QUOTE || roles[j] == Role.BLANK); j++) {
			if (roles[j] == Role.QUOTE) {
				end = j;
			}
		}
		return end;
	}

	private boolean onlySignoffFollows(List<String> lines, Role[] roles, int from, int cut) {
		int textLines = 0;
		for (int j = from; j < cut; j++) {
			if (roles[j] == Role.QUOTE) {
				return false;
			}
			if (roles[j] == Role.TEXT) {
				textLines++;
			}
		}
		return textLines <= MAX_SIGNOFF_LINES && markers.isSignoff(lines.get(from));
	}

	private static void removeWithSurroundingBlanks(Role[] roles, int quoteStart, int nextText) {
		int from = quoteStart;
		while (from > 0 && roles[from - 1] == Role.BLANK) {
			from--;
		}
		Arrays.fill(roles, from, nextText, Role.REMOVED);
	}

	/** The kind of the first structure at or below the cut, signatures skipped. */
	private Structure.Kind firstStructureFrom(List<String> lines, int cut) {
		for (int i = cut; i < lines.size(); i++) {
			String line = lines.get(i);
			if (Text.isBlank(line)) {
				continue;
			}
			if (Text.isQuoted(line)) {
				return markers.isForwardSeparator(Text.unquoteOnce(line)) ? Structure.Kind.FORWARD : null;
			}
			Structure structure = structures.at(lines, i);
			if (structure != null && structure.kind() != Structure.Kind.SIGNATURE) {
				return structure.kind();
			}
		}
		return null;
	}

	private static String join(List<String> lines, Role[] roles, int cut, boolean kept) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < lines.size(); i++) {
			boolean isKept = i < cut && roles[i] != Role.REMOVED;
			if (isKept == kept) {
				out.append(lines.get(i)).append('\n');
			}
		}
		return stripBlankLines(out.toString());
	}

	/**
	 * Removes leading and trailing blank lines and trailing whitespace, keeping
	 * indentation of the first line.
	 */
	static String stripBlankLines(String text) {
		List<String> lines = splitLines(text);
		int from = 0;
		int to = lines.size();
		while (from < to && Text.isBlank(lines.get(from))) {
			from++;
		}
		while (to > from && Text.isBlank(lines.get(to - 1))) {
			to--;
		}
		return String.join("\n", lines.subList(from, to)).stripTrailing();
	}

	private static List<String> unquoted(List<String> lines, int from, int to) {
		List<String> result = new ArrayList<>(to - from + 1);
		for (int i = from; i <= to; i++) {
			result.add(Text.unquote(lines.get(i)));
		}
		return result;
	}

	private static Role previousNonBlank(Role[] roles, int before) {
		for (int j = before - 1; j >= 0; j--) {
			if (roles[j] != Role.BLANK) {
				return roles[j];
			}
		}
		return null;
	}

	private static int nextRole(Role[] roles, int from, int cut, Role role) {
		int j = from;
		while (j < cut && roles[j] != role) {
			j++;
		}
		return j;
	}

	private static int nextNonBlank(List<String> lines, int from) {
		int j = from;
		while (j < lines.size() && Text.isBlank(lines.get(j))) {
			j++;
		}
		return j;
	}

	static List<String> splitLines(String body) {
		String nfc = Normalizer.isNormalized(body, Normalizer.Form.NFC) ? body
				: Normalizer.normalize(body, Normalizer.Form.NFC);
		String text = nfc.replace("\r\n", "\n").replace('\r', '\n');
		if (text.startsWith("\ufeff")) {
			text = text.substring(1);
		}
		return Arrays.asList(text.split("\n", -1));
	}

}
