package io.casepost.accounts;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Failed sign-ins, counted per account and per client address in the database, so that
 * every instance sees the same counts: a few free attempts, then growing waits, then a
 * temporary lock that an admin can lift. An attempt during a wait or a lock is refused
 * without its password being looked at, and counts for nothing. A successful sign-in
 * clears its account's count, not its address's. Costs one indexed read per sign-in (an
 * API call signs in on each request), and writes only on failures.
 */
@Service
public class SignInThrottle {

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

	private final JdbcClient jdbc;

	private final SignInLimits limits;

	private final TransactionTemplate transactions;

	SignInThrottle(JdbcClient jdbc, SignInLimits limits, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.limits = limits;
		this.transactions = transactions;
	}

	/**
	 * @return whether the account has failures on record, which a success then clears
	 * @throws SignInThrottled while the account or the address waits or is locked
	 */
	boolean check(String email, String address) {
		var now = Instant.now();
		var accountHasFailures = false;
		for (var lock : find(List.of(SignInLock.ACCOUNT + email, SignInLock.ADDRESS + address))) {
			if (lock.isLocked(now)) {
				throw new SignInThrottled(lockedMessage(lock, now), Duration.between(now, lock.lockedUntil()));
			}
			if (lock.nextAttemptAt().isAfter(now)) {
				var wait = Duration.between(now, lock.nextAttemptAt());
				throw new SignInThrottled("Too many failed sign-ins %s: wait %d s before trying again."
					.formatted(whose(lock), seconds(wait)), wait);
			}
			accountHasFailures |= lock.isAccount();
		}
		return accountHasFailures;
	}

	void failed(String email, String address) {
		var now = Instant.now();
		recordFailure(SignInLock.ACCOUNT + email, limits.account(), now);
		recordFailure(SignInLock.ADDRESS + address, limits.address(), now);
		jdbc.sql(
				"delete from sign_in_throttle where last_failure_at < ? and (locked_until is null or locked_until < ?)")
			.params(timestamp(now.minus(limits.lockDuration())), timestamp(now))
			.update();
	}

	void succeeded(String email) {
		jdbc.sql("delete from sign_in_throttle where subject = ?").param(SignInLock.ACCOUNT + email).update();
	}

	/** Accounts and addresses locked now, for the admins' unlock. */
	public List<SignInLock> locked() {
		return jdbc.sql(
				"select subject, failures, last_failure_at, next_attempt_at, locked_until from sign_in_throttle where locked_until > ? order by locked_until")
			.param(timestamp(Instant.now()))
			.query(SignInThrottle::lock)
			.list();
	}

	/** What counts against the account now, if anything. */
	public List<SignInLock> ofAccount(String email) {
		return find(List.of(SignInLock.ACCOUNT + email));
	}

	/** Lifts a lock and forgets the failures of an account or address. */
	public void unlock(String subject) {
		jdbc.sql("delete from sign_in_throttle where subject = ?").param(subject).update();
	}

	/** Failures older than the lock duration are forgotten, as if never made. */
	private List<SignInLock> find(List<String> subjects) {
		return jdbc.sql("""
				select subject, failures, last_failure_at, next_attempt_at, locked_until from sign_in_throttle
				where subject in (:subjects) and (last_failure_at >= :since or locked_until >= :now)""")
			.param("subjects", subjects)
			.param("since", timestamp(Instant.now().minus(limits.lockDuration())))
			.param("now", timestamp(Instant.now()))
			.query(SignInThrottle::lock)
			.list();
	}

	/**
	 * One more failure, under a row lock; two first failures racing to insert the row
	 * retry as an update.
	 */
	private void recordFailure(String subject, SignInLimits.Limit limit, Instant now) {
		try {
			transactions.executeWithoutResult(status -> writeFailure(subject, limit, now));
		}
		catch (DuplicateKeyException raced) {
			transactions.executeWithoutResult(status -> writeFailure(subject, limit, now));
		}
	}

	private void writeFailure(String subject, SignInLimits.Limit limit, Instant now) {
		var previous = jdbc.sql("select failures, last_failure_at from sign_in_throttle where subject = ? for update")
			.param(subject)
			.query((rs, row) -> rs.getTimestamp(2).toInstant().isBefore(now.minus(limits.lockDuration())) ? 0
					: rs.getInt(1))
			.optional();
		var failures = previous.orElse(0) + 1;
		var nextAttempt = timestamp(now.plus(limits.delayAfter(failures, limit)));
		var lockedUntil = failures >= limit.lockAfter() ? timestamp(now.plus(limits.lockDuration())) : null;
		if (previous.isPresent()) {
			jdbc.sql(
					"update sign_in_throttle set failures = ?, last_failure_at = ?, next_attempt_at = ?, locked_until = ? where subject = ?")
				.params(failures, timestamp(now), nextAttempt, lockedUntil, subject)
				.update();
		}
		else {
			jdbc.sql(
					"insert into sign_in_throttle (subject, failures, last_failure_at, next_attempt_at, locked_until) values (?, ?, ?, ?, ?)")
				.params(subject, failures, timestamp(now), nextAttempt, lockedUntil)
				.update();
		}
	}

	private static String lockedMessage(SignInLock lock, Instant now) {
		return "Too many failed sign-ins %s: signing in is locked until %s (in %d minutes). An administrator can unlock it sooner."
			.formatted(whose(lock), CLOCK.format(lock.lockedUntil()),
					(seconds(Duration.between(now, lock.lockedUntil())) + 59) / 60);
	}

	private static String whose(SignInLock lock) {
		return lock.isAccount() ? "for this account" : "from your network address";
	}

	private static long seconds(Duration wait) {
		return Math.max(1, (wait.toMillis() + 999) / 1000);
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static SignInLock lock(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new SignInLock(rs.getString(1), rs.getInt(2), instant(rs.getTimestamp(3)), instant(rs.getTimestamp(4)),
				instant(rs.getTimestamp(5)));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
