package io.casepost.inbound.mime;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.util.SharedFileInputStream;

/**
 * An attachment's content found again in the stored message by its path of child indexes.
 * Each {@link #open()} reads the file afresh and closes it with the stream, so a
 * {@link ParsedEmail} holds no open file.
 */
record StoredPart(Path messageFile, List<Integer> path) implements AttachmentContent {

	@Override
	public InputStream open() throws IOException {
		var file = new SharedFileInputStream(messageFile.toFile());
		try {
			var part = MimeTree.partAt(MimeTree.open(file), path);
			return new ClosingFileStream(MimeTree.decodedContent(part), file);
		}
		catch (MessagingException | RuntimeException malformed) {
			file.close();
			throw new IOException("cannot read attachment at MIME path " + path + ": " + malformed.getMessage(),
					malformed);
		}
	}

	private static final class ClosingFileStream extends FilterInputStream {

		private final SharedFileInputStream file;

		ClosingFileStream(InputStream content, SharedFileInputStream file) {
			super(content);
			this.file = file;
		}

		@Override
		public void close() throws IOException {
			try (file) {
				super.close();
			}
		}

	}
}
