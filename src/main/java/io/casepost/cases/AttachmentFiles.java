package io.casepost.cases;

import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The attachment store's files as a whole, for the sweep of files that no row names: a
 * crash between storing a file and committing its row leaves one behind.
 */
@Component
public class AttachmentFiles {

	private final AttachmentStore store;

	private final JdbcClient jdbc;

	AttachmentFiles(AttachmentStore store, JdbcClient jdbc) {
		this.store = store;
		this.jdbc = jdbc;
	}

	/** Keys of files stored before {@code before}, whether a row names them or not. */
	public List<String> storedBefore(Instant before) throws IOException {
		return store.keysStoredBefore(before);
	}

	/** Which of these keys an attachment row names. */
	public Set<String> recorded(Collection<String> keys) {
		if (keys.isEmpty()) {
			return Set.of();
		}
		return Set.copyOf(jdbc.sql("select storage_key from attachment where storage_key in (:keys)")
			.param("keys", keys)
			.query(String.class)
			.list());
	}

	public void delete(String key) {
		store.delete(key);
	}

}
