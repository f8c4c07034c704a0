package io.casepost.inbound.pipeline;

import io.casepost.inbound.mime.ParsedEmail;
import io.casepost.inbound.reply.ExtractedReply;
import io.casepost.inbound.reply.ReplyExtractor;

/**
 * The new text of an email: from its plain-text body where it has one, else from its
 * HTML.
 */
public final class ReplyText {

	private ReplyText() {
	}

	public static ExtractedReply of(ParsedEmail email, ReplyExtractor extractor) {
		if (email.textBody() != null && !email.textBody().isBlank()) {
			return extractor.fromText(email.textBody());
		}
		if (email.htmlBody() != null) {
			return extractor.fromHtml(email.htmlBody());
		}
		return ExtractedReply.EMPTY;
	}

}
