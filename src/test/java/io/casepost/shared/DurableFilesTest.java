package io.casepost.shared;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.casepost.PowerLossFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files moved into place survive a power loss only when their directory is synced: shown
 * on a file system that undoes whatever was not synced.
 */
class DurableFilesTest {

	private static final byte[] MESSAGE = "From: chris@client.example\r\n\r\nLocked at 6pm.\r\n"
		.getBytes(StandardCharsets.US_ASCII);

	@TempDir
	Path real;

	final PowerLossFileSystem disk = new PowerLossFileSystem();

	@Test
	void aFileRenamedWithoutSyncingItsDirectoryIsBackUnderItsOldNameAfterAPowerLoss() throws Exception {
		var part = forcedFile("message.eml.part");
		DurableFiles.syncDirectory(part.getParent());

		Files.move(part, part.resolveSibling("message.eml"));
		disk.losePower();

		assertThat(real.resolve("message.eml")).doesNotExist();
		assertThat(real.resolve("message.eml.part")).hasBinaryContent(MESSAGE);
	}

	@Test
	void aFileWhoseBytesWereNeverForcedComesBackEmpty() throws Exception {
		var file = disk.wrap(real).resolve("message.eml");
		Files.write(file, MESSAGE);
		DurableFiles.syncDirectory(file.getParent());

		disk.losePower();

		assertThat(real.resolve("message.eml")).isEmptyFile();
	}

	@Test
	void aFileMovedDurablyIsThereWholeUnderItsNewNameAfterAPowerLoss() throws Exception {
		var part = disk.wrap(real).resolve("message.eml.part");
		Files.write(part, MESSAGE);
		DurableFiles.syncDirectory(part.getParent());

		DurableFiles.move(part, part.resolveSibling("message.eml"));
		disk.losePower();

		assertThat(real.resolve("message.eml")).hasBinaryContent(MESSAGE);
		assertThat(real.resolve("message.eml.part")).doesNotExist();
	}

	@Test
	void newDirectoriesAreThereAfterAPowerLossWithTheirParentsNames() throws Exception {
		var day = DurableFiles.createDirectories(disk.wrap(real).resolve("inbox/2026-12-03"));
		var part = day.resolve("message.eml.part");
		Files.write(part, MESSAGE);

		DurableFiles.move(part, day.resolve("message.eml"));
		disk.losePower();

		assertThat(real.resolve("inbox/2026-12-03/message.eml")).hasBinaryContent(MESSAGE);
	}

	private Path forcedFile(String name) throws Exception {
		var file = disk.wrap(real).resolve(name);
		try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE_NEW,
				java.nio.file.StandardOpenOption.WRITE)) {
			channel.write(java.nio.ByteBuffer.wrap(MESSAGE));
			channel.force(true);
		}
		return file;
	}

}
