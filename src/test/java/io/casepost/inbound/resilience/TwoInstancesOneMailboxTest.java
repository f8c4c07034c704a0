package io.casepost.inbound.resilience;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.casepost.TestApi;
import io.casepost.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two product processes on one PostgreSQL database, one mailbox and one shared data
 * directory (the shared volume a scaled-out deployment has). Their batch lease (and
 * message claim) lasts 50 ms, less than fetching a chunk takes, so one instance's batch
 * starts while the other's still works; both are also started from the API at the same
 * moment.
 */
// its own product processes, mail server and database: runs beside the other tests
@Execution(ExecutionMode.CONCURRENT)
class TwoInstancesOneMailboxTest {

	private static final int REPLIES = 300;

	@Test
	void twoInstancesWithOverlappingBatchesPostEveryReplyExactlyOnce(@TempDir Path dir) throws IOException {
		var run = UUID.randomUUID().toString().substring(0, 8);
		var database = TestDatabase.freshPostgresDatabase();
		var logs = ProductProcess.logDirectory("two-instances-" + run);
		try (var mail = new StandaloneMailServer()) {
			var properties = new HashMap<>(mail.productProperties());
			properties.putAll(Map.of("spring.datasource.url", database[0], "spring.datasource.username", database[1],
					"spring.datasource.password", "", "casepost.data-dir", dir.toString(), "casepost.demo-data",
					"false", "casepost.inbound.batch-interval", "700ms", "casepost.inbound.batch-lease", "50ms",
					"casepost.inbound.imap.chunk-size", "25", "casepost.inbound.rate-limit.per-sender", "100000",
					"casepost.inbound.rate-limit.per-case", "100000"));
			properties.put("casepost.inbound.workers", "4");
			try (var first = new ProductProcess("instance-a", properties, logs).start();
					var second = new ProductProcess("instance-b", properties, logs).start()) {
				var targets = ReplyTarget.openCaseAndEmailAnUpdate(TestApi.asAdmin(first.port()), mail.people());
				for (var i = 0; i < REPLIES; i++) {
					mail.deliver(targets.get(i % 2)
						.reply(DeliveryAudit.text(run, i), "reply-" + i + "." + run + "@client.test"));
					if (i % 100 == 99) {
						ProductProcess.runBatchesAtOnce(first, second);
					}
				}
				first.awaitInboundSettled(mail.inbound(), REPLIES);
				first.stop();
				second.stop();
				var audit = DeliveryAudit.of(database[0], database[1], mail.inbound(), run, REPLIES);
				var takeovers = countInLogs(logs, "lost its lease");
				var fetchesA = countInLogs(logs.resolve("instance-a.log"), "Fetched ");
				var fetchesB = countInLogs(logs.resolve("instance-b.log"), "Fetched ");
				System.out.printf(
						"Two instances on PostgreSQL: %s; fetches by A %d, by B %d; batches that lost their lease to the other %d%n",
						audit, fetchesA, fetchesB, takeovers);

				assertThat(fetchesA).as("instance A fetched").isPositive();
				assertThat(fetchesB).as("instance B fetched").isPositive();
				assertThat(audit.postedOnce()).isEqualTo(REPLIES);
				assertThat(audit.duplicates()).isZero();
				assertThat(audit.lost()).isZero();
				assertThat(audit.pending()).isZero();
				assertThat(audit.inboundRows()).isEqualTo(REPLIES);
				assertThat(audit.processedNotInDatabase()).isZero();
			}
		}
	}

	private static long countInLogs(Path path, String text) throws IOException {
		try (var files = Files.isDirectory(path) ? Files.list(path) : java.util.stream.Stream.of(path)) {
			return files.flatMap(file -> {
				try {
					return Files.readAllLines(file).stream();
				}
				catch (IOException e) {
					throw new java.io.UncheckedIOException(e);
				}
			}).filter(line -> line.contains(text)).count();
		}
	}

}
