package io.casepost.inbound.inbox;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.casepost.inbound.Disposition;
import io.casepost.inbound.EmailAuthentication;
import io.casepost.inbound.InboundAction;
import io.casepost.inbound.InboundMessage;
import io.casepost.inbound.mime.AuthenticationResults;
import io.casepost.shared.ControlCharacters;
import io.casepost.shared.Page;
import io.casepost.shared.PageQuery;
import io.casepost.shared.PageRequest;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * The durable inbox: every inbound message is stored here, raw, before anything else is
 * done with it, and carries its disposition from then on.
 */
@Component
public class Inbox {

	private static final String COLUMNS = """
			select id, message_id, sender, subject, received_at, disposition, reason, case_id, update_id, attempts,
			       last_error, raw_sha256, raw_size, source, auth_serv_id, auth_spf, auth_dkim, auth_dmarc
			from inbound_message""";

	private final JdbcClient jdbc;

	private final RawMessageFiles files;

	/**
	 * The id this installation's receiving server writes into Authentication-Results;
	 * blank trusts the topmost header.
	 */
	private final String trustedAuthservId;

	Inbox(JdbcClient jdbc, RawMessageFiles files, @Value("${casepost.inbound.authserv-id:}") String trustedAuthservId) {
		this.jdbc = jdbc;
		this.files = files;
		this.trustedAuthservId = trustedAuthservId;
	}

	/**
	 * Stores a message and commits its row (callers hold no transaction). A message
	 * already stored under the same source reference (fetched again after a crash) is not
	 * stored twice.
	 */
	public long store(RawContent raw, String source, String sourceRef) throws IOException {
		if (sourceRef != null) {
			var known = idOfSourceRef(sourceRef);
			if (known.isPresent()) {
				return known.get();
			}
		}
		var file = files.write(raw);
		var headers = Headers.read(file, trustedAuthservId);
		var auth = headers.authentication();
		var keys = new GeneratedKeyHolder();
		try {
			jdbc.sql(
					"""
							insert into inbound_message (raw_key, raw_sha256, raw_size, message_id, sender, subject, source, source_ref,
							  received_at, disposition, attempts, auth_serv_id, auth_spf, auth_dkim, auth_dmarc)
							values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?, ?)""")
				.params(file.key(), file.sha256(), file.size(), headers.messageId(), headers.sender(),
						headers.subject(), source, sourceRef, OffsetDateTime.now(), limit(auth.authservId(), 255),
						limit(auth.spf(), 40), limit(auth.dkim(), 40), limit(auth.dmarc(), 40))
				.update(keys, "id");
		}
		catch (DuplicateKeyException sameSourceRefMeanwhile) {
			Files.deleteIfExists(file.path());
			return idOfSourceRef(sourceRef).orElseThrow();
		}
		return keys.getKey().longValue();
	}

	public boolean contains(String sourceRef) {
		return idOfSourceRef(sourceRef).isPresent();
	}

	/**
	 * Claims the oldest pending message after {@code afterId} that no other worker holds,
	 * for {@code lease}. A batch walks forward by id, so a message that failed earlier in
	 * the batch is not tried again in it.
	 */
	public Optional<StoredMessage> claimNext(String worker, Duration lease, long afterId) {
		var from = afterId;
		while (true) {
			var candidate = jdbc.sql("""
					select id from inbound_message where disposition = 'PENDING' and id > ?
					  and (claimed_until is null or claimed_until < ?) and (hold_until is null or hold_until < ?)
					order by id fetch first 1 rows only""")
				.params(from, OffsetDateTime.now(), OffsetDateTime.now())
				.query(Long.class)
				.optional();
			if (candidate.isEmpty()) {
				return Optional.empty();
			}
			var id = candidate.get();
			var claimed = jdbc.sql("""
					update inbound_message set claimed_by = ?, claimed_until = ?
					where id = ? and disposition = 'PENDING' and (claimed_until is null or claimed_until < ?)""")
				.params(worker, OffsetDateTime.now().plus(lease), id, OffsetDateTime.now())
				.update();
			if (claimed == 1) {
				return Optional.of(stored(id));
			}
			from = id;
		}
	}

	public StoredMessage stored(long id) {
		return jdbc
			.sql("select id, raw_key, raw_sha256, message_id, sender, attempts from inbound_message where id = ?")
			.param(id)
			.query((rs, row) -> new StoredMessage(rs.getLong(1), files.path(rs.getString(2)), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getInt(6)))
			.single();
	}

	/**
	 * Locks a message's row for the caller's transaction and answers whether it is still
	 * PENDING. A worker whose claim ran out while it worked finds the message settled by
	 * another and must not post it again; the row lock makes the second of two concurrent
	 * workers wait and then see that.
	 */
	public boolean lockIfPending(long id) {
		return jdbc.sql("update inbound_message set attempts = attempts where id = ? and disposition = 'PENDING'")
			.param(id)
			.update() == 1;
	}

	/**
	 * Locks a message's row for the caller's transaction and answers whether it still
	 * awaits a decision (CATCH_ALL, REJECTED or FAILED): the second of two people
	 * deciding at once waits for the first, then finds it decided.
	 */
	public boolean lockIfAwaitingDecision(long id) {
		return jdbc.sql("""
				update inbound_message set attempts = attempts
				where id = ? and disposition in ('CATCH_ALL', 'REJECTED', 'FAILED')""").param(id).update() == 1;
	}

	/** Records the outcome; inside the caller's transaction when there is one. */
	public void settle(long id, Disposition disposition, String reason, Long caseId, Long updateId) {
		jdbc.sql("""
				update inbound_message set disposition = ?, reason = ?, case_id = ?, update_id = ?, processed_at = ?,
				  claimed_by = null, claimed_until = null where id = ?""")
			.params(disposition.name(), truncate(reason), caseId, updateId, OffsetDateTime.now(), id)
			.update();
	}

	/**
	 * Leaves a message PENDING with the reason, not to be claimed before {@code until}.
	 */
	public void hold(long id, Instant until, String reason) {
		jdbc.sql(
				"update inbound_message set reason = ?, hold_until = ?, claimed_by = null, claimed_until = null where id = ?")
			.params(truncate(reason), until.atOffset(ZoneOffset.UTC), id)
			.update();
	}

	public int postedFromSenderSince(String sender, Instant since) {
		return jdbc.sql(
				"select count(*) from inbound_message where disposition = 'POSTED' and sender = ? and processed_at >= ?")
			.params(sender == null ? "" : sender.toLowerCase(java.util.Locale.ROOT), since.atOffset(ZoneOffset.UTC))
			.query(Integer.class)
			.single();
	}

	public int postedToCaseSince(long caseId, Instant since) {
		return jdbc.sql(
				"select count(*) from inbound_message where disposition = 'POSTED' and case_id = ? and processed_at >= ?")
			.params(caseId, since.atOffset(ZoneOffset.UTC))
			.query(Integer.class)
			.single();
	}

	/**
	 * A failed attempt: tried again on a later batch, until {@code maxAttempts}, then
	 * FAILED with the error kept.
	 */
	public Disposition recordFailure(long id, String error, int maxAttempts) {
		jdbc.sql(
				"update inbound_message set attempts = attempts + 1, last_error = ?, claimed_by = null, claimed_until = null where id = ?")
			.params(truncate(error), id)
			.update();
		var attempts = jdbc.sql("select attempts from inbound_message where id = ?")
			.param(id)
			.query(Integer.class)
			.single();
		if (attempts < maxAttempts) {
			return Disposition.PENDING;
		}
		settle(id, Disposition.FAILED, "Processing failed %d times: %s".formatted(attempts, error), null, null);
		return Disposition.FAILED;
	}

	/** Puts a FAILED or REJECTED message back in line for the next batch. */
	public void reprocess(long id) {
		var updated = jdbc
			.sql("""
					update inbound_message set disposition = 'PENDING', attempts = 0, claimed_by = null, claimed_until = null
					where id = ? and disposition in ('FAILED', 'REJECTED')""")
			.param(id)
			.update();
		if (updated == 0) {
			throw new IllegalArgumentException("Only a FAILED or REJECTED message can be processed again");
		}
		jdbc.sql("delete from inbound_fingerprint where inbound_message_id = ?").param(id).update();
	}

	/**
	 * Claims the fingerprints of a message; if another message holds one already, answers
	 * its id: this message is a second delivery of that one.
	 */
	public Optional<Long> claimFingerprints(long id, List<String> fingerprints) {
		for (var fingerprint : fingerprints) {
			var holder = jdbc.sql("select inbound_message_id from inbound_fingerprint where fingerprint = ?")
				.param(fingerprint)
				.query(Long.class)
				.optional();
			if (holder.isPresent() && holder.get() != id) {
				return holder;
			}
			if (holder.isEmpty()) {
				jdbc.sql("insert into inbound_fingerprint (fingerprint, inbound_message_id) values (?, ?)")
					.params(fingerprint, id)
					.update();
			}
		}
		return Optional.empty();
	}

	/** Who did what to a message, for the record. */
	public void recordAction(long id, String action, long actorId, String detail) {
		jdbc.sql(
				"insert into inbound_action (inbound_message_id, action, actor_id, detail, acted_at) values (?, ?, ?, ?, ?)")
			.params(id, action, actorId, truncate(detail), OffsetDateTime.now())
			.update();
	}

	/** What was decided on a message and by whom, oldest first. */
	public List<InboundAction> actions(long id) {
		return jdbc
			.sql("""
					select a.action, a.actor_id, p.email, a.detail, a.acted_at from inbound_action a join person p on p.id = a.actor_id
					where a.inbound_message_id = ? order by a.id""")
			.param(id)
			.query((rs, row) -> new InboundAction(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
					rs.getTimestamp(5).toInstant()))
			.list();
	}

	/**
	 * Messages that were not posted and wait for someone to decide (catch-all, rejected
	 * and failed), newest first: all of them, or those about the cases a case manager
	 * manages.
	 */
	public Page<InboundMessage> awaitingDecision(Long caseManagerId, PageRequest page) {
		var query = new PageQuery(COLUMNS, "id", true).where("disposition in ('CATCH_ALL', 'REJECTED', 'FAILED')");
		if (caseManagerId != null) {
			query.where("case_id in (select id from case_file where case_manager_id = :manager)", "manager",
					caseManagerId);
		}
		return query.read(jdbc, page, Inbox::message, InboundMessage::id);
	}

	public Page<InboundMessage> newestFirst(PageRequest page) {
		return new PageQuery(COLUMNS, "id", true).read(jdbc, page, Inbox::message, InboundMessage::id);
	}

	/** The messages with these ids, in one statement. */
	public List<InboundMessage> find(Collection<Long> ids) {
		return ids.isEmpty() ? List.of()
				: jdbc.sql(COLUMNS + " where id in (:ids)").param("ids", ids).query(Inbox::message).list();
	}

	public Optional<InboundMessage> find(long id) {
		return jdbc.sql(COLUMNS + " where id = ?").param(id).query(Inbox::message).optional();
	}

	public int count(Disposition disposition) {
		return jdbc.sql("select count(*) from inbound_message where disposition = ?")
			.param(disposition.name())
			.query(Integer.class)
			.single();
	}

	private Optional<Long> idOfSourceRef(String sourceRef) {
		return jdbc.sql("select id from inbound_message where source_ref = ?")
			.param(sourceRef)
			.query(Long.class)
			.optional();
	}

	private static String truncate(String raw) {
		var text = ControlCharacters.strip(raw);
		return text == null || text.length() <= 4000 ? text : text.substring(0, 3997) + "...";
	}

	private static InboundMessage message(ResultSet rs, int row) throws SQLException {
		return new InboundMessage(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
				rs.getTimestamp(5).toInstant(), Disposition.valueOf(rs.getString(6)), rs.getString(7),
				rs.getObject(8, Long.class), rs.getObject(9, Long.class), rs.getInt(10), rs.getString(11),
				rs.getString(12), rs.getLong(13), rs.getString(14),
				new EmailAuthentication(rs.getString(15), rs.getString(16), rs.getString(17), rs.getString(18)));
	}

	/**
	 * The few headers the inbox log shows, read leniently; the pipeline parses the whole
	 * message later.
	 */
	private record Headers(String messageId, String sender, String subject, EmailAuthentication authentication) {

		static Headers read(RawMessageFiles.RawFile file, String trustedAuthservId) {
			try (var in = Files.newInputStream(file.path())) {
				var headers = new InternetHeaders(in);
				return new Headers(limit(stripBrackets(headers.getHeader("Message-ID", null)), 1000),
						limit(sender(headers.getHeader("From", ",")), 320),
						limit(decode(headers.getHeader("Subject", null)), 1000),
						authentication(headers, trustedAuthservId));
			}
			catch (IOException | MessagingException | RuntimeException unreadable) {
				return new Headers(null, null, null, EmailAuthentication.NONE);
			}
		}

		private static EmailAuthentication authentication(InternetHeaders headers, String trustedAuthservId) {
			var values = headers.getHeader(AuthenticationResults.HEADER);
			return AuthenticationResults
				.ofReceivingServer(values == null ? List.of() : List.of(values), trustedAuthservId)
				.map(results -> new EmailAuthentication(results.authservId(), results.spf(), results.dkim(),
						results.dmarc()))
				.orElse(EmailAuthentication.NONE);
		}

		private static String sender(String from) {
			if (from == null) {
				return null;
			}
			try {
				var addresses = InternetAddress.parseHeader(from, false);
				return addresses.length == 0 ? null : addresses[0].getAddress() == null ? null
						: addresses[0].getAddress().toLowerCase(java.util.Locale.ROOT);
			}
			catch (MessagingException unparseable) {
				return from.strip();
			}
		}

		private static String decode(String text) {
			try {
				// Jakarta Mail looks up a service for every encoded word: a subject of
				// thousands of them took
				// over 10 s (a fuzzing finding), and the log keeps 1,000 characters
				// anyway
				return text == null ? null : MimeUtility.decodeText(MimeUtility.unfold(limit(text, 4000)));
			}
			catch (java.io.UnsupportedEncodingException unknownCharset) {
				return text;
			}
		}

		private static String stripBrackets(String id) {
			return id == null ? null : id.strip().replaceAll("^<|>$", "");
		}

	}

	/**
	 * Header values are the sender's to choose: control characters go, as PostgreSQL
	 * refuses a NUL.
	 */
	private static String limit(String raw, int max) {
		var text = ControlCharacters.strip(raw);
		return text == null || text.length() <= max ? text : text.substring(0, max);
	}

}
