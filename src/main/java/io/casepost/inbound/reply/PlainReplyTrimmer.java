package io.casepost.inbound.reply;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Extraction on plain text, line by line: every test looks at one line or a window of a
 * few lines, so the work is linear in the size of the message.
 */
final class PlainReplyTrimmer {

	private enum Role {

		TEXT, QUOTE, BLANK, REMOVED

	}

	private static final int MAX_SIGNOFF_LINES = 2;

	/** Quoted lines at least this long may have been wrapped. */
	private static final int MIN_WRAPPED_LINE = 60;

	/** The narrowest line width clients wrap at (Thunderbird's 72). */
	private static final int WRAP_WIDTH = 72;

	private static final int MAX_SIGNATURE_LINES = 12;

	private static final int MIN_SIGNATURE_CONTACTS = 2;

	private static final int MAX_LIST_FOOTER_LINES = 5;

	/** "claims mailing list -- claims@lists.example" */
	private static final int MAX_LIST_NAME_WORDS = 6;

	private static final Pattern BARE_ADDRESS = Pattern
		.compile("<?(mailto:)?[^\\s@<>]{1,64}@[^\\s@<>]{1,255}\\.[A-Za-z]{2,}>?");

	private final Markers markers;

	private final StructureFinder structures;

	PlainReplyTrimmer(Markers markers) {
		this.markers = markers;
		this.structures = new StructureFinder(markers);
	}

	ExtractedReply trim(String body) {
		List<String> lines = prepared(splitLines(body));
		Role[] roles = new Role[lines.size()];
		int cut = scan(lines, roles);
		joinBrokenQuotes(lines, roles, cut);
		dropHistoryQuotes(lines, roles, cut);
		dropTrailingFurniture(lines, roles, cut);
		dropSignatureBlock(lines, roles, cut);
		String text = join(lines, roles, cut, 0, lines.size(), true);
		int forward = text.isEmpty() ? -1 : forwardFrom(lines, cut);
		if (forward < 0) {
			return new ExtractedReply(text, join(lines, roles, cut, 0, lines.size(), false), "");
		}
		return new ExtractedReply(text, join(lines, roles, cut, 0, forward, false),
				join(lines, roles, cut, forward, lines.size(), false));
	}

	/**
	 * The lines as the rules read them: Outlook's "[cid:image001.png@01DA...]"
	 * placeholders of inline images removed, and reply text that shares its line with the
	 * quote header below it ("Sounds good. On Mon, ... wrote:") put on a line of its own.
	 */
	private List<String> prepared(List<String> raw) {
		List<String> lines = new ArrayList<>(raw.size() + 1);
		for (int i = 0; i < raw.size(); i++) {
			if (Text.isBlank(raw.get(i))) {
				lines.add(raw.get(i));
				continue;
			}
			String line = withoutImagePlaceholders(raw.get(i));
			if (line.isBlank() && !raw.get(i).isBlank()) {
				// a line that only held images goes, with the blank line under it
				i += i + 1 < raw.size() && Text.isBlank(raw.get(i + 1)) ? 1 : 0;
				continue;
			}
			int header = Text.isQuoted(line) || !QuoteHeaders.quoteFollows(raw, i) ? -1
					: structures.sharedHeaderStart(line);
			if (header > 0) {
				lines.add(Text.stripTrailing(line.substring(0, header), "-"));
				lines.add(line.substring(header));
			}
			else {
				lines.add(line);
			}
		}
		return lines;
	}

	private static String withoutImagePlaceholders(String line) {
		int start = line.indexOf("[cid:");
		if (start < 0) {
			return line;
		}
		StringBuilder out = new StringBuilder(line.length());
		int from = 0;
		while (start >= 0) {
			int end = line.indexOf(']', start);
			if (end < 0) {
				break;
			}
			out.append(line, from, start);
			from = end + 1;
			if (from < line.length() && line.charAt(from) == ' ' && (start == 0 || line.charAt(start - 1) == ' ')) {
				from++;
			}
			start = line.indexOf("[cid:", from);
		}
		return out.append(line, from, line.length()).toString();
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
	 * Clients break long lines inside a quote, leaving a fragment without the quote
	 * marker under a quoted line: a link or single token between two quoted lines, or the
	 * rest of a long quoted line that the wrap cut mid-sentence. Such a fragment is part
	 * of the quote, not an answer.
	 */
	private static void joinBrokenQuotes(List<String> lines, Role[] roles, int cut) {
		for (int i = 1; i < cut; i++) {
			if (roles[i] != Role.TEXT || roles[i - 1] != Role.QUOTE) {
				continue;
			}
			boolean sandwiched = i + 1 < cut && roles[i + 1] == Role.QUOTE;
			String line = lines.get(i).strip();
			if (sandwiched && isLinkFragment(line) || isWrapRemainder(lines.get(i - 1), line, sandwiched)) {
				roles[i] = Role.QUOTE;
			}
		}
	}

	private static boolean isLinkFragment(String s) {
		return s.indexOf(' ') < 0 || s.contains("http") || s.endsWith(">");
	}

	/**
	 * The quoted line above was as long as a wrapped line gets, stopped mid-sentence, and
	 * this line's first word would not have fitted on it; and this line continues the
	 * sentence (lower case) or more quote follows it.
	 */
	private static boolean isWrapRemainder(String quoted, String line, boolean sandwiched) {
		String above = quoted.stripTrailing();
		if (above.length() < MIN_WRAPPED_LINE || ".!?:;".indexOf(above.charAt(above.length() - 1)) >= 0) {
			return false;
		}
		int firstWord = line.indexOf(' ') < 0 ? line.length() : line.indexOf(' ');
		boolean wouldNotFit = above.length() + 1 + firstWord > WRAP_WIDTH;
		return wouldNotFit && (sandwiched || Character.isLowerCase(line.codePointAt(0)));
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

	/**
	 * A rule ("====") left above history that was removed, and bare address lines some
	 * clients leave under the reply ("bob@example.com", "&lt;mailto:bob@example.com&gt;")
	 * are furniture, not text; an address that a line ending in a colon introduces is the
	 * sender's.
	 */
	private static void dropTrailingFurniture(List<String> lines, Role[] roles, int cut) {
		dropListFooter(lines, roles, cut);
		int last = lastRole(roles, cut, Role.TEXT);
		while (last > 0 && Text.isRule(lines.get(last)) && lastRole(roles, last, Role.TEXT) >= 0) {
			roles[last] = Role.REMOVED;
			last = lastRole(roles, last, Role.TEXT);
		}
		while (last > 0 && BARE_ADDRESS.matcher(lines.get(last).strip()).matches()
				&& lastRole(roles, last, Role.TEXT) >= 0
				&& !lines.get(lastRole(roles, last, Role.TEXT)).stripTrailing().endsWith(":")) {
			roles[last] = Role.REMOVED;
			last = lastRole(roles, last, Role.TEXT);
		}
	}

	/**
	 * The footer a mailing list adds under every message ("__", "claims mailing list",
	 * the list's address, "To unsubscribe ..." or its listinfo link): the list's, not the
	 * sender's.
	 */
	private static void dropListFooter(List<String> lines, Role[] roles, int cut) {
		int from = -1;
		int seen = 0;
		for (int i = lastRole(roles, cut, Role.TEXT); i > 0
				&& seen < MAX_LIST_FOOTER_LINES; i = lastRole(roles, i, Role.TEXT)) {
			String lower = Text.lower(lines.get(i).strip());
			seen++;
			if (lower.contains("mailing list") && Text.countWords(lower) <= MAX_LIST_NAME_WORDS
					|| lower.startsWith("to unsubscribe") || lower.contains("/listinfo/")) {
				from = i;
			}
		}
		int above = from < 0 ? -1 : lastRole(roles, from, Role.TEXT);
		if (above < 0) {
			return;
		}
		int start = Text.isRule(lines.get(above)) || lines.get(above).strip().matches("_{2,}") ? above : from;
		for (int i = start; i < cut; i++) {
			if (roles[i] == Role.TEXT) {
				roles[i] = Role.REMOVED;
			}
		}
	}

	/**
	 * A signature with no "-- " above it: at the end of the new text, a block of short
	 * lines of which at least two are contact lines (phone, e-mail, web, social, postal
	 * address, company), under a sign-off ("Best regards,"), a rule, or a name that
	 * starts a paragraph. The sign-off and the name stay; the rest of the block is cut
	 * and kept in the trimmed text. A name under a line ending in a colon ("The witness
	 * is:") is what the sender is telling, not a signature.
	 */
	private void dropSignatureBlock(List<String> lines, Role[] roles, int cut) {
		int end = lastRole(roles, cut, Role.TEXT);
		if (!mayHoldContacts(lines, roles, end)) {
			return;
		}
		int start = end;
		int contacts = 0;
		int nameHead = -1;
		int blanks = 0;
		int blockLines = 0;
		for (int i = end; i >= 0 && blockLines < MAX_SIGNATURE_LINES; i--) {
			if (roles[i] == Role.BLANK) {
				if (++blanks > 1) {
					break;
				}
				continue;
			}
			String line = lines.get(i);
			boolean contact = ContactLines.isContact(line);
			if (roles[i] != Role.TEXT || markers.isSignoff(line) || Text.isRule(line)
					|| !contact && !ContactLines.isShortLabel(line) && !ContactLines.isName(line)) {
				break;
			}
			blockLines++;
			if (nameHead < 0 && contacts >= MIN_SIGNATURE_CONTACTS && !contact && ContactLines.isName(line) && i > 0
					&& roles[i - 1] == Role.BLANK) {
				nameHead = i;
			}
			blanks = 0;
			contacts += contact ? 1 : 0;
			start = i;
		}
		if (end < 0 || contacts < MIN_SIGNATURE_CONTACTS) {
			return;
		}
		int above = lastRole(roles, start, Role.TEXT);
		int from;
		if (above >= 0 && (markers.isSignoff(lines.get(above)) || Text.isRule(lines.get(above)))) {
			boolean named = ContactLines.isName(lines.get(start)) && !Text.isRule(lines.get(above));
			from = Text.isRule(lines.get(above)) ? above : named ? nextRole(roles, start + 1, cut, Role.TEXT) : start;
		}
		else if (nameHead >= 0 && introducesNothing(lines, lastRole(roles, nameHead, Role.TEXT))) {
			from = nextRole(roles, nameHead + 1, cut, Role.TEXT);
		}
		else {
			return;
		}
		for (int i = from; i <= end; i++) {
			if (roles[i] == Role.TEXT) {
				roles[i] = Role.REMOVED;
			}
		}
	}

	/**
	 * Whether at least two of the last lines carry what every contact line has: a digit,
	 * an "@" or a dot. One pass over their characters, before any line is read closer.
	 */
	private static boolean mayHoldContacts(List<String> lines, Role[] roles, int end) {
		int marked = 0;
		int seen = 0;
		for (int i = end; i >= 0 && seen < MAX_SIGNATURE_LINES && marked < MIN_SIGNATURE_CONTACTS; i--) {
			if (roles[i] == Role.TEXT) {
				seen++;
				marked += ContactLines.mayBeContact(lines.get(i)) ? 1 : 0;
			}
		}
		return marked >= MIN_SIGNATURE_CONTACTS;
	}

	/** There is text above, and it does not end with a colon that announces the block. */
	private static boolean introducesNothing(List<String> lines, int above) {
		return above >= 0 && !lines.get(above).stripTrailing().endsWith(":");
	}

	private static int lastRole(Role[] roles, int before, Role role) {
		int j = before - 1;
		while (j >= 0 && roles[j] != role) {
			j--;
		}
		return j;
	}

	/**
	 * Where a forwarded message starts at or below the cut (signatures above it skipped),
	 * or -1.
	 */
	private int forwardFrom(List<String> lines, int cut) {
		for (int i = cut; i < lines.size(); i++) {
			String line = lines.get(i);
			if (Text.isBlank(line)) {
				continue;
			}
			if (Text.isQuoted(line)) {
				return markers.isForwardSeparator(Text.unquoteOnce(line)) ? i : -1;
			}
			Structure structure = structures.at(lines, i);
			if (structure != null && structure.kind() != Structure.Kind.SIGNATURE) {
				return structure.kind() == Structure.Kind.FORWARD ? i : -1;
			}
			if (structure != null) {
				i = structure.end();
			}
		}
		return -1;
	}

	/**
	 * The kept (or the removed) lines from {@code from} to {@code to}, without leading
	 * and trailing blank lines and trailing whitespace.
	 */
	private static String join(List<String> lines, Role[] roles, int cut, int from, int to, boolean kept) {
		List<String> selected = new ArrayList<>();
		for (int i = from; i < to; i++) {
			boolean isKept = i < cut && roles[i] != Role.REMOVED;
			if (isKept == kept) {
				selected.add(lines.get(i));
			}
		}
		return withoutBlankEnds(selected);
	}

	/**
	 * Removes leading and trailing blank lines and trailing whitespace, keeping
	 * indentation of the first line.
	 */
	static String stripBlankLines(String text) {
		return withoutBlankEnds(splitLines(text));
	}

	private static String withoutBlankEnds(List<String> lines) {
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
