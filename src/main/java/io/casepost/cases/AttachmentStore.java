package io.casepost.cases;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/**
 * Where attachment bytes live: on the local disk (the default) or in S3-compatible object
 * storage, chosen by {@code casepost.attachments.store}. Keys are our own, never derived
 * from the user's file name.
 */
interface AttachmentStore {

	/**
	 * Takes a spooled file into the store under a new key: a rename on disk, one PUT from
	 * the spooled file in object storage. The spooled file is gone afterwards.
	 */
	StoredFile adopt(SpooledFile spooled) throws IOException;

	InputStream open(String key) throws IOException;

	void delete(String key);

	/**
	 * The keys of files stored before {@code before}, whether a row names them or not.
	 */
	List<String> keysStoredBefore(Instant before) throws IOException;

}
