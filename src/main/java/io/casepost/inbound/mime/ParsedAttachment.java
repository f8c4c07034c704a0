package io.casepost.inbound.mime;

import java.io.IOException;
import java.io.InputStream;

/**
 * A part of an email that is not its body text, in MIME order.
 *
 * @param index 0-based position among the attachments
 * @param fileName sanitized, never null
 * @param declaredContentType the base type the sender declared, lower-case; the bytes may
 * disagree
 * @param inline shown inside the message (a cid-referenced or inline image) rather than
 * attached
 * @param contentId without angle brackets, may be null
 * @param content where the sink put the decoded bytes; null when only the envelope was
 * read
 */
public record ParsedAttachment(int index, String fileName, String declaredContentType, boolean inline, String contentId,
		AttachmentContent content) {

	public InputStream open() throws IOException {
		return read().open();
	}

	/** The decoded size, as counted when the bytes went to the sink. */
	public long size() {
		return read().size();
	}

	private AttachmentContent read() {
		if (content == null) {
			throw new IllegalStateException("Only the envelope of the email was read, not " + fileName);
		}
		return content;
	}

}
