package io.casepost.cases;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;

import io.casepost.shared.Sha256;

/**
 * Streams bytes from one place to another in small pieces, counting and hashing them on
 * the way.
 */
final class HashingCopy {

	private HashingCopy() {
	}

	/**
	 * Stops one byte past {@code limit}, so that an oversized file is told without
	 * reading all of it.
	 */
	static StoredFile copy(String key, InputStream content, OutputStream target, long limit) throws IOException {
		var digest = Sha256.newDigest();
		long size = 0;
		try (var in = content; var out = new DigestOutputStream(target, digest)) {
			var buffer = new byte[64 * 1024];
			int read;
			while ((read = in.read(buffer)) != -1) {
				out.write(buffer, 0, read);
				size += read;
				if (size > limit) {
					break;
				}
			}
		}
		return new StoredFile(key, size, Sha256.hex(digest), size > limit);
	}

}
