package io.casepost.inbound.resilience;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.casepost.Mailboxes;
import io.casepost.TestApi;
import io.casepost.TestApi.TestCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each kind of email the product sends (an update, a case manager's notification, a
 * catch-all forward, a sender notice) is held by the mail server after it has delivered
 * it, and the product is killed with SIGKILL while it waits for the answer: the email has
 * left, its event is not complete. Started again, the product handles the event again and
 * does not send the email a second time.
 */
// its own product processes, mail server and database: runs beside the other tests
@Execution(ExecutionMode.CONCURRENT)
class OutgoingMailCrashTest {

	private static final Duration HOLD = Duration.ofSeconds(60);

	@Test
	void eachEmailLeavesOnceThoughTheProcessIsKilledAfterTheServerTookItBeforeItsEventCompleted(@TempDir Path dir)
			throws Exception {
		try (var mail = new StandaloneMailServer(); var smtp = new SmtpHold(mail.smtpPort())) {
			var properties = new HashMap<>(mail.productProperties());
			properties.putAll(Map.of("spring.mail.port", String.valueOf(smtp.port()), "casepost.data-dir",
					dir.toString(), "casepost.demo-data", "false", "casepost.inbound.batch-interval", "1h"));
			var lives = new Lives(properties, ProductProcess.logDirectory("outgoing-mail-crash-" + System.nanoTime()));
			var people = mail.people();

			var api = lives.next();
			api.put("/api/settings/general-case", Map.of("emailUpdateRepliesEnabled", true, "inboundCatchAllAddress",
					"catch-all@agency.test", "notifyCaseManagerOnNewUpdate", true, "senderNoticesEnabled", true))
				.ok(200);
			var caseFile = api.openCase();
			smtp.holdNext("update");
			api.as(caseFile.managerEmail(), "pw-" + caseFile.managerEmail())
				.post(caseFile.updatesPath(),
						Map.of("body", "Please confirm the dates.", "recipientEmails",
								List.of(caseFile.clientEmail(), caseFile.investigatorEmail())))
				.ok(201);
			smtp.awaitHeld(HOLD);

			api = lives.killAndStartAgain();
			var client = ReplyTarget.of(people.await(caseFile.clientEmail(), 1).get(0), caseFile.clientEmail());
			people.await(caseFile.investigatorEmail(), 1);
			smtp.holdNext("notification");
			mail.deliver(client.reply("The dates are right.", "reply-1@client.test"));
			api.post("/api/inbound/batches", Map.of()).ok(200);
			smtp.awaitHeld(HOLD);

			api = lives.killAndStartAgain();
			smtp.holdNext("catch-all");
			mail.deliver(
					new ReplyTarget("stranger@elsewhere.test", client.replyTo(), client.inReplyTo(), client.subject())
						.reply("Who are you?", "reply-2@elsewhere.test"));
			api.post("/api/inbound/batches", Map.of()).ok(200);
			smtp.awaitHeld(HOLD);

			api = lives.killAndStartAgain();
			api.put("/api/cases/" + caseFile.id() + "/status", Map.of("status", "CLOSED")).ok(200);
			smtp.holdNext("sender-notice");
			mail.deliver(client.reply("One more thing.", "reply-3@client.test"));
			api.post("/api/inbound/batches", Map.of()).ok(200);
			smtp.awaitHeld(HOLD);
			// the reply's catch-all forward, not held, is on its way too: let it arrive
			// before the kill, which would otherwise cut it off at random
			var catchAll = "catch-all@agency.test";
			people.await(catchAll, 2);

			lives.killAndStartAgain();
			people.await(caseFile.clientEmail(), 2);
			lives.stop();

			assertExactlyOnce(people, caseFile, catchAll);
			// an email that was on its way beside the held one when the process was
			// killed
			// may be among them
			assertThat(claimedNeverConfirmed(dir)).as("kinds of email claimed whose sending never completed")
				.contains("update", "notification", "catch-all", "sender-notice");
		}
	}

	private static void assertExactlyOnce(Mailboxes people, TestCase caseFile, String catchAll) throws Exception {
		assertThat(subjects(people, caseFile.clientEmail())).as("the client's mailbox")
			.hasSize(2)
			.anyMatch(subject -> subject.endsWith(": new update"))
			.anyMatch(subject -> subject.startsWith("Your email was not posted"));
		assertThat(subjects(people, caseFile.investigatorEmail())).as("the investigator's mailbox")
			.singleElement()
			.satisfies(subject -> assertThat(subject).endsWith(": new update"));
		assertThat(subjects(people, caseFile.managerEmail())).as("the case manager's mailbox")
			.singleElement()
			.satisfies(subject -> assertThat(subject).contains("New update from"));
		assertThat(subjects(people, catchAll)).as("the catch-all's mailbox")
			.hasSize(2)
			.allMatch(subject -> subject.startsWith("[Casepost] Not posted"));
	}

	private static List<String> subjects(Mailboxes people, String address) throws Exception {
		var subjects = new java.util.ArrayList<String>();
		for (var message : people.read(address)) {
			subjects.add(message.getSubject());
		}
		return subjects;
	}

	private static List<String> claimedNeverConfirmed(Path dir) throws Exception {
		var origins = new java.util.ArrayList<String>();
		try (var db = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("casepost"), "sa", "");
				var rows = db.createStatement().executeQuery("select origin from sent_mail where sent_at is null")) {
			while (rows.next()) {
				origins.add(rows.getString(1));
			}
		}
		return origins;
	}

	/** The product's successive processes on one data directory. */
	private static final class Lives {

		private final Map<String, String> properties;

		private final Path logs;

		private ProductProcess product;

		private int count;

		Lives(Map<String, String> properties, Path logs) {
			this.properties = properties;
			this.logs = logs;
		}

		TestApi next() {
			product = new ProductProcess("life-" + count++, properties, logs).start();
			return TestApi.asAdmin(product.port());
		}

		TestApi killAndStartAgain() {
			product.kill();
			return next();
		}

		void stop() {
			product.stop();
		}

	}

}
