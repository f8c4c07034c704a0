package io.casepost.inbound;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.casepost.inbound.source.StandaloneMailbox;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The IDLE connection against GreenMail over real sockets, through a relay that can hide
 * IDLE or cut the line.
 */
class IdleWatcherTest {

	static final String INBOUND = "updates@inbound.test";

	GreenMail mailServer;

	final AtomicInteger batches = new AtomicInteger();

	IdleWatcher watcher;

	ImapProxy proxy;

	@BeforeEach
	void startMailServer() {
		mailServer = new GreenMail(
				ServerSetup.dynamicPort(new ServerSetup[] { new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
						new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP) }));
		mailServer.start();
		mailServer.setUser(INBOUND, INBOUND);
	}

	@AfterEach
	void stop() throws Exception {
		if (watcher != null) {
			watcher.stop();
		}
		proxy.close();
		mailServer.stop();
	}

	@Test
	void mailArrivingRunsTheBatchWithinSecondsThroughIdleNotPolling() throws Exception {
		start(false, Duration.ofHours(1));
		var before = batches.get();

		deliver("first");

		// polling is an hour away: only IDLE can run a batch within seconds
		within(Duration.ofSeconds(3)).until(() -> batches.get() > before);
		assertThat(proxy.clientCommands).anyMatch(command -> command.endsWith(" IDLE"));
	}

	@Test
	void aServerWithoutIdleIsPolled() throws Exception {
		start(true, Duration.ofMillis(300));
		var before = batches.get();

		deliver("polled");

		within(Duration.ofSeconds(3)).until(() -> batches.get() > before);
		assertThat(proxy.clientCommands).noneMatch(command -> command.endsWith(" IDLE"));
	}

	@Test
	void aDroppedConnectionIsOpenedAgainAndMailAfterItStillArrives() throws Exception {
		start(false, Duration.ofHours(1));

		var before = batches.get();
		proxy.dropConnections();
		// reconnected, it catches up with what may have come meanwhile
		within(Duration.ofSeconds(5)).until(() -> batches.get() > before);
		var reconnected = batches.get();
		deliver("after the outage");

		within(Duration.ofSeconds(3)).until(() -> batches.get() > reconnected);
	}

	/** Starts watching; the first batch runs at once, to catch up with what waited. */
	private void start(boolean hideIdle, Duration pollInterval) throws Exception {
		proxy = new ImapProxy(mailServer.getImap().getPort(), hideIdle);
		watcher = new IdleWatcher(StandaloneMailbox.source(proxy.port(), INBOUND), watch -> batches.incrementAndGet(),
				new InboundMode("idle", Duration.ofMinutes(15), false), pollInterval, Duration.ofSeconds(1),
				Duration.ofMinutes(10));
		watcher.start();
		within(Duration.ofSeconds(3)).until(() -> batches.get() >= 1);
	}

	private static ConditionFactory within(Duration timeout) {
		return await().atMost(timeout);
	}

	private void deliver(String subject) {
		GreenMailUtil.sendTextEmail(INBOUND, "client@example.com", subject, "body",
				mailServer.getSmtp().getServerSetup());
	}

}
