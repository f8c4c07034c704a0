package io.casepost.inbound.inbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.casepost.shared.DurableFiles;
import io.casepost.shared.FilesWrittenBefore;
import io.casepost.shared.Sha256;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Raw inbound messages, byte for byte, on disk: written, synced and renamed into place,
 * their directory synced, before their row commits.
 */
@Component
public class RawMessageFiles {

	private final Path root;

	RawMessageFiles(@Value("${casepost.data-dir}") Path dataDir) throws IOException {
		this.root = DurableFiles.createDirectories(dataDir.resolve("inbox"));
	}

	public RawFile write(RawContent raw) throws IOException {
		var key = LocalDate.now() + "/" + UUID.randomUUID() + ".eml";
		var target = root.resolve(key);
		DurableFiles.createDirectories(target.getParent());
		var temp = target.resolveSibling(target.getFileName() + ".part");
		var digest = Sha256.newDigest();
		try (var out = new DigestOutputStream(Files.newOutputStream(temp), digest)) {
			raw.writeTo(out);
		}
		catch (jakarta.mail.MessagingException e) {
			Files.deleteIfExists(temp);
			throw new IOException("Could not read the message from its source: " + e.getMessage(), e);
		}
		catch (IOException e) {
			Files.deleteIfExists(temp);
			throw e;
		}
		var size = Files.size(temp);
		DurableFiles.move(temp, target);
		return new RawFile(key, target, size, Sha256.hex(digest));
	}

	/**
	 * Keys of the files written before {@code before}, stored messages and the
	 * {@code .part} files of writes a crash cut short alike.
	 */
	public List<String> keysStoredBefore(Instant before) throws IOException {
		return FilesWrittenBefore.under(root, 2, before);
	}

	public Path path(String key) {
		var path = root.resolve(key).normalize();
		if (!path.startsWith(root)) {
			throw new IllegalArgumentException("Not an inbox key: " + key);
		}
		return path;
	}

	public record RawFile(String key, Path path, long size, String sha256) {
	}

}
