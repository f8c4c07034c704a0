package io.casepost.inbound;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.UUID;

import io.casepost.inbound.inbox.Inbox;
import io.casepost.inbound.inbox.StoredMessage;
import io.casepost.inbound.pipeline.CatchAllForward;
import io.casepost.inbound.pipeline.InboundPipeline;
import io.casepost.inbound.source.ImapSource;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One inbound batch: fetch what waits in the mailbox into the inbox, then process every
 * pending message. One batch runs at a time across all instances (a lease row in the
 * database), and each message is claimed by one worker.
 */
@Service
public class InboundBatches {

	static final int MAX_ATTEMPTS = 3;

	private static final Logger log = LoggerFactory.getLogger(InboundBatches.class);

	private final String worker = "casepost-" + UUID.randomUUID().toString().substring(0, 8);

	private final ImapSource mailbox;

	private final Inbox inbox;

	private final InboundPipeline pipeline;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final InboundMonitor monitor;

	private final ExecutorService pushWorker = Executors.newSingleThreadExecutor(task -> {
		var thread = new Thread(task, "inbound-push");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicBoolean processSoonQueued = new AtomicBoolean();

	/**
	 * How long a batch, and a claimed message, is held without a sign of life before
	 * another worker may take it over.
	 */
	private final Duration lease;

	InboundBatches(ImapSource mailbox, Inbox inbox, InboundPipeline pipeline, JdbcClient jdbc,
			TransactionTemplate transactions, ApplicationEventPublisher events, InboundMonitor monitor,
			@Value("${casepost.inbound.batch-lease}") Duration lease) {
		this.lease = lease;
		this.mailbox = mailbox;
		this.inbox = inbox;
		this.pipeline = pipeline;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.events = events;
		this.monitor = monitor;
	}

	/**
	 * Runs a batch now, waiting for one that another instance is running to finish first.
	 */
	public BatchResult run() {
		awaitLease();
		try {
			return monitor.timeBatch(() -> fetch().plus(processPending()));
		}
		finally {
			releaseLease();
		}
	}

	/** Runs a batch unless one is running elsewhere: what the schedule calls. */
	public void runIfIdle() {
		if (!acquireLease()) {
			log.info("Inbound batch skipped: another instance is running one");
			return;
		}
		try {
			var result = monitor.timeBatch(() -> fetch().plus(processPending()));
			if (result.fetched() > 0 || result.posted() + result.forwarded() + result.ignored() + result.rejected()
					+ result.failed() > 0) {
				log.info("Inbound batch: {}", result);
			}
		}
		finally {
			releaseLease();
		}
	}

	/**
	 * A mailbox that cannot be read is reported, and the batch goes on with what is
	 * already stored.
	 */
	private BatchResult fetch() {
		try {
			return BatchResult.fetched(mailbox.fetch(this::renewLease));
		}
		catch (Exception e) {
			var error = e.getMessage() == null ? e.toString() : e.getMessage();
			log.error("Could not fetch inbound mail: {}; will try again next batch", error);
			return BatchResult.fetchFailed(error);
		}
	}

	/**
	 * Processes what is already stored, without reading the mailbox: what the push
	 * sources (SMTP listener, webhook, IDLE) ask for after storing a message. Requests
	 * made while one is waiting or running are served by the next run, so a burst of
	 * messages costs one or two runs.
	 */
	public void processSoon() {
		if (processSoonQueued.compareAndSet(false, true)) {
			pushWorker.execute(() -> {
				processSoonQueued.set(false);
				try {
					processStored(done -> {
					});
				}
				catch (RuntimeException e) {
					log.error("Processing stored inbound mail failed: {}; the next batch will retry", e.toString());
				}
			});
		}
	}

	@PreDestroy
	void stopPushWorker() {
		pushWorker.shutdownNow();
	}

	/**
	 * Processes every stored pending message now, telling {@code progress} after each
	 * one.
	 */
	public BatchResult processStored(Consumer<BatchResult> progress) {
		awaitLease();
		try {
			return processPending(progress);
		}
		finally {
			releaseLease();
		}
	}

	private BatchResult processPending() {
		return processPending(done -> {
		});
	}

	private BatchResult processPending(Consumer<BatchResult> progress) {
		var result = BatchResult.NOTHING;
		var leaseLost = false;
		var next = inbox.claimNext(worker, lease, 0);
		while (next.isPresent()) {
			var message = next.get();
			var disposition = processOne(message);
			monitor.processed(disposition);
			result = result.plus(BatchResult.of(disposition));
			progress.accept(result);
			if (!renewLease() && !leaseLost) {
				// safe to go on: each message is claimed, and one already settled is
				// never posted again
				log.warn(
						"Inbound batch lost its lease (held longer than {} without renewal); another may run alongside",
						lease);
				leaseLost = true;
			}
			next = inbox.claimNext(worker, lease, message.id());
		}
		return result;
	}

	private Disposition processOne(StoredMessage message) {
		try {
			return transactions.execute(status -> pipeline.process(message));
		}
		catch (RuntimeException e) {
			log.warn("Inbound message {} could not be processed (attempt {}): {}", message.id(), message.attempts() + 1,
					e.toString(), e);
			return transactions.execute(status -> {
				var disposition = inbox.recordFailure(message.id(), e.toString(), MAX_ATTEMPTS);
				if (disposition == Disposition.FAILED) {
					events.publishEvent(new CatchAllForward(message.id(), "Processing failed: " + e, null));
				}
				return disposition;
			});
		}
	}

	private void awaitLease() {
		var deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (!acquireLease()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						"Another inbound batch has been running for over two minutes; try again later");
			}
			sleep();
		}
	}

	/**
	 * Not re-entrant: a worker that holds the lease does not get it again, so the
	 * schedule, a batch started from the API and the push sources never run at once in
	 * one instance either.
	 */
	private boolean acquireLease() {
		var now = OffsetDateTime.now();
		return jdbc.sql("""
				update batch_lease set holder = ?, lease_until = ?
				where name = 'inbound-batch' and (holder is null or lease_until < ?)""")
			.params(worker, now.plus(lease), now)
			.update() == 1;
	}

	/** Answers whether this worker still holds the lease. */
	private boolean renewLease() {
		return jdbc.sql("update batch_lease set lease_until = ? where name = 'inbound-batch' and holder = ?")
			.params(OffsetDateTime.now().plus(lease), worker)
			.update() == 1;
	}

	private void releaseLease() {
		jdbc.sql("update batch_lease set holder = null, lease_until = null where name = 'inbound-batch' and holder = ?")
			.param(worker)
			.update();
	}

	private static void sleep() {
		try {
			Thread.sleep(250);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for another inbound batch", e);
		}
	}

}
