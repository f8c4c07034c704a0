package io.casepost.cases;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Files that other modules keep in the attachment bucket beside the attachments (raw
 * inbound messages), so that every instance reads what any of them stored. Their keys
 * hold a {@code /} and attachment keys none, so the two never meet; the sweep of files no
 * row names sees both. Only with {@code casepost.attachments.store=s3}.
 */
@Component
@ConditionalOnProperty(name = "casepost.attachments.store", havingValue = "s3")
public class BucketFiles {

	private final S3AttachmentStore store;

	BucketFiles(S3AttachmentStore store) {
		this.store = store;
	}

	/** One PUT of a local file, its SHA-256 kept as the object's metadata. */
	public void put(String key, Path file, String sha256) {
		if (!key.contains("/")) {
			throw new IllegalArgumentException("Not a key beside the attachments: " + key);
		}
		store.upload(key, file, sha256);
	}

	public InputStream open(String key) throws IOException {
		return store.open(key);
	}

}
