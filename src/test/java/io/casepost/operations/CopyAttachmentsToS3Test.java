package io.casepost.operations;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.casepost.CasepostTest;
import io.casepost.S3TestServer;
import io.casepost.TestApi;
import io.casepost.inbound.inbox.Inbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code copy-attachments-to-s3} over the database and data directory of a running
 * product on the filesystem store.
 */
@CasepostTest
@ExtendWith(S3TestServer.class)
// a context of its own: the command copies every attachment in the database, so no other
// test's files may be there
@TestPropertySource(properties = "spring.application.name=casepost-copy-test")
class CopyAttachmentsToS3Test {

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Inbox inbox;

	@Test
	void everyAttachmentIsCopiedUnderItsKeyWithAProgressBarAndASummaryAndASecondRunCopiesNothing() {
		var caseFile = TestApi.asAdmin(port).openCase();
		var posted = new ArrayList<Long>();
		for (int i = 0; i < 3; i++) {
			posted.add(postFile(caseFile, "scan" + i + ".pdf", pdf(50_000 + i)));
		}
		var prefix = "copy-" + UUID.randomUUID() + "/";

		var first = copy(prefix);
		var second = copy(prefix);

		var total = jdbc.sql("select count(*) from attachment").query(Long.class).single();
		assertThat(first.exitCode()).as(first.output()).isZero();
		assertThat(first.output()).contains("[" + "#".repeat(30) + "] 100% " + total + "/" + total + " attachments")
			.contains("Copied " + total + " attachment(s)")
			.contains("0 already there, 0 missing on disk, 0 damaged, 0 failed.");
		assertThat(second.output()).contains("Copied 0 attachment(s) (0 bytes); " + total + " already there");
		try (var s3 = S3TestServer.client()) {
			for (var attachment : posted) {
				var key = storageKey(attachment);
				var inBucket = s3.getObjectAsBytes(get -> get.bucket(S3TestServer.BUCKET).key(prefix + key))
					.asByteArray();
				assertThat(inBucket).isEqualTo(readFile(key));
			}
		}
	}

	@Test
	void aFileMissingFromDiskIsNamedAndMakesTheCommandFail() throws Exception {
		var caseFile = TestApi.asAdmin(port).openCase();
		var attachment = postFile(caseFile, "lost.pdf", pdf(1000));
		var file = dataDir().resolve("attachments").resolve(storageKey(attachment));
		var bytes = Files.readAllBytes(file);
		Files.delete(file);

		var run = copy("missing-" + UUID.randomUUID() + "/");
		Files.write(file, bytes);

		assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
		assertThat(run.output()).contains("attachment " + attachment + " missing: not on disk")
			.contains("1 missing on disk");
	}

	@Test
	void decidedRawMessagesMoveIntoTheBucketByteForByteAndThoseWaitingStayOnDisk() throws Exception {
		var chunk = inbox.store(List.of(arrival("first"), arrival("second")));
		var waiting = inbox.store(List.of(arrival("waiting"))).get(0);
		jdbc.sql("update inbound_message set disposition = 'IGNORED' where id in (:ids)").param("ids", chunk).update();
		var onDisk = chunk.stream().collect(java.util.stream.Collectors.toMap(id -> id, this::rawBytes));
		var prefix = "raw-" + UUID.randomUUID() + "/";

		var run = copy(prefix);

		assertThat(run.exitCode()).as(run.output()).isZero();
		// other tests' decided messages may move in the same run
		assertThat(run.output()).containsPattern("\\] 100% (\\d+)/\\1 raw messages")
			.containsPattern(
					"Copied \\d+ raw message\\(s\\) \\(.+\\); 0 already there, 0 missing on disk, 0 damaged, 0 failed.");
		assertThat(rawOffset(chunk.get(1))).isZero();
		try (var s3 = S3TestServer.client()) {
			for (var id : chunk) {
				assertThat(rawKey(id)).isEqualTo("inbox/copied/" + id + ".eml");
				var inBucket = s3.getObjectAsBytes(get -> get.bucket(S3TestServer.BUCKET).key(prefix + rawKey(id)))
					.asByteArray();
				assertThat(inBucket).isEqualTo(onDisk.get(id));
			}
		}
		assertThat(rawKey(waiting)).doesNotStartWith("inbox/");
	}

	@Test
	void aRunCutShortAfterThePutFindsTheCopyAndPointsTheRowAtIt() throws Exception {
		var id = inbox.store(List.of(arrival("cut short"))).get(0);
		jdbc.sql("update inbound_message set disposition = 'IGNORED' where id = ?").param(id).update();
		var diskKey = rawKey(id);
		var prefix = "cut-" + UUID.randomUUID() + "/";
		copy(prefix);
		jdbc.sql("update inbound_message set raw_key = ? where id = ?").params(diskKey, id).update();

		var again = copy(prefix);

		assertThat(again.exitCode()).as(again.output()).isZero();
		assertThat(again.output()).contains("raw message(s)")
			.contains("; 1 already there, 0 missing on disk, 0 damaged, 0 failed.");
		assertThat(rawKey(id)).isEqualTo("inbox/copied/" + id + ".eml");
	}

	@Test
	void aRawMessageChangedOnDiskIsNamedAndStaysWhereItIs() throws Exception {
		var id = inbox.store(List.of(arrival("changed"))).get(0);
		jdbc.sql("update inbound_message set disposition = 'IGNORED' where id = ?").param(id).update();
		var diskKey = rawKey(id);
		var file = dataDir().resolve("inbox").resolve(diskKey);
		var bytes = Files.readAllBytes(file);
		var changed = bytes.clone();
		changed[changed.length - 3] ^= 1;
		Files.write(file, changed);

		var run = copy("changed-" + UUID.randomUUID() + "/");
		Files.write(file, bytes);

		assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
		assertThat(run.output()).contains("raw message " + id + " damaged: its " + bytes.length + " bytes at 0 of ")
			.contains("1 damaged");
		assertThat(rawKey(id)).isEqualTo(diskKey);
	}

	@Test
	void aDatabaseThatIsNotTheProductsIsNamedAsSuch() {
		var run = copy("--spring.datasource.url=jdbc:h2:mem:empty-" + UUID.randomUUID(), "unused/");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.output()).contains("the database has no attachment table");
	}

	private Run copy(String prefix) {
		return copy("--spring.datasource.url=" + environment.getProperty("spring.datasource.url"), prefix);
	}

	private Run copy(String database, String prefix) {
		var args = new ArrayList<String>();
		args.add(database);
		args.add("--spring.datasource.username=" + environment.getProperty("spring.datasource.username"));
		args.add("--casepost.data-dir=" + dataDir());
		S3TestServer.properties(prefix).forEach((name, value) -> args.add("--" + name + "=" + value));
		var out = new ByteArrayOutputStream();
		var exit = CopyAttachmentsToS3.run(args.toArray(String[]::new),
				new PrintStream(out, true, StandardCharsets.UTF_8));
		return new Run(exit, out.toString(StandardCharsets.UTF_8));
	}

	private Path dataDir() {
		return Path.of(environment.getRequiredProperty("casepost.data-dir"));
	}

	private byte[] readFile(String key) {
		try {
			return Files.readAllBytes(dataDir().resolve("attachments").resolve(key));
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	/** Posts a file through the API; answers its attachment id. */
	private long postFile(TestApi.TestCase caseFile, String name, byte[] bytes) {
		var update = TestApi.asAdmin(port)
			.as(caseFile.managerEmail(), "pw-" + caseFile.managerEmail())
			.postWithFiles(caseFile.updatesPath(), Map.of("body", "Scan attached."), Map.of(name, bytes))
			.ok(201)
			.json();
		@SuppressWarnings("unchecked")
		var attachments = (List<Map<String, Object>>) update.get("attachments");
		return ((Number) attachments.get(0).get("id")).longValue();
	}

	/** A PDF by its signature, padded to {@code size} bytes of its own. */
	private static byte[] pdf(int size) {
		var pdf = new StringBuilder("%PDF-1.4\n%").append(UUID.randomUUID()).append('\n');
		while (pdf.length() < size - 6) {
			pdf.append("% scanned page\n");
		}
		return pdf.append("%%EOF\n").toString().getBytes(StandardCharsets.US_ASCII);
	}

	private String storageKey(long attachmentId) {
		return jdbc.sql("select storage_key from attachment where id = ?")
			.param(attachmentId)
			.query(String.class)
			.single();
	}

	private static Inbox.Arrival arrival(String subject) {
		var raw = ("From: someone@example.com\r\nTo: updates@casepost.test\r\nSubject: " + subject + "\r\nMessage-ID: <"
				+ UUID.randomUUID() + "@example.com>\r\n\r\nText of " + subject + ".\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		return new Inbox.Arrival(out -> out.write(raw), "TEST", "copy-test-" + UUID.randomUUID());
	}

	/** The message's bytes where its row says they are on disk. */
	private byte[] rawBytes(long id) {
		var file = dataDir().resolve("inbox").resolve(rawKey(id));
		try (var channel = java.nio.channels.FileChannel.open(file)) {
			var bytes = java.nio.ByteBuffer.allocate((int) rawSize(id));
			channel.read(bytes, rawOffset(id));
			return bytes.array();
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	private String rawKey(long id) {
		return jdbc.sql("select raw_key from inbound_message where id = ?").param(id).query(String.class).single();
	}

	private long rawOffset(long id) {
		return jdbc.sql("select raw_offset from inbound_message where id = ?").param(id).query(Long.class).single();
	}

	private long rawSize(long id) {
		return jdbc.sql("select raw_size from inbound_message where id = ?").param(id).query(Long.class).single();
	}

	private record Run(int exitCode, String output) {
	}

}
