package io.casepost.settings;

import java.util.Set;

/** A change to General Case Settings: a null field stays as it is. */
public record SettingsChange(Boolean emailUpdateRepliesEnabled, String inboundCatchAllAddress,
		Boolean notifyCaseManagerOnNewUpdate, Set<String> supportedFileTypes, Integer maxAttachmentsPerEmail,
		Long maxAttachmentBytes, Boolean senderNoticesEnabled, Long maxUpdateEmailAttachmentBytes) {
}
