package io.casepost.mail;

import java.time.OffsetDateTime;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each email's key, claimed before it leaves and confirmed once the mail server took it.
 * Every step commits on its own, whatever transaction the sender runs in: a claim that a
 * crash left behind keeps a retried event from sending the email a second time.
 */
@Component
class SentLog {

	private final JdbcClient jdbc;

	private final TransactionTemplate ownTransaction;

	SentLog(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** Claims the key; false when it was claimed before. */
	boolean claim(EmailKey key, String messageId) {
		try {
			ownTransaction.executeWithoutResult(status -> jdbc.sql("""
					insert into sent_mail (origin, event_key, recipient, message_id, claimed_at)
					values (?, ?, ?, ?, ?)""")
				.params(key.origin(), key.event(), key.recipient(), messageId, OffsetDateTime.now())
				.update());
			return true;
		}
		catch (DuplicateKeyException claimedBefore) {
			return false;
		}
	}

	boolean wasSent(EmailKey key) {
		return jdbc.sql(
				"select count(*) from sent_mail where origin = ? and event_key = ? and recipient = ? and sent_at is not null")
			.params(key.origin(), key.event(), key.recipient())
			.query(Integer.class)
			.single() > 0;
	}

	void confirm(EmailKey key) {
		ownTransaction.executeWithoutResult(status -> jdbc
			.sql("update sent_mail set sent_at = ? where origin = ? and event_key = ? and recipient = ?")
			.params(OffsetDateTime.now(), key.origin(), key.event(), key.recipient())
			.update());
	}

	/**
	 * Gives the key back after the mail server refused the email, so a retry sends it.
	 */
	void release(EmailKey key) {
		ownTransaction.executeWithoutResult(
				status -> jdbc.sql("delete from sent_mail where origin = ? and event_key = ? and recipient = ?")
					.params(key.origin(), key.event(), key.recipient())
					.update());
	}

}
