package io.casepost.inbound.reply;

import java.util.List;

/** Recognises the structure, if any, that starts at an unquoted line. */
final class StructureFinder {

	/**
	 * How far below a "From:" line the next field may be, when the sender's address
	 * wraps.
	 */
	private static final int FIELD_GAP = 3;

	private static final int MAX_FIELD_BLOCK = 12;

	private final Markers markers;

	private final QuoteHeaders quoteHeaders;

	StructureFinder(Markers markers) {
		this.markers = markers;
		this.quoteHeaders = new QuoteHeaders(markers);
	}

	Structure at(List<String> lines, int i) {
		String line = lines.get(i);
		if (line.strip().equals("--")) {
			return new Structure(Structure.Kind.SIGNATURE, i, i);
		}
		if (Text.isUnderscoreRule(line)) {
			return new Structure(Structure.Kind.RULE, i, i);
		}
		boolean phraseStart = markers.mayStartWithPhrase(line);
		if (phraseStart && markers.isForwardSeparator(line)) {
			return new Structure(Structure.Kind.FORWARD, i, fieldBlockEnd(lines, i + 1, i));
		}
		if (phraseStart && markers.isOriginalSeparator(line)) {
			return new Structure(Structure.Kind.ORIGINAL, i, fieldBlockEnd(lines, i + 1, i));
		}
		if (startsHeaderBlock(lines, i)) {
			return new Structure(Structure.Kind.HEADER_BLOCK, i, fieldBlockEnd(lines, i, i));
		}
		int headerEnd = quoteHeaders.endOfHeaderAt(lines, i);
		if (headerEnd >= 0) {
			return new Structure(Structure.Kind.QUOTE_HEADER, i, headerEnd);
		}
		if (phraseStart && markers.isMobileSignature(line) || isAppFooter(lines, i)) {
			return new Structure(Structure.Kind.SIGNATURE, i, i);
		}
		return null;
	}

	/**
	 * Where a quote header starts inside a line that begins with reply text ("Sounds
	 * good. On Mon, ... wrote:"), or -1.
	 */
	int sharedHeaderStart(String line) {
		return quoteHeaders.headerStartWithin(line);
	}

	/**
	 * "Obtenir Outlook pour iOS&lt;https://aka.ms/...&gt;", "Envoyé de Yahoo Mail pour
	 * Android": in any language, a short line naming a mail app and a device, with the
	 * app's link or standing alone at the end of the reply without a sentence's closing
	 * punctuation.
	 */
	private boolean isAppFooter(List<String> lines, int i) {
		String line = lines.get(i);
		boolean linked = line.contains("http") || line.contains("<") || line.contains("[");
		String s = line.strip();
		boolean standalone = (i == 0 || Text.isBlank(lines.get(i - 1))) && (i + 1 == lines.size()
				|| Text.isBlank(lines.get(i + 1)) && !".!?".contains(s.substring(s.length() - 1)));
		return (linked || standalone) && markers.namesAppAndDevice(line);
	}

	/**
	 * Whether the quoted lines from {@code start} open with a quote header (a quoted
	 * reply chain).
	 */
	boolean opensWithQuoteHeader(List<String> unquotedLines) {
		for (int i = 0; i < unquotedLines.size(); i++) {
			if (!Text.isBlank(unquotedLines.get(i))) {
				return quoteHeaders.endOfHeaderAt(unquotedLines, i) >= 0;
			}
		}
		return false;
	}

	/**
	 * "From: x" followed within a few lines by another field such as "Sent:" or "To:",
	 * with an address or date.
	 */
	private boolean startsHeaderBlock(List<String> lines, int i) {
		MarkerKind first = markers.fieldOf(lines.get(i));
		if (first == null) {
			return false;
		}
		boolean evidence = Text.hasDigitOrAt(lines.get(i));
		int limit = Math.min(lines.size(), i + 1 + FIELD_GAP);
		for (int j = i + 1; j < limit; j++) {
			String line = lines.get(j);
			evidence |= Text.hasDigitOrAt(line);
			MarkerKind next = markers.fieldOf(line);
			if (next != null && next != first && (first.opensHeaderBlock() || next.opensHeaderBlock())) {
				return evidence;
			}
		}
		return false;
	}

	/**
	 * Last line of the header fields starting at {@code from}; a wrapped value counts
	 * when a field follows it.
	 */
	private int fieldBlockEnd(List<String> lines, int from, int fallback) {
		int end = fallback;
		int limit = Math.min(lines.size(), from + MAX_FIELD_BLOCK);
		for (int j = from; j < limit; j++) {
			String line = lines.get(j);
			if (markers.fieldOf(line) != null) {
				end = j;
			}
			else if (Text.isBlank(line) || j + 1 >= lines.size() || markers.fieldOf(lines.get(j + 1)) == null) {
				break;
			}
		}
		return end;
	}

}
