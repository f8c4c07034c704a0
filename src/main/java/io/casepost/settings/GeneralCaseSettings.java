package io.casepost.settings;

import java.util.Set;

/**
 * General Case Settings, kept as one row: Case Updates (replies, catch-all, notification)
 * and attachment limits.
 *
 * @param senderNoticesEnabled tell the sender of an authorized reply that was refused or
 * had files left out
 * @param maxUpdateEmailAttachmentBytes how many bytes of an update's files, in total, are
 * attached to its email; the rest are only linked
 */
public record GeneralCaseSettings(boolean emailUpdateRepliesEnabled, String inboundCatchAllAddress,
		boolean notifyCaseManagerOnNewUpdate, Set<String> supportedFileTypes, int maxAttachmentsPerEmail,
		long maxAttachmentBytes, boolean senderNoticesEnabled, long maxUpdateEmailAttachmentBytes) {
}
