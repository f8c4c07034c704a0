package io.casepost.inbound.resilience;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.zip.ZipInputStream;

import io.casepost.S3TestServer;
import io.casepost.TestApi;
import io.casepost.TestDatabase;
import io.casepost.shared.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two product processes on one PostgreSQL database, one mailbox and one bucket, each with
 * a data directory of its own: no shared volume. Their batch lease lasts 50 ms, so both
 * fetch and process at once. Raw messages live in the bucket, so whichever instance
 * fetched a message, either one processes it, and each exports every original as evidence
 * with the SHA-256 recorded when it arrived.
 */
@ExtendWith(S3TestServer.class)
class TwoInstancesOneBucketTest {

	private static final int REPLIES = 300;

	private static final Pattern ORIGINAL = Pattern.compile("update-\\d+/original-(\\d+)\\.eml");

	@Test
	void twoInstancesWithOwnDiskPostEveryReplyOnceAndEachHandsOutEveryOriginal(@TempDir Path dir) throws Exception {
		var run = UUID.randomUUID().toString().substring(0, 8);
		var database = TestDatabase.freshPostgresDatabase();
		var logs = ProductProcess.logDirectory("two-instances-bucket-" + run);
		try (var mail = new StandaloneMailServer()) {
			var properties = new HashMap<>(mail.productProperties());
			properties.putAll(S3TestServer.properties("two-instances-" + run + "/"));
			properties.putAll(Map.of("spring.datasource.url", database[0], "spring.datasource.username", database[1],
					"spring.datasource.password", "", "casepost.demo-data", "false", "casepost.inbound.batch-interval",
					"700ms", "casepost.inbound.batch-lease", "50ms", "casepost.inbound.imap.chunk-size", "25",
					"casepost.inbound.rate-limit.per-sender", "100000", "casepost.inbound.rate-limit.per-case",
					"100000", "casepost.inbound.workers", "4"));
			try (var first = new ProductProcess("instance-a", withDataDir(properties, dir.resolve("a")), logs);
					var second = new ProductProcess("instance-b", withDataDir(properties, dir.resolve("b")), logs)) {
				CompletableFuture
					.allOf(CompletableFuture.runAsync(first::start), CompletableFuture.runAsync(second::start))
					.join();
				var admin = TestApi.asAdmin(first.port());
				var targets = ReplyTarget.openCaseAndEmailAnUpdate(admin, mail.people());
				for (var i = 0; i < REPLIES; i++) {
					mail.deliver(targets.get(i % 2)
						.reply(DeliveryAudit.text(run, i), "reply-" + i + "." + run + "@client.test"));
					if (i % 100 == 99) {
						ProductProcess.runBatchesAtOnce(first, second);
					}
				}
				first.awaitInboundSettled(mail.inbound(), REPLIES);
				var caseId = ((Number) admin.get("/api/cases").ok(200).jsonList().get(0).get("id")).longValue();
				var recorded = recordedHashes(database);

				for (var instance : new ProductProcess[] { first, second }) {
					var originals = originalsInEvidence(TestApi.asAdmin(instance.port()), caseId);
					assertThat(originals).as("originals exported by %s", instance.port()).hasSize(REPLIES);
					assertThat(originals).as("each with the SHA-256 recorded on arrival")
						.allSatisfy((id, sha256) -> assertThat(sha256).isEqualTo(recorded.get(id)));
				}
				first.stop();
				second.stop();
				var audit = DeliveryAudit.of(database[0], database[1], mail.inbound(), run, REPLIES);
				System.out.printf("Two instances, own disks, one bucket: %s%n", audit);

				assertThat(audit.postedOnce()).isEqualTo(REPLIES);
				assertThat(audit.duplicates()).isZero();
				assertThat(audit.lost()).isZero();
				assertThat(audit.pending()).isZero();
				assertThat(audit.inboundRows()).isEqualTo(REPLIES);
				assertThat(filesUnder(dir.resolve("a/inbox"))).as("raw messages kept on instance A's disk").isZero();
				assertThat(filesUnder(dir.resolve("b/inbox"))).as("raw messages kept on instance B's disk").isZero();
			}
		}
	}

	private static Map<String, String> withDataDir(Map<String, String> properties, Path dataDir) {
		var own = new HashMap<>(properties);
		own.put("casepost.data-dir", dataDir.toString());
		return own;
	}

	/** Inbound message id to the SHA-256 its row recorded. */
	private static Map<Long, String> recordedHashes(String[] database) throws Exception {
		var hashes = new HashMap<Long, String>();
		try (var db = DriverManager.getConnection(database[0], database[1], "");
				var rows = db.createStatement().executeQuery("select id, raw_sha256 from inbound_message")) {
			while (rows.next()) {
				hashes.put(rows.getLong(1), rows.getString(2));
			}
		}
		return hashes;
	}

	/** Inbound message id to the SHA-256 of the original in the case's evidence zip. */
	private static Map<Long, String> originalsInEvidence(TestApi api, long caseId) throws IOException {
		var originals = new HashMap<Long, String>();
		try (var zip = new ZipInputStream(
				new ByteArrayInputStream(api.getBytes("/api/cases/" + caseId + "/evidence.zip")))) {
			for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				var original = ORIGINAL.matcher(entry.getName());
				if (original.matches()) {
					originals.put(Long.parseLong(original.group(1)), Sha256.of(zip));
				}
			}
		}
		return originals;
	}

	private static long filesUnder(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return 0;
		}
		try (var files = Files.walk(directory)) {
			return files.filter(Files::isRegularFile).count();
		}
	}

}
