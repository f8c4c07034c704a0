package io.casepost.cases;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
		var digest = sha256();
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
		return new StoredFile(key, size, HexFormat.of().formatHex(digest.digest()), size > limit);
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

}
