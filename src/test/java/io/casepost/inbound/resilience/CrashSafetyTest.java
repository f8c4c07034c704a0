package io.casepost.inbound.resilience;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product as a process of its own, on its default H2 file database, killed with
 * SIGKILL at random points while its batches fetch and post 500 replies, and started
 * again after each kill. The mail server (GreenMail in this JVM) outlives every kill.
 */
// its own product processes, mail server and database: runs beside the other tests
@Execution(ExecutionMode.CONCURRENT)
class CrashSafetyTest {

	private static final int REPLIES = 500;

	@Test
	void everyReplyIsPostedExactlyOnceThoughTheProcessIsKilledMidBatchAgainAndAgain(@TempDir Path dir) {
		try (var mail = new StandaloneMailServer()) {
			var outcome = new CrashDrill(mail.productProperties(), mail::deliver, mail.inbound(), mail.people())
				.run(dir.resolve("data"), REPLIES, 70, 5);

			assertThat(outcome.delivered()).isEqualTo(REPLIES);
			assertThat(outcome.midBatchKills()).as("kills that landed while a batch had work")
				.isGreaterThanOrEqualTo(5);
			assertEveryReplyPostedOnce(outcome.audit(), REPLIES);
		}
	}

	static void assertEveryReplyPostedOnce(DeliveryAudit audit, int replies) {
		assertThat(audit.postedOnce()).as("posted exactly once").isEqualTo(replies);
		assertThat(audit.duplicates()).as("duplicate updates").isZero();
		assertThat(audit.lost()).as("replies never posted").isZero();
		assertThat(audit.pending()).as("PENDING").isZero();
		assertThat(audit.leftInInbox()).as("left in the inbound folder").isZero();
		assertThat(audit.processed()).as("processed on the server").isEqualTo(replies);
		assertThat(audit.processedNotInDatabase()).as("processed on the server but not in the database").isZero();
	}

}
