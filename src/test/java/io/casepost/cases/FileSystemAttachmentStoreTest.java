package io.casepost.cases;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.casepost.PowerLossFileSystem;
import io.casepost.shared.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An attachment taken into the store is on disk, whole and under its key, even if the
 * power goes the moment after its row could commit.
 */
class FileSystemAttachmentStoreTest {

	@TempDir
	Path real;

	@Test
	void anAdoptedAttachmentIsThereByteForByteAfterAPowerLoss() throws Exception {
		var disk = new PowerLossFileSystem();
		var spool = new AttachmentSpool(disk.wrap(real));
		var store = new FileSystemAttachmentStore(disk.wrap(real));
		var bytes = "note,date,signed\nDN-0412,2026-02-03,yes\n".getBytes(StandardCharsets.US_ASCII);

		var stored = store.adopt(spool.write(new ByteArrayInputStream(bytes), 1024));
		disk.losePower();

		var onDisk = real.resolve("attachments").resolve(stored.key());
		assertThat(onDisk).hasBinaryContent(bytes);
		assertThat(Sha256.of(onDisk)).isEqualTo(stored.sha256());
	}

}
