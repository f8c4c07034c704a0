package io.casepost.inbound.pipeline;

/**
 * A message to be forwarded to the Inbound Email Catch-All, published with its
 * disposition so it is never lost.
 */
public record CatchAllForward(long inboundMessageId, String reason, Long caseId) {
}
