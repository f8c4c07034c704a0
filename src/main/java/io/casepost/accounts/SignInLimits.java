package io.casepost.accounts;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How failed sign-ins are slowed down, per account and per client address: free attempts,
 * then waits that double from {@code firstDelay} up to {@code maxDelay}, then a lock for
 * {@code lockDuration}. Failures older than {@code lockDuration} are forgotten.
 */
@ConfigurationProperties("casepost.sign-in")
public record SignInLimits(Limit account, Limit address, Duration firstDelay, Duration maxDelay,
		Duration lockDuration) {

	/**
	 * @param freeAttempts failures before the first wait
	 * @param lockAfter failures that lock
	 */
	public record Limit(int freeAttempts, int lockAfter) {
	}

	/**
	 * The wait after the given number of failures in a row: none while attempts are free.
	 */
	Duration delayAfter(int failures, Limit limit) {
		var doublings = failures - limit.freeAttempts() - 1;
		if (doublings < 0) {
			return Duration.ZERO;
		}
		var delay = firstDelay.multipliedBy(1L << Math.min(doublings, 30));
		return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
	}

}
