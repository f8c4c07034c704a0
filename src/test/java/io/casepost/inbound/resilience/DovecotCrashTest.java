package io.casepost.inbound.resilience;

import java.nio.file.Path;
import java.util.HashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash drill against the real servers: replies go through Postfix into Dovecot, the
 * product process reads them over STARTTLS and is killed with SIGKILL mid-batch; the
 * update emails go out through a GreenMail in this JVM, where the test reads the reply
 * addresses.
 */
class DovecotCrashTest {

	private static final int REPLIES = 100;

	@Test
	void repliesThroughPostfixAndDovecotArePostedExactlyOnceThoughTheProcessIsKilledMidBatch(@TempDir Path dir) {
		var servers = RealMailServers.required();
		var mailbox = servers.mailbox();
		mailbox.clear("INBOX");
		mailbox.clear("Processed");
		try (var outbound = new StandaloneMailServer()) {
			var properties = new HashMap<>(outbound.productProperties());
			properties.putAll(servers.productProperties());
			var outcome = new CrashDrill(properties, servers::send, mailbox, outbound.people()).run(dir.resolve("data"),
					REPLIES, 15, 5);

			assertThat(outcome.midBatchKills()).as("kills that landed while a batch had work")
				.isGreaterThanOrEqualTo(5);
			CrashSafetyTest.assertEveryReplyPostedOnce(outcome.audit(), REPLIES);
		}
	}

}
