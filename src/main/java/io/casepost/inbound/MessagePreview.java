package io.casepost.inbound;

import java.util.List;

/**
 * What a person reads of an inbound message before deciding on it: its new text and what
 * was trimmed, as plain text (never its HTML), and its attachments. {@code unreadable}
 * says why there is no text when the message could not be parsed.
 */
public record MessagePreview(InboundMessage message, String text, String trimmed, List<String> attachments,
		String unreadable) {
}
