package io.casepost.inbound.reply;

/** The kinds of phrases listed in markers.tsv. */
enum MarkerKind {

	INTRO, WROTE, FORWARD, ORIGINAL, FROM, SENT, DATE, TO, CC, SUBJECT, REPLYTO, MOBILE, APP, DEVICE, SIGNOFF;

	boolean isHeaderField() {
		return ordinal() >= FROM.ordinal() && ordinal() <= REPLYTO.ordinal();
	}

	/**
	 * A header block is only believed when it names a sender or a time, not just "To:"
	 * and "Subject:".
	 */
	boolean opensHeaderBlock() {
		return this == FROM || this == SENT || this == DATE;
	}

}
