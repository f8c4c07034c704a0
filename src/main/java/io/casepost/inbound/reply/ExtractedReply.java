package io.casepost.inbound.reply;

/**
 * What a person newly wrote in an email, what was cut away, and a message they forwarded
 * with it.
 *
 * @param text the new text, without leading or trailing blank lines
 * @param trimmed what was removed (quoted history, quote headers, signatures), for a
 * "show trimmed text" view
 * @param forwarded a message forwarded below the new text ("FYI" and the forward), kept
 * whole: separator, header fields and body; "" when there is none, and when the message
 * is only a forward, because then the forwarded text itself is returned as {@code text}
 */
public record ExtractedReply(String text, String trimmed, String forwarded) {

	public static final ExtractedReply EMPTY = new ExtractedReply("", "", "");

	public boolean forwardIncluded() {
		return !forwarded.isEmpty();
	}

}
