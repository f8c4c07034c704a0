package io.casepost.inbound.reply;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the line(s) that introduce quoted history: "On &lt;date&gt;, &lt;name&gt;
 * &lt;email&gt; wrote:" and its equivalents: the headers mail clients write in every
 * language they ship (client-markers.tsv), and a looser grammar for the rest, also when a
 * client wraps a header over several lines.
 *
 * <p>
 * The grammar is deliberately loose about the middle and strict about the ends: a header
 * ends with a colon (or dashes, or, right above a quote, the verb), carries a date or an
 * address, and either ends with a "wrote" verb, or contains one (or starts with a date)
 * and ends with an address and a colon.
 */
final class QuoteHeaders {

	/** Lines a wrapped header may span; Polymail spreads one over five. */
	private static final int WINDOW = 6;

	private static final int MAX_HEADER_CHARS = 400;

	/**
	 * Polymail glues "&gt; wrote:" to the quote; a quoted line this short may still close
	 * a header.
	 */
	private static final int MAX_QUOTED_CLOSER = 12;

	private static final int MAX_DATE_LINE = 150;

	/** A line this long may have been wrapped by the client. */
	private static final int MIN_WRAPPED_LINE = 60;

	private static final String BIDI_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e";

	/** Gmail's "2016-03-03 17:21 GMT+01:00 Name &lt;mail&gt;:" carries no verb at all. */
	private static final Pattern ISO_DATE_START = Pattern.compile("^\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}[ ,T]");

	private static final Pattern TIME = Pattern.compile("\\d{1,2}:\\d{2}");

	private static final Pattern YEAR = Pattern.compile("\\b(19|20)\\d{2}\\b");

	private final Markers markers;

	QuoteHeaders(Markers markers) {
		this.markers = markers;
	}

	/**
	 * Index of the last line of a quote header that starts at line {@code start}, or -1.
	 */
	int endOfHeaderAt(List<String> lines, int start) {
		String first = lines.get(start);
		if (Text.isBlank(first) || Text.isQuoted(first)) {
			return -1;
		}
		int closer = closingLine(lines, start);
		if (closer >= 0) {
			boolean aboveQuote = quoteFollows(lines, closer);
			if (isHeader(join(lines, start, closer), aboveQuote)) {
				return startsLater(lines, start, closer, aboveQuote) ? -1 : closer;
			}
		}
		return isDateLine(first.strip()) ? start : -1;
	}

	/**
	 * The line that ends a header starting at {@code start}: one ending with a colon or
	 * dashes, or, right above a quote, one ending with the verb ("... Dana wrote").
	 */
	private int closingLine(List<String> lines, int start) {
		int limit = Math.min(lines.size(), start + WINDOW);
		for (int j = start; j < limit; j++) {
			String line = lines.get(j);
			if (Text.isBlank(line)) {
				continue;
			}
			boolean quoted = Text.isQuoted(line);
			if (quoted && line.strip().length() > MAX_QUOTED_CLOSER) {
				return -1;
			}
			String end = Text.stripTrailing(line, BIDI_MARKS);
			if (endsWithColon(end) || end.endsWith("-") || !quoted && endsWithoutColon(lines, j, end)) {
				return j;
			}
			if (quoted) {
				return -1;
			}
		}
		return -1;
	}

	/**
	 * A header that lost its colon: it ends with the verb, and either a quote follows or
	 * the line is a whole header on its own ("On Wed, 14 Nov 2018 08:14 John
	 * &lt;john@doe.com&gt; wrote").
	 */
	private boolean endsWithoutColon(List<String> lines, int j, String line) {
		boolean candidate = line.indexOf('@') >= 0 || quoteFollows(lines, j);
		if (!candidate) {
			return false;
		}
		String lower = Text.lower(line);
		String s = Text.stripLeading(lower, "-" + BIDI_MARKS);
		boolean wholeHeader = s.indexOf('@') >= 0 && markers.startsWithIntro(s) && TIME.matcher(s).find();
		return (wholeHeader || quoteFollows(lines, j)) && markers.endsWithVerb(lower);
	}

	/** ":", the full-width "：" of CJK text, the Khmer "៖". */
	static boolean endsWithColon(String s) {
		return !s.isEmpty() && HeaderTemplate.COLONS.indexOf(s.charAt(s.length() - 1)) >= 0;
	}

	/** Whether the next line with content below {@code line} is quoted. */
	static boolean quoteFollows(List<String> lines, int line) {
		for (int j = line + 1; j < lines.size(); j++) {
			if (!Text.isBlank(lines.get(j))) {
				return Text.isQuoted(lines.get(j));
			}
		}
		return false;
	}

	/**
	 * A line between start and closer that itself begins a header means the lines above
	 * it are new text. Such a line follows a blank line or looks like a header start; a
	 * wrapped address ("&lt;" then "a@b.c&gt; wrote:") never starts one.
	 */
	private boolean startsLater(List<String> lines, int start, int closer, boolean aboveQuote) {
		for (int s = closer; s > start; s--) {
			String line = lines.get(s);
			if (Text.isBlank(line) || Text.isQuoted(line) || isWrappedAddress(line, lines.get(s - 1))
					|| isWrappedHeader(lines.get(s - 1), lines, start, closer)) {
				continue;
			}
			boolean newParagraph = Text.isBlank(lines.get(s - 1));
			if ((newParagraph || isStrongStart(line)) && isHeader(join(lines, s, closer), aboveQuote)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * An address the client wrapped: "&lt;" or "(" then "a@b.c&gt; wrote:", or a line
	 * inside brackets that the line above opened.
	 */
	private static boolean isWrappedAddress(String line, String previous) {
		String s = line.strip();
		return s.startsWith("<") || s.startsWith("(") || s.startsWith("[") || s.startsWith("mailto:")
				|| leavesBracketOpen(previous);
	}

	/**
	 * The line above holds an address or is as long as clients let a line get before they
	 * wrap it, and from the start the lines make a client's header: one header wrapped,
	 * not reply text above a header.
	 */
	private boolean isWrappedHeader(String above, List<String> lines, int start, int closer) {
		String line = above.strip();
		boolean headerLike = line.indexOf('@') >= 0 || line.length() >= MIN_WRAPPED_LINE;
		boolean sentenceEnd = line.endsWith(".") || line.endsWith("!") || line.endsWith("?");
		return headerLike && !sentenceEnd && markers.isClientHeader(join(lines, start, closer), false);
	}

	private static boolean leavesBracketOpen(String line) {
		int depth = 0;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c == '<' || c == '(' || c == '[') {
				depth++;
			}
			else if ((c == '>' || c == ')' || c == ']') && depth > 0) {
				depth--;
			}
		}
		return depth > 0;
	}

	private boolean isStrongStart(String line) {
		String lower = Text.lower(Text.stripLeading(line, "-" + BIDI_MARKS));
		return !lower.isEmpty()
				&& (markers.startsWithIntro(lower) || Character.isDigit(lower.charAt(0)) || lower.indexOf('@') >= 0);
	}

	/**
	 * Whether {@code joined} is a quote header: a client's own, or one of the loose
	 * grammar. Forms that could be prose (a sender but no date; a date and an address but
	 * no verb) only count {@code aboveQuote}.
	 */
	boolean isHeader(String joined, boolean aboveQuote) {
		if (joined.isEmpty() || joined.length() > MAX_HEADER_CHARS) {
			return false;
		}
		String lower = Text.lower(joined);
		boolean dashWrapped = lower.startsWith("--");
		if ((Text.hasDigitOrAt(lower) || dashWrapped)
				&& markers.endsWithVerb(Text.stripTrailing(lower, ":：-\u00a0\u202f"))) {
			return true;
		}
		boolean endsWithColon = endsWithColon(lower);
		boolean startsWithDate = Character.isDigit(lower.charAt(0));
		if (endsWithColon && lower.indexOf('@') >= 0 && (startsWithDate || markers.containsVerb(lower))) {
			return true;
		}
		// Thunderbird names the sender without an address: "Am 12.03.2026 um 10:15
		// schrieb Dana via Casepost:"
		if (endsWithColon && markers.startsWithIntro(lower) && TIME.matcher(lower).find()
				&& markers.containsVerb(lower)) {
			return true;
		}
		return markers.isClientHeader(joined, aboveQuote) || aboveQuote && endsWithColon && isDatedAddress(lower);
	}

	/**
	 * "Thu, 12 Mar 2026 10:15, Dana &lt;dana@x.org&gt;:": a date, then the address right
	 * before the colon, and no verb at all.
	 */
	private static boolean isDatedAddress(String lower) {
		String head = Text.stripTrailing(lower, ":：");
		int at = head.lastIndexOf('@');
		return at >= 0 && head.indexOf(' ', at) < 0 && (TIME.matcher(head).find() || YEAR.matcher(head).find());
	}

	/**
	 * Where a quote header starts inside {@code line} after some reply text ("Sounds
	 * good. On Mon, ... wrote:"), or -1: at a word that opens headers ("On", "Am", "Le"),
	 * a header running to the end of the line. The text before it holds no digit and no
	 * address, or it would be the start of the header ("În data de J, 12-03-2026 la
	 * ...").
	 */
	int headerStartWithin(String line) {
		String s = line.stripTrailing();
		String lower = Text.lower(s);
		if (s.length() > MAX_HEADER_CHARS * 2 || markers.startsWithIntro(Text.stripLeading(lower, "-"))
				|| !(endsWithColon(s) || markers.endsWithVerb(lower))) {
			return -1;
		}
		for (int i = 1; i < lower.length() && !Character.isDigit(lower.charAt(i - 1))
				&& lower.charAt(i - 1) != '@'; i++) {
			char before = lower.charAt(i - 1);
			boolean wordStart = (before == ' ' || before == '-') && Character.isLetter(lower.charAt(i));
			if (wordStart && markers.startsWithIntro(lower.substring(i)) && isHeader(s.substring(i), true)
					&& !Text.isBlank(Text.stripTrailing(s.substring(0, i), "-"))) {
				return markers.isClientHeaderOpeningWithDatePart(s) ? -1 : i;
			}
		}
		return -1;
	}

	private static boolean isDateLine(String line) {
		return line.length() <= MAX_DATE_LINE && ISO_DATE_START.matcher(line).find()
				&& (line.indexOf('@') >= 0 || TIME.matcher(line).find());
	}

	private static String join(List<String> lines, int from, int to) {
		StringBuilder joined = new StringBuilder();
		for (int i = from; i <= to; i++) {
			String line = lines.get(i);
			if (Text.isBlank(line)) {
				continue;
			}
			String part = Text.isQuoted(line) ? Text.unquote(line) : line.strip();
			if (joined.length() > 0) {
				joined.append(' ');
			}
			joined.append(part);
			if (joined.length() > MAX_HEADER_CHARS) {
				break;
			}
		}
		return Text.stripTrailing(Text.stripLeading(joined.toString(), BIDI_MARKS + "\ufeff"), BIDI_MARKS);
	}

}
