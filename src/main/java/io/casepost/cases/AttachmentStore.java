package io.casepost.cases;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where attachment bytes live: on the local disk (the default) or in S3-compatible object
 * storage, chosen by {@code casepost.attachments.store}. Keys are our own, never derived
 * from the user's file name.
 */
interface AttachmentStore {

	/**
	 * Copies at most {@code limit} bytes (plus one, to tell an oversized file) while
	 * hashing them; never holds the file in memory.
	 */
	StoredFile store(InputStream content, long limit) throws IOException;

	InputStream open(String key) throws IOException;

	void delete(String key);

}
