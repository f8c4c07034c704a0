package io.casepost.inbound.resilience;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import io.casepost.Mailboxes;
import io.casepost.TestApi;
import jakarta.mail.internet.MimeMessage;

/**
 * Delivers numbered replies in waves to a product process on its H2 file database, kills it with
 * SIGKILL at a random moment of its batches, starts it again, and repeats until enough kills landed
 * while a batch had work; then lets the last life finish and audits what became of every reply.
 *
 * @param deliver puts a reply into the inbound mailbox (directly, or through an SMTP server)
 * @param inbound the inbound mailbox as the server holds it
 * @param people the mailboxes where the product's update emails arrive
 */
record CrashDrill(Map<String, String> mailProperties, Consumer<MimeMessage> deliver, ServerMailbox inbound,
		Mailboxes people) {

	record Outcome(String run, int delivered, int kills, int midBatchKills, DeliveryAudit audit) {
	}

	Outcome run(Path dataDir, int replies, int wave, int kills) {
		var seed = Long.getLong("casepost.crash.seed", System.nanoTime());
		var random = new Random(seed);
		var run = Long.toString(seed, 36);
		var jdbcUrl = "jdbc:h2:file:" + dataDir.resolve("casepost");
		var properties = new HashMap<>(mailProperties);
		properties.putAll(Map.of("casepost.data-dir", dataDir.toString(),
				"casepost.demo-data", "false",
				"casepost.inbound.batch-interval", "1s",
				"casepost.inbound.batch-lease", "4s",
				"casepost.inbound.imap.chunk-size", "25"));
		var logs = ProductProcess.logDirectory("crash-" + run);
		System.out.printf("Crash drill %s (seed %d: -Dcasepost.crash.seed=%d repeats it), logs in %s%n", run, seed, seed, logs);
		var product = new ProductProcess("life-0", properties, logs).start();
		var targets = ReplyTarget.openCaseAndEmailAnUpdate(TestApi.asAdmin(product.port()), people);
		var delivered = 0;
		var midBatchKills = 0;
		var lives = 0;
		while (midBatchKills < kills && lives < 3 * kills) {
			for (var end = Math.min(replies, delivered + wave); delivered < end; delivered++) {
				deliver.accept(targets.get(delivered % 2).reply(DeliveryAudit.text(run, delivered),
						"reply-" + delivered + "." + run + "@client.test"));
			}
			// the first batch starts a second after the web port opens: kill 0.3 to 8.3 seconds into the batches
			ProductProcess.sleep(1300 + random.nextInt(7000));
			product.kill();
			lives++;
			var atKill = DeliveryAudit.of(jdbcUrl, "sa", inbound, run, delivered);
			midBatchKills += atKill.workLeft() ? 1 : 0;
			System.out.printf("SIGKILL %d (%s): %s%n", lives, atKill.workLeft() ? "mid-batch" : "idle", atKill);
			product = new ProductProcess("life-" + lives, properties, logs).start();
		}
		for (; delivered < replies; delivered++) {
			deliver.accept(targets.get(delivered % 2).reply(DeliveryAudit.text(run, delivered),
					"reply-" + delivered + "." + run + "@client.test"));
		}
		try {
			product.awaitInboundSettled(inbound, delivered);
		}
		finally {
			product.stop();
		}
		var audit = DeliveryAudit.of(jdbcUrl, "sa", inbound, run, delivered);
		System.out.printf("Crash drill %s: %d replies, %d SIGKILLs (%d mid-batch): %s%n", run, delivered, lives,
				midBatchKills, audit);
		return new Outcome(run, delivered, lives, midBatchKills, audit);
	}
}
