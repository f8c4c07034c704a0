package io.casepost.cases;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

import io.casepost.shared.Sha256;

/**
 * An attachment's bytes as read from the store, hashed on the way through: at the end,
 * bytes that are not the ones recorded at upload make the read fail, so a damaged or
 * swapped file is never handed out as whole.
 */
final class VerifiedContent extends FilterInputStream {

	private final AttachmentInfo expected;

	private final MessageDigest digest = Sha256.newDigest();

	private long size;

	private boolean checked;

	VerifiedContent(InputStream content, AttachmentInfo expected) {
		super(content);
		this.expected = expected;
	}

	@Override
	public int read() throws IOException {
		var read = super.read();
		if (read == -1) {
			check();
		}
		else {
			digest.update((byte) read);
			size++;
		}
		return read;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		var read = super.read(buffer, offset, length);
		if (read == -1) {
			check();
		}
		else {
			digest.update(buffer, offset, read);
			size += read;
		}
		return read;
	}

	@Override
	public long skip(long count) throws IOException {
		// skipping would leave bytes unhashed
		var buffer = new byte[(int) Math.min(count, 8192)];
		var read = read(buffer, 0, buffer.length);
		return Math.max(read, 0);
	}

	@Override
	public boolean markSupported() {
		return false;
	}

	private void check() throws IOException {
		if (checked) {
			return;
		}
		checked = true;
		var actual = Sha256.hex(digest);
		if (size != expected.size() || !actual.equals(expected.sha256())) {
			throw new IOException(
					"Attachment %d (%s) is damaged in the store: %d bytes with SHA-256 %s, but %d bytes with %s were stored"
						.formatted(expected.id(), expected.filename(), size, actual, expected.size(),
								expected.sha256()));
		}
	}

}
