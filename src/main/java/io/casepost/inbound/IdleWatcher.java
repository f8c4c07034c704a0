package io.casepost.inbound;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.casepost.inbound.source.ImapSource;
import jakarta.mail.MessagingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * {@code casepost.inbound.mode=idle}: holds an IMAP IDLE connection on the inbound folder
 * and, as soon as mail arrives, fetches it over that same connection and hands it to the
 * workers, so a reply is on its case within a second or so, with no login per arrival.
 * Where the server has no IDLE it asks for news every {@code poll-interval} instead; a
 * dropped connection is opened again after a pause that doubles up to
 * {@code max-backoff}. The scheduled batch still runs as a safety net.
 */
@Component
@ConditionalOnProperty(name = "casepost.inbound.mode", havingValue = "idle")
class IdleWatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(IdleWatcher.class);

	private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

	private final ImapSource mailbox;

	private final Arrivals onArrival;

	private final InboundMode mode;

	/** What is done with the connection when mail has arrived. */
	@FunctionalInterface
	interface Arrivals {

		void fetchFrom(ImapSource.Watch watch) throws MessagingException, IOException;

	}

	private final Duration pollInterval;

	private final Duration maxBackoff;

	private final Duration refresh;

	// made anew at each start: a stopped lifecycle (a paused test context, say) may be
	// started again
	private ScheduledExecutorService heartbeat;

	private volatile boolean running;

	private volatile ImapSource.Watch current;

	private Thread thread;

	@Autowired
	IdleWatcher(ImapSource mailbox, InboundBatches batches, InboundMode mode,
			@Value("${casepost.inbound.idle.poll-interval}") Duration pollInterval,
			@Value("${casepost.inbound.idle.max-backoff}") Duration maxBackoff,
			@Value("${casepost.inbound.idle.refresh}") Duration refresh) {
		this(mailbox, batches::fetchFrom, mode, pollInterval, maxBackoff, refresh);
	}

	IdleWatcher(ImapSource mailbox, Arrivals onArrival, InboundMode mode, Duration pollInterval, Duration maxBackoff,
			Duration refresh) {
		this.mailbox = mailbox;
		this.onArrival = onArrival;
		this.mode = mode;
		this.pollInterval = pollInterval;
		this.maxBackoff = maxBackoff;
		this.refresh = refresh;
	}

	@Override
	public void start() {
		running = true;
		thread = daemon(this::watch, "inbound-idle");
		thread.start();
		heartbeat = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "inbound-idle-heartbeat"));
		// servers end an IDLE after about 30 minutes and NAT boxes forget quiet
		// connections sooner
		heartbeat.scheduleAtFixedRate(this::wake, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		running = false;
		heartbeat.shutdownNow();
		closeCurrent();
		thread.interrupt();
		try {
			thread.join(5000);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void watch() {
		var backoff = FIRST_BACKOFF;
		while (running) {
			try (var watch = mailbox.watch()) {
				current = watch;
				backoff = FIRST_BACKOFF;
				follow(watch);
			}
			catch (MessagingException | IOException | RuntimeException e) {
				if (!running) {
					return;
				}
				mode.connection("reconnecting in %ds after: %s".formatted(backoff.toSeconds(), e));
				log.warn("Inbound IDLE connection to {} failed: {}; connecting again in {}s", mailbox.describe(),
						e.toString(), backoff.toSeconds());
				pause(backoff);
				backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
			}
		}
	}

	/**
	 * Fetches whenever the next UID moves on, waiting in between (IDLE, or a poll
	 * interval).
	 */
	private void follow(ImapSource.Watch watch) throws MessagingException, IOException {
		var pushes = watch.pushes();
		if (!pushes) {
			log.info("{} has no IMAP IDLE; polling it every {}", mailbox.describe(), pollInterval);
		}
		mode.connection(pushes ? "connected to " + mailbox.describe() + ", waiting in IDLE"
				: "connected to " + mailbox.describe() + ", polling every " + pollInterval + " (no IDLE)");
		var seen = -1L;
		while (running) {
			var next = watch.uidNext();
			if (next != seen) {
				seen = next;
				onArrival.fetchFrom(watch);
			}
			else if (pushes) {
				watch.awaitChange();
			}
			else {
				pause(pollInterval);
			}
		}
	}

	private void wake() {
		var watch = current;
		if (watch != null) {
			try {
				watch.wake();
			}
			catch (MessagingException | RuntimeException e) {
				log.debug("IDLE heartbeat failed: {}", e.toString());
			}
		}
	}

	private void closeCurrent() {
		var watch = current;
		if (watch != null) {
			try {
				watch.close();
			}
			catch (MessagingException e) {
				log.debug("Closing the IDLE connection: {}", e.toString());
			}
		}
	}

	private void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			running = false;
		}
	}

	private static Thread daemon(Runnable task, String name) {
		var thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

}
