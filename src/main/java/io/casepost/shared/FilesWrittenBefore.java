package io.casepost.shared;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The files under a directory last written before a moment, as keys relative to it
 * ({@code /}-separated): what a sweep of files that no row names looks at.
 */
public final class FilesWrittenBefore {

	private FilesWrittenBefore() {
	}

	public static List<String> under(Path root, int depth, Instant before) throws IOException {
		try (var files = Files.walk(root, depth)) {
			return files.filter(file -> writtenBefore(file, before))
				.map(file -> root.relativize(file).toString().replace(File.separatorChar, '/'))
				.toList();
		}
	}

	private static boolean writtenBefore(Path file, Instant before) {
		try {
			return Files.isRegularFile(file) && Files.getLastModifiedTime(file).toInstant().isBefore(before);
		}
		catch (IOException goneMeanwhile) {
			return false;
		}
	}

}
