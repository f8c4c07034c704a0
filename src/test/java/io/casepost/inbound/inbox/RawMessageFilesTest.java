package io.casepost.inbound.inbox;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.casepost.PowerLossFileSystem;
import io.casepost.shared.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A raw message stored in the inbox is on disk, whole and under its key, even if the
 * power goes the moment after its row could commit.
 */
class RawMessageFilesTest {

	@TempDir
	Path real;

	@Test
	void aStoredRawMessageIsThereByteForByteAfterAPowerLoss() throws Exception {
		var disk = new PowerLossFileSystem();
		var files = new RawMessageFiles(disk.wrap(real));
		var raw = "From: chris@client.example\r\nSubject: Re: update\r\n\r\nLocked at 6pm.\r\n"
			.getBytes(StandardCharsets.US_ASCII);

		var stored = files.write(RawContent.of(new ByteArrayInputStream(raw)));
		disk.losePower();

		var onDisk = real.resolve("inbox").resolve(stored.key());
		assertThat(onDisk).hasBinaryContent(raw);
		assertThat(Sha256.of(onDisk)).isEqualTo(stored.sha256());
		try (var day = Files.list(onDisk.getParent())) {
			assertThat(day).containsExactly(onDisk);
		}
	}

}
