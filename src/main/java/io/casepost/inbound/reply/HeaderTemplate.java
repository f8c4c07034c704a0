package io.casepost.inbound.reply;

import java.util.ArrayList;
import java.util.List;

/**
 * A quote header as a mail client writes it, from the client's own translation: "Am
 * {date} um {time} schrieb {sender}:", "{n}-{n}-{n} ({w}) の {n}:{n} {w} に {sender}
 * さんは書きました:". Literal parts must appear as written; slots match what the client fills in,
 * within bounds, so a match costs a few scans of a short header and never backtracks
 * without limit.
 */
final class HeaderTemplate {

	private static final int MAX_SENDER = 200;

	private static final int MAX_DATE = 80;

	private static final int MAX_TIME = 30;

	private static final int MAX_NUMBER = 4;

	private static final int MAX_WORD = 20;

	/** Tries of a slot end over all slots of one match. */
	private static final int MAX_STEPS = 200;

	/** Colons that close a header: ASCII, full-width (CJK), Khmer. */
	static final String COLONS = ":：៖";

	private static final String SPACES = "\u00a0\u2007\u2009\u202f\u2002\u2003";

	private static final String MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069";

	private enum Slot {

		SENDER, DATE, TIME, NUMBER, WORD;

		static Slot named(String name) {
			return switch (name) {
				case "sender" -> SENDER;
				case "date" -> DATE;
				case "time" -> TIME;
				case "n" -> NUMBER;
				case "w" -> WORD;
				default -> throw new IllegalArgumentException("unknown slot {" + name + "}");
			};
		}

		boolean fits(String s, int from, int to) {
			int length = to - from;
			if (length <= 0 || Character.isWhitespace(s.charAt(from)) && this != SENDER) {
				return false;
			}
			return switch (this) {
				case SENDER -> length <= MAX_SENDER;
				case DATE -> length <= MAX_DATE && hasDigit(s, from, to);
				case TIME -> length <= MAX_TIME && hasDigit(s, from, to);
				case NUMBER -> length <= MAX_NUMBER && allDigits(s, from, to);
				case WORD -> length <= MAX_WORD && s.substring(from, to).indexOf(' ') < 0;
			};
		}

	}

	/** Alternating parts: literal, slot, literal, ... (literals may be empty). */
	private final List<String> literals = new ArrayList<>();

	private final List<Slot> slots = new ArrayList<>();

	private final boolean dated;

	private HeaderTemplate(String template) {
		String t = normalize(template);
		StringBuilder literal = new StringBuilder();
		int i = 0;
		while (i < t.length()) {
			int close = t.charAt(i) == '{' ? t.indexOf('}', i) : -1;
			if (close < 0) {
				literal.append(t.charAt(i++));
				continue;
			}
			Slot slot = Slot.named(t.substring(i + 1, close));
			if (literal.isEmpty() && !slots.isEmpty()) {
				// two slots side by side ("{date}{w}") read as one date
				slots.set(slots.size() - 1, Slot.DATE);
			}
			else {
				literals.add(literal.toString());
				slots.add(slot);
			}
			literal.setLength(0);
			i = close + 1;
		}
		literals.add(literal.toString());
		this.dated = slots.stream().anyMatch(slot -> slot != Slot.SENDER);
		if (!slots.contains(Slot.SENDER)) {
			throw new IllegalArgumentException("a quote header names its sender: " + template);
		}
	}

	static HeaderTemplate parse(String template) {
		return new HeaderTemplate(template);
	}

	/**
	 * Carries a date or time: such a header is recognised anywhere; one that only names
	 * its sender ("{sender} wrote:") only right above a quote.
	 */
	boolean dated() {
		return dated;
	}

	/** Opens with a weekday or a number ("{w}, {n}-{n}-{n} ..."), not with words. */
	boolean opensWithDatePart() {
		return literals.get(0).isEmpty() && (slots.get(0) == Slot.WORD || slots.get(0) == Slot.NUMBER);
	}

	/**
	 * The character the header ends with (normalized), or 0 when it ends with a slot.
	 */
	char lastChar() {
		String last = literals.get(literals.size() - 1);
		return last.isEmpty() ? 0 : last.charAt(last.length() - 1);
	}

	/** The literal after the last slot: "schrieb", "a écrit", "wrote". */
	String closingWords() {
		return literals.get(literals.size() - 1).strip();
	}

	/** Whether {@code normalized} (see {@link #normalize}) is this header, whole. */
	boolean matches(String normalized) {
		String first = literals.get(0);
		String last = literals.get(literals.size() - 1);
		if (!normalized.startsWith(first) || !normalized.endsWith(last)
				|| normalized.length() < first.length() + last.length()) {
			return false;
		}
		return matchFrom(normalized, first.length(), 0, normalized.length() - last.length(), new int[] { 0 });
	}

	private boolean matchFrom(String s, int at, int slot, int end, int[] steps) {
		if (slot == slots.size() - 1) {
			return slots.get(slot).fits(s, at, end);
		}
		String next = literals.get(slot + 1);
		for (int found = s.indexOf(next, at + 1); found >= 0
				&& found + next.length() <= end; found = s.indexOf(next, found + 1)) {
			if (++steps[0] > MAX_STEPS) {
				return false;
			}
			if (slots.get(slot).fits(s, at, found) && matchFrom(s, found + next.length(), slot + 1, end, steps)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Lower case, one plain space for any run of spaces (no-break and thin spaces of
	 * national typography included), no space before a colon, no bidi marks, and no
	 * closing colon: "Le 12 mars, Dana a écrit&nbsp;:" and "le 12 mars, dana a écrit"
	 * read the same.
	 */
	static String normalize(String text) {
		StringBuilder out = new StringBuilder(text.length());
		boolean space = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (MARKS.indexOf(c) >= 0) {
				continue;
			}
			if (Character.isWhitespace(c) || SPACES.indexOf(c) >= 0) {
				space = out.length() > 0;
				continue;
			}
			if (space && COLONS.indexOf(c) < 0) {
				out.append(' ');
			}
			space = false;
			out.append(c);
		}
		int end = out.length();
		while (end > 0 && COLONS.indexOf(out.charAt(end - 1)) >= 0) {
			end--;
		}
		return Text.lower(out.substring(0, end).strip());
	}

	private static boolean hasDigit(String s, int from, int to) {
		for (int i = from; i < to; i++) {
			if (Character.isDigit(s.charAt(i))) {
				return true;
			}
		}
		return false;
	}

	private static boolean allDigits(String s, int from, int to) {
		for (int i = from; i < to; i++) {
			if (!Character.isDigit(s.charAt(i))) {
				return false;
			}
		}
		return true;
	}

}
