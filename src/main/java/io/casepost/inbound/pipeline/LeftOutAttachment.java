package io.casepost.inbound.pipeline;

/**
 * A part of the email that is not stored, and why, for the inbound log and the sender.
 *
 * @param inline shown in the message body (a logo, a pasted screenshot): callers may
 * choose not to list it
 */
public record LeftOutAttachment(String fileName, String reason, boolean inline) {

	/**
	 * A file the sender meant to send and the case does not have: not a logo in the body,
	 * not a file already there.
	 */
	boolean missingFromTheCase() {
		return !inline && !AttachmentSelector.ALREADY_ATTACHED.equals(reason)
				&& !reason.startsWith(AttachmentSelector.SAME_FILE_AS);
	}
}
