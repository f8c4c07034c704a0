package io.casepost.inbound.reply;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the line(s) that introduce quoted history: "On &lt;date&gt;, &lt;name&gt;
 * &lt;email&gt; wrote:" and its equivalents in every language of markers.tsv, also when a
 * client wraps it over several lines.
 *
 * <p>
 * The grammar is deliberately loose about the middle and strict about the ends: a header
 * ends with a colon (or dashes), carries a date or an address, and either ends with a
 * "wrote" verb, or contains one (or starts with a date) and ends with an address and a
 * colon.
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

	private static final String BIDI_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e";

	/** Gmail's "2016-03-03 17:21 GMT+01:00 Name &lt;mail&gt;:" carries no verb at all. */
	private static final Pattern ISO_DATE_START = Pattern.compile("^\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}[ ,T]");

	private static final Pattern TIME = Pattern.compile("\\d{1,2}:\\d{2}");

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
		if (closer >= 0 && isHeader(join(lines, start, closer))) {
			return startsLater(lines, start, closer) ? -1 : closer;
		}
		return isDateLine(first.strip()) ? start : -1;
	}

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
			if (end.endsWith(":") || end.endsWith("：") || end.endsWith("-")) {
				return j;
			}
			if (quoted) {
				return -1;
			}
		}
		return -1;
	}

	/**
	 * A line between start and closer that itself begins a header means the lines above
	 * it are new text. Such a line follows a blank line or looks like a header start; a
	 * wrapped address ("&lt;" then "a@b.c&gt; wrote:") never starts one.
	 */
	private boolean startsLater(List<String> lines, int start, int closer) {
		for (int s = closer; s > start; s--) {
			String line = lines.get(s);
			if (Text.isBlank(line) || Text.isQuoted(line) || isWrappedAddress(line, lines.get(s - 1))) {
				continue;
			}
			boolean newParagraph = Text.isBlank(lines.get(s - 1));
			if ((newParagraph || isStrongStart(line)) && isHeader(join(lines, s, closer))) {
				return true;
			}
		}
		return false;
	}

	private static boolean isWrappedAddress(String line, String previous) {
		String s = line.strip();
		return s.startsWith("<") || s.startsWith("mailto:") || previous.stripTrailing().endsWith("<");
	}

	private boolean isStrongStart(String line) {
		String lower = Text.lower(Text.stripLeading(line, "-" + BIDI_MARKS));
		return !lower.isEmpty()
				&& (markers.startsWithIntro(lower) || Character.isDigit(lower.charAt(0)) || lower.indexOf('@') >= 0);
	}

	boolean isHeader(String joined) {
		if (joined.isEmpty() || joined.length() > MAX_HEADER_CHARS) {
			return false;
		}
		String lower = Text.lower(joined);
		boolean dashWrapped = lower.startsWith("--");
		if ((Text.hasDigitOrAt(lower) || dashWrapped)
				&& markers.endsWithVerb(Text.stripTrailing(lower, ":：-\u00a0\u202f"))) {
			return true;
		}
		boolean endsWithColon = lower.endsWith(":") || lower.endsWith("：");
		boolean startsWithDate = Character.isDigit(lower.charAt(0));
		if (endsWithColon && lower.indexOf('@') >= 0 && (startsWithDate || markers.containsVerb(lower))) {
			return true;
		}
		// Thunderbird names the sender without an address: "Am 12.03.2026 um 10:15
		// schrieb Dana via Casepost:"
		return endsWithColon && markers.startsWithIntro(lower) && TIME.matcher(lower).find()
				&& markers.containsVerb(lower);
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
