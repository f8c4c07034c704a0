package io.casepost.outbound;

import java.time.Instant;

/**
 * One update email sent (or to be sent) to one person: what authorizes that person's
 * reply.
 */
public record RecipientEntry(long id, long updateId, long caseId, long personId, String address, String messageId,
		String replyToken, String replyTo, DeliveryStatus status, int attempts, String lastError, Instant createdAt,
		Instant sentAt) {
}
