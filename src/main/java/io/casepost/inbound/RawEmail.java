package io.casepost.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stored email's raw bytes, opened as often as a reader needs them: a file of its own,
 * its part of a file that holds a fetched chunk, or an object in a bucket.
 */
public interface RawEmail {

	long size() throws IOException;

	InputStream open() throws IOException;

	static RawEmail of(Path file) {
		return new RawEmail() {
			@Override
			public long size() throws IOException {
				return Files.size(file);
			}

			@Override
			public InputStream open() throws IOException {
				return Files.newInputStream(file);
			}
		};
	}

}
