package io.casepost.inbound.mime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

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
 */
public record ParsedAttachment(int index, String fileName, String declaredContentType, boolean inline, String contentId,
		AttachmentContent content) {

	public InputStream open() throws IOException {
		return content.open();
	}

	/**
	 * The decoded size, counted by reading the bytes: call it once and keep the answer.
	 */
	public long size() throws IOException {
		try (var in = open()) {
			return in.transferTo(OutputStream.nullOutputStream());
		}
	}
}
