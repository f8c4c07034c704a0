package io.casepost.cases;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.casepost.TestApi.TestCase;
import io.casepost.TestApi;
import io.casepost.shared.Sha256;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.InputStreamSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every attachment store must do; run against each store by the subclasses. */
abstract class AttachmentStoreRules {

	static final int TWENTY_FIVE_MB = 25 * 1024 * 1024;

	@LocalServerPort
	int port;

	@Autowired
	CaseUpdateService updates;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AttachmentFiles files;

	TestApi manager;

	TestCase caseFile;

	/**
	 * Replaces what the store holds under {@code key}, as a fault or an attacker might.
	 */
	abstract void overwriteStored(String key, byte[] bytes) throws IOException;

	/** The keys the store holds. */
	abstract List<String> storedKeys() throws IOException;

	@BeforeEach
	void openCase() {
		var admin = TestApi.asAdmin(port);
		caseFile = admin.openCase();
		manager = admin.as(caseFile.managerEmail(), "pw-" + caseFile.managerEmail());
	}

	@Test
	void aFileUploadedThroughTheApiDownloadsWithTheSameBytes() {
		var bytes = pdf(200_000, 1);

		var posted = manager
			.postWithFiles(caseFile.updatesPath(), Map.of("body", "scan attached"), Map.of("scan.pdf", bytes))
			.ok(201)
			.json();

		assertThat(manager.download("/api/attachments/" + attachmentId(posted))).isEqualTo(bytes);
	}

	@Test
	void aTwentyFiveMegabyteFileGoesInAndOutWithoutEverBeingWholeInMemory() throws IOException {
		var file = new GeneratedPdf(TWENTY_FIVE_MB, 2);
		var allocatedBefore = allocatedByThisThread();

		var posted = updates.post(NewUpdate.of(caseFile.id(), caseFile.managerEmail(), "big scan", null,
				List.of(new NewAttachment("big.pdf", file)), UpdateSource.API));
		var allocatedByUpload = allocatedByThisThread() - allocatedBefore;
		var attachment = posted.attachments().get(0);
		var digest = Sha256.newDigest();
		long size = 0;
		allocatedBefore = allocatedByThisThread();
		try (var in = updates.download(attachment.id()).content()) {
			var buffer = new byte[64 * 1024];
			for (int read; (read = in.read(buffer)) != -1; size += read) {
				digest.update(buffer, 0, read);
			}
		}
		var allocatedByDownload = allocatedByThisThread() - allocatedBefore;

		assertThat(attachment.size()).isEqualTo(TWENTY_FIVE_MB);
		assertThat(attachment.sha256()).isEqualTo(file.sha256());
		assertThat(size).isEqualTo(TWENTY_FIVE_MB);
		assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(file.sha256());
		// everything this thread allocated, garbage included, stays far below the file's
		// size
		assertThat(allocatedByUpload).as("bytes allocated while uploading").isLessThan(TWENTY_FIVE_MB / 4);
		assertThat(allocatedByDownload).as("bytes allocated while downloading").isLessThan(TWENTY_FIVE_MB / 4);
	}

	@Test
	void theStoreListsItsFilesByAgeForTheSweepOfFilesNoRowNames() throws IOException {
		var posted = updates.post(NewUpdate.of(caseFile.id(), caseFile.managerEmail(), "listed", null,
				List.of(new NewAttachment("listed.pdf", new ByteArrayResource(pdf(1000, 4)))), UpdateSource.API));
		var key = storageKey(posted.attachments().get(0).id());

		assertThat(files.storedBefore(Instant.now().plus(Duration.ofMinutes(5)))).contains(key);
		assertThat(files.storedBefore(Instant.now().minus(Duration.ofHours(1)))).doesNotContain(key);
		assertThat(files.recorded(List.of(key, "no-such-key"))).containsExactly(key);
	}

	@Test
	void theStoreKeyIsOurOwnNeverTheSendersFileName() throws IOException {
		var posted = updates.post(NewUpdate.of(caseFile.id(), caseFile.managerEmail(), "odd name", null,
				List.of(new NewAttachment("../../etc/passwd.pdf", new ByteArrayResource(pdf(1000, 3)))),
				UpdateSource.API));

		var key = storageKey(posted.attachments().get(0).id());
		assertThat(key).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
		assertThat(storedKeys()).contains(key);
	}

	@Test
	void aFileChangedInTheStoreAfterUploadIsRefusedOnDownload() throws IOException {
		var posted = updates.post(NewUpdate.of(caseFile.id(), caseFile.managerEmail(), "report", null,
				List.of(new NewAttachment("report.pdf", new ByteArrayResource(pdf(5000, 4)))), UpdateSource.API));
		var attachment = posted.attachments().get(0);
		overwriteStored(storageKey(attachment.id()), pdf(5000, 5));

		assertThatThrownBy(() -> {
			try (var in = updates.download(attachment.id()).content()) {
				in.readAllBytes();
			}
		}).isInstanceOf(IOException.class).hasMessageContaining("damaged in the store");
	}

	@Test
	void aRefusedFileLeavesNothingInTheStore() throws IOException {
		var before = storedKeys();
		var executable = new byte[4096];
		executable[0] = 'M';
		executable[1] = 'Z';

		assertThatThrownBy(() -> updates.post(NewUpdate.of(caseFile.id(), caseFile.managerEmail(), "tool", null,
				List.of(new NewAttachment("tool.pdf", new ByteArrayResource(executable))), UpdateSource.API)))
			.isInstanceOf(UpdateRejected.class);

		assertThat(storedKeys()).containsExactlyInAnyOrderElementsOf(before);
	}

	String storageKey(long attachmentId) {
		return jdbc.sql("select storage_key from attachment where id = ?")
			.param(attachmentId)
			.query(String.class)
			.single();
	}

	static long attachmentId(Map<String, Object> update) {
		var attachments = (List<?>) update.get("attachments");
		return ((Number) ((Map<?, ?>) attachments.get(0)).get("id")).longValue();
	}

	/** A PDF header followed by seeded random bytes. */
	static byte[] pdf(int size, long seed) {
		try (var in = new GeneratedPdf(size, seed).getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	private static long allocatedByThisThread() {
		return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
	}

	/**
	 * A file made on the fly as it is read, so that the test itself never holds it
	 * either.
	 */
	record GeneratedPdf(long size, long seed) implements InputStreamSource {

		private static final byte[] HEADER = "%PDF-1.4\n".getBytes();

		@Override
		public InputStream getInputStream() {
			return new InputStream() {

				private final Random random = new Random(seed);

				private long position;

				private byte[] chunk = new byte[0];

				@Override
				public int read() {
					var one = new byte[1];
					return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					if (position >= size) {
						return -1;
					}
					var count = (int) Math.min(length, size - position);
					if (chunk.length != count) {
						chunk = new byte[count];
					}
					random.nextBytes(chunk);
					for (int i = 0; i < count && position + i < HEADER.length; i++) {
						chunk[i] = HEADER[(int) position + i];
					}
					System.arraycopy(chunk, 0, buffer, offset, count);
					position += count;
					return count;
				}
			};
		}

		String sha256() throws IOException {
			MessageDigest digest = Sha256.newDigest();
			try (var in = getInputStream()) {
				var buffer = new byte[64 * 1024];
				for (int read; (read = in.read(buffer)) != -1;) {
					digest.update(buffer, 0, read);
				}
			}
			return HexFormat.of().formatHex(digest.digest());
		}
	}

}
