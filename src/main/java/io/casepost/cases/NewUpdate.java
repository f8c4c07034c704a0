package io.casepost.cases;

import java.util.List;
import java.util.Set;

/**
 * What a person posts to a case, from any source.
 *
 * @param trimmedText what was taken out of an emailed reply (quotes, signature), kept so
 * it can be shown
 * @param inboundMessageId the inbound message an emailed update came from
 * @param note a remark shown with the update, e.g. which emailed files were left out and
 * why
 * @param authorId the author by id where the caller knows it (an emailed reply), instead
 * of {@code authorEmail}
 * @param forwardedText a message forwarded inside an emailed reply, kept whole with it
 */
public record NewUpdate(long caseId, String authorEmail, String body, Set<String> recipientEmails,
		List<NewAttachment> attachments, UpdateSource source, String trimmedText, Long inboundMessageId, String note,
		Long authorId, String forwardedText) {

	public static NewUpdate of(long caseId, String authorEmail, String body, Set<String> recipientEmails,
			List<NewAttachment> attachments, UpdateSource source) {
		return new NewUpdate(caseId, authorEmail, body, recipientEmails, attachments, source, null, null, null, null,
				null);
	}

	/** An update that came by email, from a person known by id. */
	public static NewUpdate emailed(long caseId, long authorId, String body, List<NewAttachment> attachments,
			String trimmedText, long inboundMessageId, String note, String forwardedText) {
		return new NewUpdate(caseId, null, body, null, attachments, UpdateSource.EMAIL, trimmedText, inboundMessageId,
				note, authorId, forwardedText);
	}
}
