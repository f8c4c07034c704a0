package io.casepost.inbound.pipeline;

import io.casepost.cases.DetectedType;
import io.casepost.inbound.mime.ParsedAttachment;

/** An attachment to store with the case update, with the type its bytes showed. */
public record AcceptedAttachment(ParsedAttachment attachment, DetectedType type) {
}
