package io.casepost.cases;

import java.time.Instant;

/**
 * A further email address of a person; only a verified one speaks for them.
 *
 * @param addedBy who added it, where someone did
 * @param inboundMessageId the inbound message whose sender it was, where it was added
 * from the Inbound Messages queue
 */
public record Alias(long id, long personId, String email, boolean verified, String addedBy, Instant addedAt,
		Long inboundMessageId) {
}
