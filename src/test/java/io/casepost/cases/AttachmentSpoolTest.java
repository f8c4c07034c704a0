package io.casepost.cases;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spool copies a file once, stopping one byte past its limit so an oversized file is
 * told without reading the rest.
 */
@Timeout(10)
class AttachmentSpoolTest {

	@TempDir
	Path dataDir;

	final byte[] bytes = new Random(7).ints(200_000, 0, 256)
		.collect(java.io.ByteArrayOutputStream::new, (out, b) -> out.write(b), (a, b) -> {
		})
		.toByteArray();

	@Test
	void aFileWithoutLimitIsCopiedWhole() throws Exception {
		var spooled = new AttachmentSpool(dataDir).write(new ByteArrayInputStream(bytes), Long.MAX_VALUE);

		assertThat(spooled.overLimit()).isFalse();
		assertThat(spooled.size()).isEqualTo(bytes.length);
		assertThat(Files.readAllBytes(spooled.path())).isEqualTo(bytes);
	}

	@Test
	void aFileAtItsLimitIsNotTooLarge() throws Exception {
		var spooled = new AttachmentSpool(dataDir).write(new ByteArrayInputStream(bytes), bytes.length);

		assertThat(spooled.overLimit()).isFalse();
		assertThat(spooled.size()).isEqualTo(bytes.length);
	}

	@Test
	void aFileOverItsLimitIsToldByOneByteMoreRead() throws Exception {
		var content = new ByteArrayInputStream(bytes);
		var spooled = new AttachmentSpool(dataDir).write(content, 1000);

		assertThat(spooled.overLimit()).isTrue();
		assertThat(spooled.size()).isEqualTo(1001);
		assertThat(content.available()).isEqualTo(bytes.length - 1001);
	}

}
