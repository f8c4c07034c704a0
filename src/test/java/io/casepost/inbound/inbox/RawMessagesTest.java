package io.casepost.inbound.inbox;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.casepost.PowerLossFileSystem;
import io.casepost.shared.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Raw messages stored in the inbox on disk are there, whole and under their keys, even if
 * the power goes the moment after their rows could commit; a fetched chunk costs one sync
 * of its file and one of its directory, whatever its size.
 */
class RawMessagesTest {

	@TempDir
	Path real;

	final PowerLossFileSystem disk = new PowerLossFileSystem();

	@Test
	void aStoredRawMessageIsThereByteForByteAfterAPowerLoss() throws Exception {
		var files = onDisk();
		var raw = reply(0);

		var stored = files.write(List.of(RawContent.of(new ByteArrayInputStream(raw))), email -> null).get(0).file();
		disk.losePower();

		var onDisk = real.resolve("inbox").resolve(stored.key());
		assertThat(onDisk).hasBinaryContent(raw);
		assertThat(Sha256.of(onDisk)).isEqualTo(stored.sha256());
		try (var day = Files.list(onDisk.getParent())) {
			assertThat(day).containsExactly(onDisk);
		}
	}

	@Test
	void aChunkOfTwentyFiveMessagesIsOneFileSyncAndOneDirectorySyncAndSurvivesAPowerLoss() throws Exception {
		var files = onDisk();
		files.write(List.of(RawContent.of(new ByteArrayInputStream(reply(-1)))), email -> null);
		var filesBefore = disk.fileSyncs();
		var directoriesBefore = disk.directorySyncs();
		var raws = IntStream.range(0, 25).mapToObj(RawMessagesTest::reply).toList();

		var written = files.write(raws.stream().map(raw -> RawContent.of(new ByteArrayInputStream(raw))).toList(),
				email -> new String(email.open().readAllBytes(), StandardCharsets.US_ASCII));
		disk.losePower();

		assertThat(disk.fileSyncs() - filesBefore).as("file syncs for the chunk").isEqualTo(1);
		assertThat(disk.directorySyncs() - directoriesBefore).as("directory syncs for the chunk").isEqualTo(1);
		var readBack = new ArrayList<byte[]>();
		for (var message : written) {
			try (var in = files.open(message.file()).open()) {
				var bytes = in.readAllBytes();
				readBack.add(bytes);
				assertThat(Sha256.of(new ByteArrayInputStream(bytes))).isEqualTo(message.file().sha256());
			}
		}
		assertThat(readBack).containsExactlyElementsOf(raws);
		assertThat(written).extracting(RawMessages.Written::inspected)
			.containsExactlyElementsOf(raws.stream().map(raw -> new String(raw, StandardCharsets.US_ASCII)).toList());
	}

	@Test
	void aMessageInAChunkFileCountsAsAvailableItsOwnBytesAndNotTheNextMessages() throws Exception {
		var files = onDisk();
		var raws = IntStream.range(0, 3).mapToObj(RawMessagesTest::reply).toList();
		var middle = files
			.write(raws.stream().map(raw -> RawContent.of(new ByteArrayInputStream(raw))).toList(), email -> null)
			.get(1)
			.file();

		try (var in = files.open(middle).open()) {
			assertThat(in.available()).isEqualTo(raws.get(1).length);
			in.readNBytes(10);
			assertThat(in.available()).isEqualTo(raws.get(1).length - 10);
			assertThat(in.readAllBytes()).hasSize(raws.get(1).length - 10);
			assertThat(in.available()).isZero();
		}
	}

	private RawMessages onDisk() throws Exception {
		return new RawMessages(disk.wrap(real),
				new StaticListableBeanFactory().getBeanProvider(io.casepost.cases.BucketFiles.class));
	}

	private static byte[] reply(int number) {
		return ("From: chris@client.example\r\nSubject: Re: update " + number + "\r\n\r\nLocked at " + number
				+ " pm.\r\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

}
