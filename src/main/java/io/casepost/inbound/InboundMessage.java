package io.casepost.inbound;

import java.time.Instant;

/** An inbound message as the inbound log shows it. */
public record InboundMessage(long id, String messageId, String from, String subject, Instant receivedAt,
		Disposition disposition, String reason, Long caseId, Long updateId, int attempts, String lastError,
		String sha256, long size, String source, EmailAuthentication authentication) {
}
