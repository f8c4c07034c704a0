package io.casepost.inbound.mime;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A decoder that produces one byte at a time; bulk reads and skips are built on
 * {@link #read()}.
 */
abstract class DecodingInputStream extends FilterInputStream {

	DecodingInputStream(InputStream encoded) {
		super(encoded);
	}

	@Override
	public abstract int read() throws IOException;

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int count = 0;
		while (count < length) {
			int next = read();
			if (next < 0) {
				return count == 0 ? -1 : count;
			}
			buffer[offset + count++] = (byte) next;
		}
		return count;
	}

	@Override
	public long skip(long n) throws IOException {
		long skipped = 0;
		while (skipped < n && read() >= 0) {
			skipped++;
		}
		return skipped;
	}

	@Override
	public int available() {
		return 0;
	}

	@Override
	public boolean markSupported() {
		return false;
	}

}
