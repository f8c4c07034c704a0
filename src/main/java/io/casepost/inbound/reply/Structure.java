package io.casepost.inbound.reply;

/** A recognised piece of email furniture spanning lines {@code start..end}. */
record Structure(Kind kind, int start, int end) {

	enum Kind {

		/** "-- ", a mobile signature: everything below is the sender's signature. */
		SIGNATURE,
		/** An underscore rule, as Outlook and mailing-list footers draw it. */
		RULE, FORWARD, ORIGINAL, HEADER_BLOCK, QUOTE_HEADER

	}
}
