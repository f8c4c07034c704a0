package io.casepost.inbound.pipeline;

import java.util.List;

/**
 * The attachments of one email split into those stored and those left out, each in MIME
 * order.
 */
public record AttachmentSelection(List<AcceptedAttachment> accepted, List<LeftOutAttachment> leftOut) {
}
