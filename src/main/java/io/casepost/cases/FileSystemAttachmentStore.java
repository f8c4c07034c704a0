package io.casepost.cases;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.casepost.shared.DurableFiles;
import io.casepost.shared.FilesWrittenBefore;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Attachment bytes on disk under the data directory: the default store. */
@Component
@ConditionalOnProperty(name = "casepost.attachments.store", havingValue = "filesystem", matchIfMissing = true)
class FileSystemAttachmentStore implements AttachmentStore {

	private final Path root;

	FileSystemAttachmentStore(@Value("${casepost.data-dir}") Path dataDir) throws IOException {
		this.root = DurableFiles.createDirectories(dataDir.resolve("attachments"));
	}

	@Override
	public StoredFile adopt(SpooledFile spooled) throws IOException {
		var key = UUID.randomUUID().toString();
		// synced in its directory too: the row that names it commits right after
		DurableFiles.move(spooled.path(), root.resolve(key));
		return new StoredFile(key, spooled.size(), spooled.sha256());
	}

	@Override
	public InputStream open(String key) throws IOException {
		return Files.newInputStream(file(key));
	}

	@Override
	public void delete(String key) {
		try {
			Files.deleteIfExists(file(key));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public List<String> keysStoredBefore(Instant before) throws IOException {
		return FilesWrittenBefore.under(root, 1, before);
	}

	/** Where the bytes of {@code key} are, whether or not they exist. */
	Path file(String key) {
		return root.resolve(key);
	}

}
