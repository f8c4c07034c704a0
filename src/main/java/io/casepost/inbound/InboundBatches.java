package io.casepost.inbound;

import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.UUID;

import io.casepost.inbound.inbox.Inbox;
import io.casepost.inbound.inbox.StoredMessage;
import io.casepost.inbound.pipeline.CatchAllForward;
import io.casepost.inbound.pipeline.InboundPipeline;
import io.casepost.inbound.source.ImapSource;
import io.casepost.settings.GeneralCaseSettingsService;
import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One inbound batch: fetch what waits in the mailbox into the inbox while
 * {@code casepost.inbound.workers} workers process each fetched chunk as soon as it is
 * stored, then every other pending message. One batch runs at a time across all instances
 * (a lease row in the database, renewed by time), and each message is claimed by one
 * worker with its row locked ({@code FOR UPDATE SKIP LOCKED}). What the push sources
 * store is processed at once, without the lease.
 */
@Service
public class InboundBatches {

	static final int MAX_ATTEMPTS = 3;

	/**
	 * Workers read the settings between messages when older than this, outside any
	 * message's transaction, which then finds them known.
	 */
	private static final Duration SETTINGS_MAX_AGE = Duration.ofSeconds(1);

	private final GeneralCaseSettingsService settings;

	private final InboundMode mode;

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

	/** How many messages are processed at once, each by a worker of its own. */
	private final int workers;

	private final ExecutorService workerPool;

	private final AtomicBoolean processSoonQueued = new AtomicBoolean();

	/**
	 * How long a batch is held without a sign of life before another instance may run
	 * one.
	 */
	private final Duration lease;

	InboundBatches(ImapSource mailbox, Inbox inbox, InboundPipeline pipeline, JdbcClient jdbc,
			TransactionTemplate transactions, ApplicationEventPublisher events, InboundMonitor monitor,
			GeneralCaseSettingsService settings, InboundMode mode,
			@Value("${casepost.inbound.batch-lease}") Duration lease,
			@Value("${casepost.inbound.workers:0}") int workers) {
		this.settings = settings;
		this.mode = mode;
		this.lease = lease;
		this.workers = workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
		var started = new AtomicInteger();
		this.workerPool = Executors.newFixedThreadPool(this.workers, task -> {
			var thread = new Thread(task, "inbound-worker-" + started.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
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
			return monitor.timeBatch(this::fetchAndProcess);
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
			var result = monitor.timeBatch(this::fetchAndProcess);
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
	 * The workers start with the fetch and take each chunk as soon as it is stored: the
	 * mailbox's round trips and the processing overlap.
	 */
	private BatchResult fetchAndProcess() {
		var batch = new Batch(done -> {
		}, true, true);
		var running = startWorkers(batch);
		BatchResult fetched;
		try {
			fetched = fetch(batch::arrived);
		}
		catch (Error e) {
			// fetch reports every Exception itself; what stops it otherwise stops the
			// batch, and the workers finish the message in hand
			batch.stop();
			running.forEach(InboundBatches::awaitQuietly);
			throw e;
		}
		finally {
			batch.fetchEnded();
		}
		return fetched.plus(awaitWorkers(batch, running));
	}

	private static void awaitQuietly(Future<?> worker) {
		try {
			worker.get();
		}
		catch (ExecutionException finishedBadly) {
			// the failure that stopped the batch is the one reported
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A mailbox that cannot be read is reported, and the batch goes on with what is
	 * already stored.
	 */
	private BatchResult fetch(Runnable chunkStored) {
		try {
			return BatchResult.fetched(mailbox.fetch(this::renewLease, chunkStored));
		}
		catch (Exception e) {
			var error = e.getMessage() == null ? e.toString() : e.getMessage();
			log.error("Could not fetch inbound mail: {}; will try again next batch", error);
			return BatchResult.fetchFailed(error);
		}
	}

	/**
	 * IDLE mode: fetches what arrived over the connection already open (under the batch
	 * lease, so one instance fetches at a time), handing each stored chunk to the
	 * workers.
	 */
	void fetchFrom(ImapSource.Watch watch) throws MessagingException, IOException {
		awaitLease();
		int fetched;
		try {
			fetched = watch.fetchNew(this::renewLease, this::processSoon);
		}
		finally {
			releaseLease();
		}
		if (fetched > 0) {
			// each stored chunk has asked for processing already
			mode.arrived();
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
	void stopWorkers() {
		pushWorker.shutdownNow();
		workerPool.shutdownNow();
	}

	/**
	 * Processes every stored pending message now, telling {@code progress} after each
	 * one. It takes no lease: each message is claimed with its row locked, so this runs
	 * beside a fetch (an IMAP IDLE connection fetching every arrival held the lease so
	 * often that what it fetched waited seconds to be processed) and beside the
	 * processing of a batch, each worker taking another message.
	 */
	public BatchResult processStored(Consumer<BatchResult> progress) {
		return processPending(progress, false);
	}

	/**
	 * The workers take pending messages until none is left, each message in one
	 * transaction of its own. What one worker throws (an {@link Error} above all) ends
	 * the batch for all: the others finish the message in hand and stop.
	 */
	private BatchResult processPending(Consumer<BatchResult> progress, boolean leased) {
		var batch = new Batch(progress, leased, false);
		return awaitWorkers(batch, startWorkers(batch));
	}

	private List<Future<?>> startWorkers(Batch batch) {
		var running = new ArrayList<Future<?>>();
		for (int i = 0; i < workers; i++) {
			running.add(workerPool.submit(() -> work(batch)));
		}
		return running;
	}

	private BatchResult awaitWorkers(Batch batch, List<Future<?>> running) {
		Throwable failure = null;
		for (var worker : running) {
			try {
				worker.get();
			}
			catch (ExecutionException e) {
				failure = failure == null ? e.getCause() : failure;
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				batch.stop();
				failure = failure == null ? e : failure;
			}
		}
		if (failure instanceof Error error) {
			throw error;
		}
		if (failure instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (failure != null) {
			throw new IllegalStateException("Inbound worker stopped: " + failure, failure);
		}
		return batch.result();
	}

	private void work(Batch batch) {
		try {
			while (!batch.stopped()) {
				settings.current(SETTINGS_MAX_AGE);
				var arrivals = batch.arrivals();
				var disposition = processNext(batch);
				if (disposition.isEmpty()) {
					if (batch.awaitArrivalAfter(arrivals)) {
						continue;
					}
					return;
				}
				monitor.processed(disposition.get());
				batch.add(disposition.get());
				renewLeaseIfDue(batch);
			}
		}
		catch (RuntimeException | Error e) {
			batch.stop();
			throw e;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			batch.stop();
		}
	}

	/**
	 * Claims the next message and decides on it in one transaction; a failure is recorded
	 * in another, and the message is passed over for the rest of the batch.
	 */
	private Optional<Disposition> processNext(Batch batch) {
		var claimed = new AtomicReference<StoredMessage>();
		try {
			return Optional.ofNullable(transactions.execute(status -> {
				var next = inbox.claimNext(batch.passedOver());
				next.ifPresent(claimed::set);
				return next.map(pipeline::processClaimed).orElse(null);
			}));
		}
		catch (RuntimeException e) {
			var message = claimed.get();
			if (message == null) {
				throw e;
			}
			batch.passOver(message.id());
			return Optional.of(recordFailure(message, e));
		}
	}

	private Disposition recordFailure(StoredMessage message, RuntimeException e) {
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

	/**
	 * The lease is renewed by time, not per message; safe to go on without it: each
	 * message is claimed, and one already settled is never posted again.
	 */
	private void renewLeaseIfDue(Batch batch) {
		if (!batch.leased() || !batch.leaseRenewalDue(lease.dividedBy(4))) {
			return;
		}
		if (!renewLease() && batch.leaseLost()) {
			log.warn("Inbound batch lost its lease (held longer than {} without renewal); another may run alongside",
					lease);
		}
	}

	/** What the workers of one batch share. */
	private static final class Batch {

		private final Consumer<BatchResult> progress;

		private final boolean leased;

		/** Whether a fetch is still storing chunks that the workers should wait for. */
		private boolean fetching;

		private long chunksStored;

		private final Set<Long> passedOver = ConcurrentHashMap.newKeySet();

		private BatchResult result = BatchResult.NOTHING;

		private long leaseRenewedAt = System.nanoTime();

		private boolean leaseLost;

		private volatile boolean stopped;

		Batch(Consumer<BatchResult> progress, boolean leased, boolean fetching) {
			this.progress = progress;
			this.leased = leased;
			this.fetching = fetching;
		}

		synchronized void arrived() {
			chunksStored++;
			notifyAll();
		}

		synchronized void fetchEnded() {
			fetching = false;
			notifyAll();
		}

		synchronized long arrivals() {
			return chunksStored;
		}

		/**
		 * Waits while the fetch goes on and stores nothing after {@code seen} chunks;
		 * answers whether one was stored since, i.e. whether there may be more to take.
		 */
		synchronized boolean awaitArrivalAfter(long seen) throws InterruptedException {
			while (fetching && chunksStored == seen && !stopped) {
				wait();
			}
			return chunksStored != seen && !stopped;
		}

		boolean leased() {
			return leased;
		}

		synchronized void add(Disposition disposition) {
			result = result.plus(BatchResult.of(disposition));
			progress.accept(result);
		}

		synchronized BatchResult result() {
			return result;
		}

		List<Long> passedOver() {
			return List.copyOf(passedOver);
		}

		void passOver(long id) {
			passedOver.add(id);
		}

		synchronized boolean leaseRenewalDue(Duration every) {
			if (System.nanoTime() - leaseRenewedAt < every.toNanos()) {
				return false;
			}
			leaseRenewedAt = System.nanoTime();
			return true;
		}

		/** Answers whether this is the first time the lease was found lost. */
		synchronized boolean leaseLost() {
			var first = !leaseLost;
			leaseLost = true;
			return first;
		}

		synchronized void stop() {
			stopped = true;
			notifyAll();
		}

		boolean stopped() {
			return stopped;
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
	 * schedule, a batch started from the API and an IDLE fetch never run at once in one
	 * instance either.
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
