package io.casepost.inbound.mime;

import java.io.IOException;
import java.io.InputStream;

import io.casepost.shared.Sha256;

/**
 * Where the parser puts each attachment's decoded bytes as it streams past them: decoded
 * once, never looked up in the message again.
 */
@FunctionalInterface
public interface AttachmentSink {

	/**
	 * Takes the decoded bytes of one attachment; {@code decoded} is only readable during
	 * the call. An {@link IOException} here is the sink's failure (a full disk), not the
	 * message's, and reaches the caller as an {@link java.io.UncheckedIOException}.
	 */
	AttachmentContent write(String fileName, String mediaType, InputStream decoded) throws IOException;

	/**
	 * Lists the attachments without reading them (their content is null): for a preview
	 * of the text.
	 */
	AttachmentSink SKIP = (fileName, mediaType, decoded) -> null;

	/** Keeps the bytes in memory: for tools and tests, not for mail of any size. */
	static AttachmentSink inMemory() {
		return (fileName, mediaType, decoded) -> new InMemory(decoded.readAllBytes());
	}

	record InMemory(byte[] bytes) implements AttachmentContent {

		@Override
		public java.io.InputStream open() {
			return new java.io.ByteArrayInputStream(bytes);
		}

		@Override
		public long size() {
			return bytes.length;
		}

		@Override
		public String sha256() {
			try {
				return Sha256.of(open());
			}
			catch (IOException impossibleInMemory) {
				throw new java.io.UncheckedIOException(impossibleInMemory);
			}
		}

		@Override
		public byte[] head() {
			return java.util.Arrays.copyOf(bytes, Math.min(bytes.length, 64 * 1024));
		}

	}

}
