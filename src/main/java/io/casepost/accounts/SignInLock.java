package io.casepost.accounts;

import java.time.Instant;

/**
 * Failed sign-ins of an account or from a client address that still count.
 *
 * @param subject {@code account:<email>} or {@code address:<client address>}
 * @param lockedUntil when a lock ends, or null while there is none
 */
public record SignInLock(String subject, int failures, Instant lastFailureAt, Instant nextAttemptAt,
		Instant lockedUntil) {

	static final String ACCOUNT = "account:";

	static final String ADDRESS = "address:";

	public boolean isLocked(Instant now) {
		return lockedUntil != null && lockedUntil.isAfter(now);
	}

	public boolean isAccount() {
		return subject.startsWith(ACCOUNT);
	}

	/** The email address or the client address. */
	public String name() {
		return subject.substring(subject.indexOf(':') + 1);
	}

}
