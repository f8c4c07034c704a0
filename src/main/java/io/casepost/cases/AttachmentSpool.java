package io.casepost.cases;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import io.casepost.shared.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where every attachment is written first, whatever its source (web, API, email): one
 * copy that counts, hashes and keeps the head of the bytes on the way, on the local disk
 * beside the attachment store, so that adopting the file into the store is a rename (or
 * one PUT from this file on S3) and nothing reads the bytes back.
 */
@Component
public class AttachmentSpool {

	/** What type sniffing needs: Tika reads at most this much of a file. */
	public static final int HEAD_BYTES = 64 * 1024;

	private static final Logger log = LoggerFactory.getLogger(AttachmentSpool.class);

	private final Path root;

	AttachmentSpool(@Value("${casepost.data-dir}") Path dataDir) throws IOException {
		this.root = Files.createDirectories(dataDir.resolve("spool"));
		removeLeftovers(Duration.ofDays(1));
	}

	/**
	 * Copies at most {@code limit} bytes (plus one, to tell an oversized file; the rest
	 * of the stream is left unread), synced to disk, so an adopted file survives a crash
	 * once its row commits.
	 */
	public SpooledFile write(InputStream content, long limit) throws IOException {
		var path = root.resolve(UUID.randomUUID() + ".part");
		var digest = Sha256.newDigest();
		var head = new byte[HEAD_BYTES];
		int headLength = 0;
		long size = 0;
		try (var out = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			var buffer = new byte[64 * 1024];
			int read;
			while (size <= limit
					&& (read = content.read(buffer, 0, (int) Math.min(buffer.length - 1, limit - size) + 1)) != -1) {
				digest.update(buffer, 0, read);
				var toHead = Math.min(read, HEAD_BYTES - headLength);
				System.arraycopy(buffer, 0, head, headLength, toHead);
				headLength += toHead;
				out.write(java.nio.ByteBuffer.wrap(buffer, 0, read));
				size += read;
			}
			out.force(false);
		}
		catch (IOException | RuntimeException e) {
			Files.deleteIfExists(path);
			throw e;
		}
		return new SpooledFile(path, size, Sha256.hex(digest), Arrays.copyOf(head, headLength), size > limit);
	}

	/** Files a crash left behind; a day old, so no post in progress still needs them. */
	private void removeLeftovers(Duration age) throws IOException {
		var before = Instant.now().minus(age);
		try (var files = Files.list(root)) {
			for (var file : files.toList()) {
				if (Files.getLastModifiedTime(file).toInstant().isBefore(before) && Files.deleteIfExists(file)) {
					log.info("Removed {} left in the attachment spool", file.getFileName());
				}
			}
		}
	}

}
