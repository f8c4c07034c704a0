package io.casepost.cases;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file written once to the local spool, with what posting needs to know of it: its size
 * and SHA-256 (counted and hashed on the way in) and its first bytes, from which its type
 * is told. Posting adopts it into the attachment store; whatever is not adopted is
 * discarded.
 *
 * @param head at most {@link AttachmentSpool#HEAD_BYTES} first bytes, for type sniffing
 * @param overLimit more bytes came than the limit it was written under: the rest was not
 * kept
 */
public record SpooledFile(Path path, long size, String sha256, byte[] head, boolean overLimit) {

	public InputStream open() throws IOException {
		return Files.newInputStream(path);
	}

	/** Removes the spooled bytes unless they were adopted (moved) already. */
	public void discard() {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
