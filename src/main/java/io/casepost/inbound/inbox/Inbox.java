package io.casepost.inbound.inbox;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.casepost.inbound.Disposition;
import io.casepost.inbound.EmailAuthentication;
import io.casepost.inbound.InboundAction;
import io.casepost.inbound.InboundMessage;
import io.casepost.inbound.mime.AuthenticationResults;
import io.casepost.inbound.mime.EmailParser;
import io.casepost.inbound.mime.ParsedEmail;
import io.casepost.inbound.RawEmail;
import io.casepost.inbound.mime.UnreadableEmailException;
import io.casepost.shared.ControlCharacters;
import io.casepost.shared.Page;
import io.casepost.shared.PageQuery;
import io.casepost.shared.PageRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
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

	private final JdbcTemplate template;

	private final TransactionTemplate transactions;

	/** Within the caller's transaction, under a savepoint. */
	private final TransactionTemplate savepoint;

	private final RawMessages files;

	/**
	 * The id this installation's receiving server writes into Authentication-Results;
	 * blank trusts the topmost header.
	 */
	private final String trustedAuthservId;

	Inbox(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactions, RawMessages files,
			@Value("${casepost.inbound.authserv-id:}") String trustedAuthservId) {
		this.jdbc = jdbc;
		this.template = template;
		this.transactions = new TransactionTemplate(transactions);
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
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
		return store(List.of(new Arrival(raw, source, sourceRef))).get(0);
	}

	/** A message as its source hands it over, with the reference that names it there. */
	public record Arrival(RawContent raw, String source, String sourceRef) {
	}

	/**
	 * Stores a fetched chunk: the bytes durable first (on disk one file and one directory
	 * sync for the whole chunk; in a bucket one PUT each), then every row in one
	 * transaction (callers hold none). Answers the ids in the order given. A message
	 * whose source reference another instance stored meanwhile keeps that row.
	 */
	public List<Long> store(List<Arrival> arrivals) throws IOException {
		var written = files.write(arrivals.stream().map(Arrival::raw).toList(),
				raw -> Headers.read(raw, trustedAuthservId));
		var rows = new ArrayList<Row>();
		for (var i = 0; i < arrivals.size(); i++) {
			rows.add(new Row(arrivals.get(i), written.get(i).file(), written.get(i).inspected()));
		}
		var ids = new LinkedHashMap<Row, Long>();
		while (ids.size() < rows.size()) {
			var toInsert = rows.stream().filter(row -> !ids.containsKey(row)).toList();
			try {
				ids.putAll(transactions.execute(status -> insert(toInsert)));
			}
			catch (DataIntegrityViolationException sameSourceRefMeanwhile) {
				var known = idsOfSourceRefs(toInsert.stream().map(row -> row.arrival().sourceRef()).toList());
				if (known.isEmpty()) {
					throw sameSourceRefMeanwhile;
				}
				toInsert.stream()
					.filter(row -> known.containsKey(row.arrival().sourceRef()))
					.forEach(row -> ids.put(row, known.get(row.arrival().sourceRef())));
			}
		}
		return rows.stream().map(ids::get).toList();
	}

	private record Row(Arrival arrival, RawMessages.RawFile file, Headers headers) {
	}

	/** The rows in one batch, then their ids in one query. */
	private Map<Row, Long> insert(List<Row> rows) {
		var now = OffsetDateTime.now();
		template.batchUpdate(
				"""
						insert into inbound_message (raw_key, raw_offset, raw_sha256, raw_size, message_id, sender, subject, source,
						  source_ref, received_at, disposition, attempts, auth_serv_id, auth_spf, auth_dkim, auth_dmarc)
						values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?, ?)""",
				rows, rows.size(), (statement, row) -> {
					var file = row.file();
					var headers = row.headers();
					var auth = headers.authentication();
					var values = new Object[] { file.key(), file.offset(), file.sha256(), file.size(),
							headers.messageId(), headers.sender(), headers.subject(), row.arrival().source(),
							row.arrival().sourceRef(), now, limit(auth.authservId(), 255), limit(auth.spf(), 40),
							limit(auth.dkim(), 40), limit(auth.dmarc(), 40) };
					for (var i = 0; i < values.length; i++) {
						statement.setObject(i + 1, values[i]);
					}
				});
		var keys = rows.stream().map(row -> row.file().key()).distinct().toList();
		var byPlace = new HashMap<String, Long>();
		template.query("select id, raw_key, raw_offset from inbound_message where raw_key in ("
				+ String.join(", ", Collections.nCopies(keys.size(), "?")) + ")", rs -> {
					byPlace.put(rs.getString(2) + "@" + rs.getLong(3), rs.getLong(1));
				}, keys.toArray());
		var ids = new LinkedHashMap<Row, Long>();
		rows.forEach(row -> ids.put(row, byPlace.get(row.file().key() + "@" + row.file().offset())));
		return ids;
	}

	private Map<String, Long> idsOfSourceRefs(List<String> sourceRefs) {
		var named = sourceRefs.stream().filter(java.util.Objects::nonNull).toList();
		if (named.isEmpty()) {
			return Map.of();
		}
		var ids = new HashMap<String, Long>();
		jdbc.sql("select source_ref, id from inbound_message where source_ref in (:refs)")
			.param("refs", named)
			.query(rs -> {
				ids.put(rs.getString(1), rs.getLong(2));
			});
		return ids;
	}

	/**
	 * Which of these source references are stored: what a source need not fetch again.
	 */
	public Set<String> storedSourceRefs(Collection<String> sourceRefs) {
		return sourceRefs.isEmpty() ? Set.of() : idsOfSourceRefs(List.copyOf(sourceRefs)).keySet();
	}

	/** Which of these raw-file keys a message row names. */
	public Set<String> recordedRawKeys(Collection<String> keys) {
		if (keys.isEmpty()) {
			return Set.of();
		}
		return Set.copyOf(jdbc.sql("select raw_key from inbound_message where raw_key in (:keys)")
			.param("keys", keys)
			.query(String.class)
			.list());
	}

	public boolean contains(String sourceRef) {
		return idOfSourceRef(sourceRef).isPresent();
	}

	private static final String STORED = """
			select id, raw_key, raw_sha256, message_id, sender, attempts, auth_serv_id, auth_spf, auth_dkim, auth_dmarc,
			       raw_offset, raw_size
			from inbound_message""";

	/**
	 * Claims the oldest pending message that no other transaction holds, locking its row
	 * for the caller's transaction ({@code FOR UPDATE SKIP LOCKED}): parallel workers and
	 * instances each take another message, and a worker that dies lets go of its message
	 * with its connection. {@code passedOver} are messages that failed earlier in this
	 * batch: tried again in the next one.
	 */
	public Optional<StoredMessage> claimNext(Collection<Long> passedOver) {
		var skipped = passedOver.isEmpty() ? ""
				: " and id not in (" + String.join(", ", Collections.nCopies(passedOver.size(), "?")) + ")";
		var parameters = new ArrayList<Object>();
		parameters.add(OffsetDateTime.now());
		parameters.addAll(passedOver);
		return jdbc
			.sql(STORED + " where disposition = 'PENDING' and (hold_until is null or hold_until < ?)" + skipped
					+ " order by id fetch first 1 rows only for update skip locked")
			.params(parameters)
			.query(this::storedMessage)
			.optional();
	}

	public StoredMessage stored(long id) {
		return jdbc.sql(STORED + " where id = ?").param(id).query(this::storedMessage).single();
	}

	private StoredMessage storedMessage(ResultSet rs, int row) throws SQLException {
		var raw = files.open(new RawMessages.RawFile(rs.getString(2), rs.getLong(11), rs.getLong(12), rs.getString(3)));
		return new StoredMessage(rs.getLong(1), raw, rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6),
				new EmailAuthentication(rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10)));
	}

	/**
	 * Locks a message's row for the caller's transaction and answers whether it is still
	 * PENDING: for a message taken other than by {@link #claimNext}, which locks it
	 * already. The second of two concurrent callers waits and then finds it settled.
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

	/**
	 * Replies posted since {@code since} from the sender, and to the case, each counted
	 * up to its limit only: what the rate limit needs to know, read from at most that
	 * many index entries however many replies the window holds.
	 */
	public PostedSince postedSince(String sender, int senderLimit, long caseId, int caseLimit, Instant since) {
		var address = sender == null ? "" : sender.toLowerCase(java.util.Locale.ROOT);
		var from = since.atOffset(ZoneOffset.UTC);
		return jdbc
			.sql("""
					select (select count(*) from (select 1 from inbound_message
					          where disposition = 'POSTED' and sender = ? and processed_at >= ? fetch first ? rows only) s),
					       (select count(*) from (select 1 from inbound_message
					          where case_id = ? and disposition = 'POSTED' and processed_at >= ? fetch first ? rows only) c)""")
			.params(address, from, senderLimit, caseId, from, caseLimit)
			.query((rs, row) -> new PostedSince(rs.getInt(1), rs.getInt(2)))
			.single();
	}

	public record PostedSince(int fromSender, int toCase) {
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
	 * Claims the fingerprints of a message in one statement; if another message holds one
	 * already, answers its id: this message is a second delivery of that one, and holds
	 * none. The primary key finds a taken fingerprint: a {@code not exists} test planned
	 * once per connection while the table was small scanned the whole table for every
	 * message. Two deliveries decided at once both try to insert: the second waits for
	 * the first transaction and then breaks the key, which a savepoint turns into the
	 * answer (PostgreSQL would otherwise abort the whole transaction).
	 */
	public Optional<Long> claimFingerprints(long id, List<String> fingerprints) {
		var parameters = new ArrayList<Object>();
		fingerprints.forEach(fingerprint -> {
			parameters.add(fingerprint);
			parameters.add(id);
		});
		try {
			savepoint.executeWithoutResult(status -> jdbc
				.sql("insert into inbound_fingerprint (fingerprint, inbound_message_id) values "
						+ String.join(", ", Collections.nCopies(fingerprints.size(), "(?, ?)")))
				.params(parameters)
				.update());
			return Optional.empty();
		}
		catch (DuplicateKeyException seenBefore) {
			var lookup = new ArrayList<Object>(fingerprints);
			lookup.add(id);
			return jdbc
				.sql("""
						select inbound_message_id from inbound_fingerprint where fingerprint in (%s) and inbound_message_id <> ?
						order by inbound_message_id fetch first 1 rows only"""
					.formatted(String.join(", ", Collections.nCopies(fingerprints.size(), "?"))))
				.params(lookup)
				.query(Long.class)
				.optional();
		}
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
	 * The few headers the inbox log shows, read by the parser that the pipeline uses, so
	 * the log shows the very address that was checked; a message without readable headers
	 * is still stored.
	 */
	private record Headers(String messageId, String sender, String subject, EmailAuthentication authentication) {

		private static final EmailParser PARSER = new EmailParser();

		static Headers read(RawEmail raw, String trustedAuthservId) {
			try {
				var email = PARSER.headers(raw);
				return new Headers(limit(email.messageId(), 1000),
						limit(email.from() == null ? null : email.from().address(), 320),
						limit(ControlCharacters.inName(email.subject()), 1000),
						authentication(email, trustedAuthservId));
			}
			catch (UnreadableEmailException unreadable) {
				return new Headers(null, null, null, EmailAuthentication.NONE);
			}
		}

		private static EmailAuthentication authentication(ParsedEmail email, String trustedAuthservId) {
			return AuthenticationResults
				.ofReceivingServer(email.headers(AuthenticationResults.HEADER), trustedAuthservId)
				.map(results -> new EmailAuthentication(results.authservId(), results.spf(), results.dkim(),
						results.dmarc()))
				.orElse(EmailAuthentication.NONE);
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
