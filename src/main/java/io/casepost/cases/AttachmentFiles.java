package io.casepost.cases;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Attachment bytes on disk under the data directory, streamed in and out. */
@Component
class AttachmentFiles {

	private final Path root;

	AttachmentFiles(@Value("${casepost.data-dir}") Path dataDir) throws IOException {
		this.root = Files.createDirectories(dataDir.resolve("attachments"));
	}

	/** Copies at most {@code limit} bytes (plus one, to tell an oversized file) while hashing them. */
	StoredFile store(InputStream content, long limit) throws IOException {
		var key = UUID.randomUUID().toString();
		var digest = sha256();
		long size = 0;
		try (var in = content; var out = new DigestOutputStream(Files.newOutputStream(root.resolve(key)), digest)) {
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

	InputStream open(String key) throws IOException {
		return Files.newInputStream(root.resolve(key));
	}

	void delete(String key) {
		try {
			Files.deleteIfExists(root.resolve(key));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
