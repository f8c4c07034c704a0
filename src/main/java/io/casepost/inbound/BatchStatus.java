package io.casepost.inbound;

import java.time.Duration;
import java.time.Instant;

/**
 * The inbound batch as the Inbound Email page and the health check show it: the one
 * running or last run (across instances), and the backlog of stored messages not yet
 * processed.
 *
 * @param runningOn the instance holding the batch lease, null when none runs
 * @param lastError why the last batch could not read the mailbox or stopped, null when it
 * went well
 * @param pending PENDING messages waiting for a batch, not counting those held by the
 * rate limit
 * @param oldestPendingSince when the oldest of those arrived, null when there is none
 */
public record BatchStatus(String runningOn, Instant startedAt, Instant leaseUntil, Instant finishedAt,
		String lastResult, String lastError, int pending, int held, int failed, Instant oldestPendingSince) {

	/** How long a batch may run before it counts as stuck. */
	static final Duration STUCK_AFTER = Duration.ofMinutes(30);

	/**
	 * A batch whose instance stopped renewing its lease (it died), or one running far too
	 * long.
	 */
	public boolean stuck(Instant now) {
		return runningOn != null && (leaseUntil != null && leaseUntil.isBefore(now)
				|| startedAt != null && startedAt.plus(STUCK_AFTER).isBefore(now));
	}

	public boolean failing() {
		return lastError != null;
	}

	public Duration oldestPendingAge(Instant now) {
		return oldestPendingSince == null ? Duration.ZERO : Duration.between(oldestPendingSince, now);
	}
}
