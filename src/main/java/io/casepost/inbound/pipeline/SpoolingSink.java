package io.casepost.inbound.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import io.casepost.cases.AttachmentSpool;
import io.casepost.cases.SpooledFile;
import io.casepost.inbound.mime.AttachmentContent;
import io.casepost.inbound.mime.AttachmentSink;

/**
 * Decoded attachments written straight into the attachment spool, so that posting adopts
 * them without reading them again. What is not adopted is discarded when the message is
 * done with.
 */
final class SpoolingSink implements AttachmentSink, AutoCloseable {

	private final AttachmentSpool spool;

	private final long maxBytes;

	private final List<SpooledFile> written = new ArrayList<>();

	SpoolingSink(AttachmentSpool spool, long maxBytes) {
		this.spool = spool;
		this.maxBytes = maxBytes;
	}

	@Override
	public AttachmentContent write(String fileName, String mediaType, InputStream decoded) throws IOException {
		var file = spool.write(decoded, maxBytes);
		written.add(file);
		return new Spooled(file);
	}

	/** The spooled file of an attachment this sink took. */
	static SpooledFile fileOf(AttachmentContent content) {
		if (content instanceof Spooled spooled) {
			return spooled.file();
		}
		throw new IllegalArgumentException("Not a spooled attachment: " + content);
	}

	@Override
	public void close() {
		written.forEach(SpooledFile::discard);
	}

	private record Spooled(SpooledFile file) implements AttachmentContent {

		@Override
		public InputStream open() throws IOException {
			return file.open();
		}

		@Override
		public long size() {
			return file.size();
		}

		@Override
		public String sha256() {
			return file.sha256();
		}

		@Override
		public byte[] head() {
			return file.head();
		}

	}

}
