package io.casepost.cases;

import java.time.Instant;
import java.util.List;

public record CaseUpdate(long id, long caseId, Person author, String body, UpdateSource source, Instant postedAt,
		List<AttachmentInfo> attachments, List<Person> recipients, String trimmedText, Long inboundMessageId,
		String note, String forwardedText) {
}
