package io.casepost.shared;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;

/**
 * File operations that survive a power loss once they return. A file's bytes reach the
 * disk with its own sync, but its name lives in its directory, which needs a sync of its
 * own: without it a committed row can point at a file that a power loss took away. (POSIX
 * file systems; a directory is synced by forcing a channel opened on it.)
 */
public final class DurableFiles {

	private DurableFiles() {
	}

	/**
	 * Creates the directory and its missing parents, each one's name synced in its
	 * parent.
	 */
	public static Path createDirectories(Path directory) throws IOException {
		var missing = new ArrayDeque<Path>();
		for (var ancestor = directory.toAbsolutePath(); ancestor != null
				&& !Files.isDirectory(ancestor); ancestor = ancestor.getParent()) {
			missing.push(ancestor);
		}
		Files.createDirectories(directory);
		for (var created : missing) {
			syncDirectory(created.getParent());
		}
		return directory;
	}

	/**
	 * Syncs the file's bytes, renames it to {@code target} in one step and syncs the
	 * target's directory: afterwards the file is there under its new name, whole, even
	 * after a power loss.
	 */
	public static void move(Path file, Path target) throws IOException {
		try (var channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
			channel.force(true);
		}
		Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
		syncDirectory(target.toAbsolutePath().getParent());
	}

	public static void syncDirectory(Path directory) throws IOException {
		try (var channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
	}

}
