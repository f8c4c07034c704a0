package io.casepost.outbound;

import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.casepost.mail.SendOutcome;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Who was sent which update, under which Message-ID and reply token. */
@Component
public class RecipientLog {

	private static final String COLUMNS = """
			select id, update_id, case_id, person_id, address, message_id, reply_token, reply_to, status, attempts,
			       last_error, created_at, sent_at from recipient_log""";

	private final JdbcClient jdbc;

	RecipientLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The entry whose reply token this is; tokens are compared in constant time once
	 * found by their index.
	 */
	public Optional<RecipientEntry> byToken(String token) {
		if (token == null || token.isBlank()) {
			return Optional.empty();
		}
		return jdbc.sql(COLUMNS + " where reply_token = ?")
			.param(token.toLowerCase())
			.query(RecipientLog::entry)
			.optional()
			.filter(entry -> MessageDigest.isEqual(entry.replyToken().getBytes(), token.toLowerCase().getBytes()));
	}

	public List<RecipientEntry> byMessageIds(Collection<String> messageIds) {
		if (messageIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql(COLUMNS + " where message_id in (:ids) order by id")
			.param("ids", messageIds)
			.query(RecipientLog::entry)
			.list();
	}

	public List<RecipientEntry> ofUpdate(long updateId) {
		return jdbc.sql(COLUMNS + " where update_id = ? order by id").param(updateId).query(RecipientLog::entry).list();
	}

	List<RecipientEntry> unsent(int maxAttempts, Instant olderThan) {
		return jdbc
			.sql(COLUMNS + " where status in ('PENDING', 'FAILED') and attempts < ? and created_at < ? order by id")
			.params(maxAttempts, olderThan.atOffset(java.time.ZoneOffset.UTC))
			.query(RecipientLog::entry)
			.list();
	}

	Optional<RecipientEntry> find(long updateId, long personId) {
		return jdbc.sql(COLUMNS + " where update_id = ? and person_id = ?")
			.params(updateId, personId)
			.query(RecipientLog::entry)
			.optional();
	}

	/**
	 * Commits at once, inside a listener's transaction too: the reply token and
	 * Message-ID of an email must be on record before the email leaves.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void add(long updateId, long caseId, long personId, String address, String messageId, String token,
			String replyTo) {
		jdbc.sql("""
				insert into recipient_log (update_id, case_id, person_id, address, message_id, reply_token, reply_to,
				  status, attempts, created_at) values (?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?)""")
			.params(updateId, caseId, personId, address, messageId, token, replyTo, OffsetDateTime.now())
			.update();
	}

	void mark(long id, SendOutcome outcome) {
		if (outcome == SendOutcome.UNCERTAIN) {
			jdbc.sql("update recipient_log set status = 'UNCERTAIN', last_error = ? where id = ? and status <> 'SENT'")
				.params("The process stopped while handing this email to the mail server; not sent again, so that"
						+ " it never arrives twice", id)
				.update();
			return;
		}
		markSent(id);
	}

	private void markSent(long id) {
		jdbc.sql(
				"update recipient_log set status = 'SENT', attempts = attempts + 1, last_error = null, sent_at = ? where id = ?")
			.params(OffsetDateTime.now(), id)
			.update();
	}

	void markFailed(long id, String error) {
		jdbc.sql("update recipient_log set status = 'FAILED', attempts = attempts + 1, last_error = ? where id = ?")
			.params(error.length() > 2000 ? error.substring(0, 2000) : error, id)
			.update();
	}

	private static RecipientEntry entry(ResultSet rs, int row) throws SQLException {
		var sentAt = rs.getTimestamp(13);
		return new RecipientEntry(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
				rs.getString(6), rs.getString(7), rs.getString(8), DeliveryStatus.valueOf(rs.getString(9)),
				rs.getInt(10), rs.getString(11), rs.getTimestamp(12).toInstant(),
				sentAt == null ? null : sentAt.toInstant());
	}

}
