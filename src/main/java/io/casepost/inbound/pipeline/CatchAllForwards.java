package io.casepost.inbound.pipeline;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What went to the catch-all from whom: each message forwarded on its own, or held for
 * its sender's digest once the sender is past {@link CatchAllLimit#perSender()} in the
 * window.
 */
@Component
class CatchAllForwards {

	/** A message held for a digest. */
	record Held(long id, long inboundMessageId, String reason, Instant recordedAt) {
	}

	private final JdbcClient jdbc;

	private final CatchAllLimit limit;

	/**
	 * A savepoint: the sender's row may exist already, which must not spoil the caller's
	 * transaction.
	 */
	private final TransactionTemplate savepoint;

	CatchAllForwards(JdbcClient jdbc, CatchAllLimit limit, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.limit = limit;
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/**
	 * Records the forward inside the caller's transaction and answers whether it waits
	 * for the sender's digest. The sender's row stays locked until the caller commits, so
	 * that forwards of one flood handled at once are counted one after the other. An
	 * event handled again after a crash gets the answer it got the first time.
	 */
	boolean holdForDigest(String eventKey, long inboundMessageId, String sender, String reason, Instant now) {
		lockSender(sender);
		var before = jdbc.sql("select in_digest from catch_all_forward where event_key = ?")
			.param(eventKey)
			.query(Boolean.class)
			.optional();
		if (before.isPresent()) {
			return before.get();
		}
		var hold = forwardedOnTheirOwn(sender, now.minus(limit.window())) >= limit.perSender();
		jdbc.sql("""
				insert into catch_all_forward (event_key, inbound_message_id, sender, reason, recorded_at, in_digest)
				values (?, ?, ?, ?, ?, ?)""")
			.params(eventKey, inboundMessageId, sender, reason, now.atOffset(ZoneOffset.UTC), hold)
			.update();
		return hold;
	}

	/** Senders whose oldest held message waited a whole window. */
	List<String> sendersWithDigestDue(Instant now) {
		return jdbc.sql("""
				select sender from catch_all_forward where in_digest and digest_sent_at is null
				group by sender having min(recorded_at) <= ?""")
			.param(now.minus(limit.window()).atOffset(ZoneOffset.UTC))
			.query(String.class)
			.list();
	}

	List<Held> heldFor(String sender) {
		return jdbc.sql("""
				select id, inbound_message_id, reason, recorded_at from catch_all_forward
				where sender = ? and in_digest and digest_sent_at is null order by id""")
			.param(sender)
			.query((rs, row) -> new Held(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toInstant()))
			.list();
	}

	void digestSent(List<Held> held, Instant now) {
		jdbc.sql("update catch_all_forward set digest_sent_at = :now where id in (:ids)")
			.param("now", now.atOffset(ZoneOffset.UTC))
			.param("ids", held.stream().map(Held::id).toList())
			.update();
	}

	private int forwardedOnTheirOwn(String sender, Instant since) {
		return jdbc
			.sql("select count(*) from catch_all_forward where sender = ? and not in_digest and recorded_at >= ?")
			.params(sender, since.atOffset(ZoneOffset.UTC))
			.query(Integer.class)
			.single();
	}

	private void lockSender(String sender) {
		try {
			savepoint.executeWithoutResult(
					status -> jdbc.sql("insert into catch_all_sender (sender) values (?)").param(sender).update());
		}
		catch (DuplicateKeyException known) {
			// locked below like a new one
		}
		jdbc.sql("select sender from catch_all_sender where sender = ? for update")
			.param(sender)
			.query(String.class)
			.optional();
	}

}
