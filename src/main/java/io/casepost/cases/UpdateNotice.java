package io.casepost.cases;

import java.util.List;

/**
 * What a notification of a new update tells its case's manager: the case, the update and
 * its files, without the case's team or the update's recipients.
 */
public record UpdateNotice(long caseId, String caseNumber, String caseTitle, long caseManagerId,
		String caseManagerEmail, long updateId, String authorName, UpdateSource source, String body,
		List<AttachmentInfo> attachments) {
}
