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
 * Delivers numbered replies in waves to a product process on its H2 file database, kills
 * it with SIGKILL at a random moment of its batches (a random number of messages into
 * storing or posting the wave), starts it again, and repeats until enough kills landed
 * while a batch had work; then lets the last life finish and audits what became of every
 * reply.
 *
 * @param deliver puts a reply into the inbound mailbox (directly, or through an SMTP
 * server)
 * @param inbound the inbound mailbox as the server holds it
 * @param people the mailboxes where the product's update emails arrive
 */
record CrashDrill(Map<String, String> mailProperties, Consumer<MimeMessage> deliver, ServerMailbox inbound,
		Mailboxes people) {

	record Outcome(String run, int delivered, int kills, int midBatchKills, DeliveryAudit audit) {
	}

	/**
	 * Waits, watching the product's inbound log, until its batch has got a random way
	 * into the wave from where it {@code start}ed: in one life of three while it is still
	 * storing what it fetches, otherwise while it posts.
	 */
	private static void awaitRandomPointOfTheBatch(TestApi api, int[] start, Random random, int delivered, int wave) {
		var fetching = random.nextInt(3) == 0;
		var step = 1 + random.nextInt(Math.max(1, fetching ? wave / 2 : wave - 8));
		var deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			var now = progress(api);
			if (fetching ? now[0] >= Math.min(delivered, start[0] + step)
					: now[1] >= Math.min(delivered, start[1] + step)) {
				return;
			}
			ProductProcess.sleep(50);
		}
	}

	/** Messages stored, and of those settled, as the product's API tells. */
	private static int[] progress(TestApi api) {
		var messages = api.getAll("/api/inbound/messages?limit=1000");
		var settled = (int) messages.stream().filter(message -> !"PENDING".equals(message.get("disposition"))).count();
		return new int[] { messages.size(), settled };
	}

	Outcome run(Path dataDir, int replies, int wave, int kills) {
		var seed = Long.getLong("casepost.crash.seed", System.nanoTime());
		var random = new Random(seed);
		var run = Long.toString(seed, 36);
		var jdbcUrl = "jdbc:h2:file:" + dataDir.resolve("casepost");
		var properties = new HashMap<>(mailProperties);
		properties.putAll(Map.of("casepost.data-dir", dataDir.toString(), "casepost.demo-data", "false",
				"casepost.inbound.batch-interval", "1s", "casepost.inbound.batch-lease", "4s",
				"casepost.inbound.imap.chunk-size", "25",
				// hundreds of replies from two people on one case: the flood the rate
				// limit holds back
				"casepost.inbound.rate-limit.per-sender", "100000", "casepost.inbound.rate-limit.per-case", "100000"));
		// killed while four workers decide at once
		properties.put("casepost.inbound.workers", "4");
		var logs = ProductProcess.logDirectory("crash-" + run);
		System.out.printf("Crash drill %s (seed %d: -Dcasepost.crash.seed=%d repeats it), logs in %s%n", run, seed,
				seed, logs);
		var product = new ProductProcess("life-0", properties, logs).start();
		var targets = ReplyTarget.openCaseAndEmailAnUpdate(TestApi.asAdmin(product.port()), people);
		var delivered = 0;
		var midBatchKills = 0;
		var lives = 0;
		var workLeft = true;
		// a kill that finds nothing waiting once every reply is delivered means the drill
		// ran out of work
		while (midBatchKills < kills && (delivered < replies || workLeft)) {
			var api = TestApi.asAdmin(product.port());
			var before = progress(api);
			for (var end = Math.min(replies, delivered + wave); delivered < end; delivered++) {
				deliver.accept(targets.get(delivered % 2)
					.reply(DeliveryAudit.text(run, delivered), "reply-" + delivered + "." + run + "@client.test"));
			}
			awaitRandomPointOfTheBatch(api, before, random, delivered, wave);
			product.kill();
			lives++;
			var atKill = DeliveryAudit.of(jdbcUrl, "sa", inbound, run, delivered);
			workLeft = atKill.workLeft();
			midBatchKills += workLeft ? 1 : 0;
			System.out.printf("SIGKILL %d (%s): %s%n", lives, atKill.workLeft() ? "mid-batch" : "idle", atKill);
			product = new ProductProcess("life-" + lives, properties, logs).start();
		}
		for (; delivered < replies; delivered++) {
			deliver.accept(targets.get(delivered % 2)
				.reply(DeliveryAudit.text(run, delivered), "reply-" + delivered + "." + run + "@client.test"));
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
