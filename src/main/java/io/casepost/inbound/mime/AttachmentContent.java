package io.casepost.inbound.mime;

import java.io.IOException;
import java.io.InputStream;

/**
 * An attachment's decoded bytes where an {@link AttachmentSink} put them, with what was
 * learned on the way: the size, the SHA-256 and the first bytes for type sniffing.
 */
public interface AttachmentContent {

	InputStream open() throws IOException;

	long size();

	String sha256();

	/** The first bytes (at most 64 KB): enough to tell the file's type. */
	byte[] head();

}
