package io.casepost.inbound.reply;

/**
 * What a person newly wrote in an email, and what was cut away.
 *
 * @param text the new text, without leading or trailing blank lines
 * @param trimmed what was removed (quotes, quote headers, signatures), for a "show
 * trimmed text" view
 * @param forwardIncluded a forwarded message followed the new text; false when the
 * message is only a forward, because then the forwarded text itself is returned as
 * {@code text}
 */
public record ExtractedReply(String text, String trimmed, boolean forwardIncluded) {
}
