package io.casepost.inbound.mime;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the inbound pipeline needs from one email. Addresses in lists are lower-cased,
 * message ids come without angle brackets, header values are unfolded and decoded.
 *
 * @param authors every mailbox of every {@code From:} header, in message order; one in
 * honest mail
 * @param sender the mailbox of the {@code Sender:} header, or null
 * @param allHeaders top-level headers by lower-case name, values in message order
 * @param contentType top-level base content type, lower-case (e.g.
 * {@code multipart/report})
 * @param reportType the {@code report-type} parameter of a {@code multipart/report},
 * lower-case, else null
 */
public record ParsedEmail(String messageId, List<EmailAddress> authors, EmailAddress sender, List<String> replyTo,
		List<String> to, List<String> cc, List<String> deliveredTo, List<String> xOriginalTo, String subject,
		Instant sentDate, String inReplyTo, List<String> references, Map<String, List<String>> allHeaders,
		String textBody, String htmlBody, List<ParsedAttachment> attachments, String contentType, String reportType) {

	/** The first author, or null when the message names none. */
	public EmailAddress from() {
		return authors.isEmpty() ? null : authors.get(0);
	}

	/** The first value of the header, or null. */
	public String header(String name) {
		var values = headers(name);
		return values.isEmpty() ? null : values.get(0);
	}

	public List<String> headers(String name) {
		return allHeaders.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
	}

	public boolean isReport() {
		return "multipart/report".equals(contentType);
	}
}
