package io.casepost.inbound;

import java.time.Instant;

/**
 * A decision someone took on a message in the Inbound Messages queue ({@code POST},
 * {@code ALIAS_AND_POST}, {@code DISMISS}).
 */
public record InboundAction(String action, long actorId, String actorEmail, String detail, Instant actedAt) {
}
