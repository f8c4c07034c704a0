package io.casepost.cases;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.casepost.settings.GeneralCaseSettingsService;
import io.casepost.shared.ByteSizes;
import io.casepost.shared.ControlCharacters;
import io.casepost.shared.EmailAddresses;
import io.casepost.shared.FileNameSanitizer;
import io.casepost.shared.Page;
import io.casepost.shared.PageQuery;
import io.casepost.shared.PageRequest;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one way a case update comes to be, whether typed on the web, sent to the API or
 * replied by email: every rule is checked here and every listener hears of it from here.
 */
@Service
public class CaseUpdateService {

	static final int MAX_BODY_LENGTH = 100_000;

	private static final String UPDATE_COLUMNS = """
			select u.id, u.case_id, p.id, p.name, p.email, p.role, u.body, u.source, u.posted_at, u.trimmed_text,
			       u.inbound_message_id, u.note, p.active, u.forwarded_text
			from case_update u join person p on p.id = u.author_id""";

	private final JdbcClient jdbc;

	private final Cases cases;

	private final People people;

	private final GeneralCaseSettingsService settings;

	private final AttachmentStore files;

	private final FileTypeDetector detector;

	private final AttachmentSpool spool;

	private final ApplicationEventPublisher events;

	CaseUpdateService(JdbcClient jdbc, Cases cases, People people, GeneralCaseSettingsService settings,
			AttachmentStore files, FileTypeDetector detector, AttachmentSpool spool, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.cases = cases;
		this.people = people;
		this.settings = settings;
		this.files = files;
		this.detector = detector;
		this.spool = spool;
		this.events = events;
	}

	/**
	 * A rejected update writes nothing before it is refused, so a caller's transaction
	 * may go on to record the refusal.
	 */
	@Transactional(noRollbackFor = UpdateRejected.class)
	public CaseUpdate post(NewUpdate update) {
		var target = target(update);
		var author = target.author();
		var violations = new ArrayList<RuleViolation>();
		var body = update.body() == null ? "" : ControlCharacters.strip(update.body()).strip();
		var attachments = update.attachments() == null ? List.<NewAttachment>of() : update.attachments();
		if (body.isEmpty() && attachments.isEmpty()) {
			violations.add(new RuleViolation("TEXT_OR_ATTACHMENT", "An update needs text or at least one attachment"));
		}
		if (body.length() > MAX_BODY_LENGTH) {
			violations.add(new RuleViolation("BODY_LENGTH", "The update text is %,d characters; at most %,d are allowed"
				.formatted(body.length(), MAX_BODY_LENGTH)));
		}
		if (target.status() != CaseStatus.OPEN) {
			violations.add(new RuleViolation("CASE_OPEN", "Case " + target.number() + " is closed"));
		}
		if (author.isEmpty()) {
			violations.add(new RuleViolation("AUTHOR_PARTICIPANT", update.authorEmail() + " is not a known person"));
		}
		else if (!author.get().isAdmin() && !target.authorTakesPart()) {
			violations.add(new RuleViolation("AUTHOR_PARTICIPANT",
					author.get().email() + " is not a participant of case " + target.number()));
		}
		else if (!author.get().active()) {
			violations.add(new RuleViolation("AUTHOR_ACTIVE", author.get().email() + " is deactivated"));
		}
		var recipients = recipients(update, target, violations);
		var checked = checkAttachments(attachments, violations);
		List<AcceptedFile> stored;
		try {
			if (!violations.isEmpty()) {
				throw new UpdateRejected(violations);
			}
			stored = adopt(checked);
		}
		finally {
			checked.forEach(file -> file.spooled().discard());
		}
		deleteFilesIfRolledBack(stored);
		var postedAt = OffsetDateTime.now();
		var updateId = insert(target.caseId(), author.get(), body, update, postedAt);
		recipients.forEach(person -> jdbc.sql("insert into update_recipient (update_id, person_id) values (?, ?)")
			.params(updateId, person.id())
			.update());
		var attachmentInfos = stored.stream().map(file -> insertAttachment(updateId, file)).toList();
		events.publishEvent(
				new CaseUpdatePosted(updateId, target.caseId(), author.get().id(), update.source(), recipients.size()));
		// what was written, not read back: the posting transaction keeps to a few
		// statements
		return new CaseUpdate(updateId, target.caseId(), author.get(), body, update.source(), postedAt.toInstant(),
				attachmentInfos, recipients.stream().sorted(java.util.Comparator.comparing(Person::name)).toList(),
				ControlCharacters.strip(update.trimmedText()), update.inboundMessageId(),
				ControlCharacters.strip(update.note()), ControlCharacters.strip(update.forwardedText()));
	}

	public CaseUpdate get(long updateId) {
		return complete(jdbc.sql(UPDATE_COLUMNS + " where u.id = ?").param(updateId).query(UpdateRow::read).list())
			.stream()
			.findFirst()
			.orElseThrow(() -> new NotFound("No case update with id " + updateId));
	}

	/**
	 * An update as its notification tells it, in two statements; read whole with its case
	 * it would take five (the team and the recipients too).
	 */
	public UpdateNotice notice(long updateId) {
		var files = filesOf(List.of(updateId)).getOrDefault(updateId, List.of());
		return jdbc.sql("""
				select c.id, c.number, c.title, m.id, m.email, a.name, u.source, u.body
				from case_update u join case_file c on c.id = u.case_id
				     join person m on m.id = c.case_manager_id join person a on a.id = u.author_id
				where u.id = ?""")
			.param(updateId)
			.query((rs, n) -> new UpdateNotice(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
					rs.getString(5), updateId, rs.getString(6), UpdateSource.valueOf(rs.getString(7)), rs.getString(8),
					files))
			.optional()
			.orElseThrow(() -> new NotFound("No case update with id " + updateId));
	}

	/** All of a case's updates, oldest first. */
	public List<CaseUpdate> ofCase(long caseId) {
		cases.get(caseId);
		return complete(jdbc.sql(UPDATE_COLUMNS + " where u.case_id = ? order by u.id")
			.param(caseId)
			.query(UpdateRow::read)
			.list());
	}

	/**
	 * A page of a case's updates in the order they were posted, or newest first: four
	 * statements however many there are.
	 */
	public Page<CaseUpdate> ofCase(long caseId, boolean newestFirst, PageRequest page) {
		return new PageQuery(UPDATE_COLUMNS, "u.id", newestFirst).where("u.case_id = :case", "case", caseId)
			.read(jdbc, page, UpdateRow::read, UpdateRow::id)
			.map(this::complete);
	}

	public AttachmentInfo attachment(long attachmentId) {
		return jdbc.sql("select id, update_id, filename, content_type, size_bytes, sha256 from attachment where id = ?")
			.param(attachmentId)
			.query(CaseUpdateService::attachmentInfo)
			.optional()
			.orElseThrow(() -> new NotFound("No attachment with id " + attachmentId));
	}

	/**
	 * SHA-256 of every file of the case the person already has: those they put on it, and
	 * those of the updates emailed to them (which a reply may carry back).
	 */
	public Set<String> attachmentHashes(long caseId, long personId) {
		return Set.copyOf(jdbc.sql("""
				select a.sha256 from attachment a join case_update u on u.id = a.update_id
				where u.case_id = ? and (u.author_id = ?
				  or exists (select 1 from update_recipient r where r.update_id = u.id and r.person_id = ?))""")
			.params(caseId, personId, personId)
			.query(String.class)
			.list());
	}

	/**
	 * Locks the case and then the replying person for the caller's transaction, and
	 * answers the case's number and status and the text of one of its updates: replies to
	 * a case, and replies of one person to any case, are then decided one at a time, so
	 * what was posted (the rate limits) is counted after the locks, and a case closed
	 * meanwhile is seen closed.
	 */
	public LockedCase lockForReply(long caseId, long updateId, long authorId) {
		var locked = jdbc.sql(
				"select number, status, (select body from case_update where id = ?) from case_file where id = ? for update")
			.params(updateId, caseId)
			.query((rs, n) -> new LockedCase(rs.getString(1), CaseStatus.valueOf(rs.getString(2)), rs.getString(3)))
			.optional()
			.orElseThrow(() -> new NotFound("No case with id " + caseId));
		// an update that changes nothing rather than "for update": on PostgreSQL it takes
		// the row's no-key lock, which the foreign-key checks of concurrent inserts that
		// name this person (a post of theirs from the web) do not wait for
		jdbc.sql("update person set id = id where id = ?").param(authorId).update();
		return locked;
	}

	/**
	 * A case as locked for deciding on a reply to it.
	 *
	 * @param answeredBody the text of the update replied to
	 */
	public record LockedCase(String number, CaseStatus status, String answeredBody) {
	}

	/**
	 * Puts what was trimmed from an emailed reply back into its text, keeping the text as
	 * it was as an edit; only the case's manager or an admin may.
	 */
	@Transactional
	public CaseUpdate restoreTrimmedText(long updateId, String editorEmail) {
		var update = get(updateId);
		var editor = people.findByEmail(editorEmail).orElseThrow(() -> new NotFound("No person " + editorEmail));
		if (!cases.get(update.caseId()).isManagedBy(editor)) {
			throw new org.springframework.security.access.AccessDeniedException(
					"Only the case manager or an admin may restore trimmed text");
		}
		if (update.trimmedText() == null || update.trimmedText().isBlank()) {
			throw new IllegalArgumentException("Nothing was trimmed from this update");
		}
		var restored = update.body() + "\n\n" + update.trimmedText();
		if (restored.length() > MAX_BODY_LENGTH) {
			throw new UpdateRejected(List.of(new RuleViolation("BODY_LENGTH",
					"With the trimmed text the update would be %,d characters; at most %,d are allowed"
						.formatted(restored.length(), MAX_BODY_LENGTH))));
		}
		jdbc.sql(
				"insert into case_update_edit (update_id, editor_id, previous_body, reason, edited_at) values (?, ?, ?, ?, ?)")
			.params(updateId, editor.id(), update.body(), "restored trimmed text", OffsetDateTime.now())
			.update();
		jdbc.sql("update case_update set body = ?, trimmed_text = null where id = ?")
			.params(restored, updateId)
			.update();
		return get(updateId);
	}

	/**
	 * Stores a file's bytes as an attachment's, on no update: for demo data whose many
	 * attachment rows share one stored file.
	 */
	public StoredFile storeWithoutUpdate(InputStream content) throws IOException {
		return files.adopt(spool.write(content, Long.MAX_VALUE));
	}

	/**
	 * The stream fails at its end if the bytes are not those whose SHA-256 was recorded
	 * at upload.
	 */
	public AttachmentDownload download(long attachmentId) throws IOException {
		var info = attachment(attachmentId);
		var key = jdbc.sql("select storage_key from attachment where id = ?")
			.param(attachmentId)
			.query(String.class)
			.single();
		return new AttachmentDownload(info, new VerifiedContent(files.open(key), info));
	}

	/**
	 * The case and the author, and whether the author takes part in the case (its
	 * manager, an investigator or a client), in one query.
	 */
	private PostingTarget target(NewUpdate update) {
		var byId = update.authorId() != null;
		return jdbc
			.sql("""
					select c.id, c.number, c.status, p.id, p.name, p.email, p.role, p.active,
					  case when c.case_manager_id = p.id or exists (select 1 from case_participant cp
					    where cp.case_id = c.id and cp.person_id = p.id and cp.role in ('INVESTIGATOR', 'CLIENT'))
					  then 1 else 0 end
					from case_file c left join person p on %s where c.id = ?"""
				.formatted(byId ? "p.id = ?" : "p.email = ?"))
			.params(byId ? update.authorId() : EmailAddresses.normalize(update.authorEmail()), update.caseId())
			.query((rs, row) -> new PostingTarget(rs.getLong(1), rs.getString(2), CaseStatus.valueOf(rs.getString(3)),
					rs.getObject(4) == null ? Optional.empty()
							: Optional.of(new Person(rs.getLong(4), rs.getString(5), rs.getString(6),
									Role.valueOf(rs.getString(7)), rs.getBoolean(8))),
					rs.getInt(9) == 1))
			.optional()
			.orElseThrow(() -> new UpdateRejected(
					List.of(new RuleViolation("CASE_EXISTS", "No case with id " + update.caseId()))));
	}

	private record PostingTarget(long caseId, String number, CaseStatus status, Optional<Person> author,
			boolean authorTakesPart) {
	}

	/**
	 * Rule RECIPIENTS_ON_CASE: an update is emailed only to people on its case (its
	 * manager, investigators and clients), read in one statement. An address that is
	 * nobody's is told apart from one of someone not on the case by nothing, so that the
	 * answer never shows who is registered.
	 */
	private List<Person> recipients(NewUpdate update, PostingTarget target, List<RuleViolation> violations) {
		var emails = update.recipientEmails() == null ? List.<String>of()
				: update.recipientEmails()
					.stream()
					.map(email -> email == null ? "" : EmailAddresses.normalize(email))
					.distinct()
					.toList();
		if (emails.isEmpty()) {
			return List.of();
		}
		var onCase = jdbc.sql("""
				select p.id, p.name, p.email, p.role, p.active from person p
				where p.email in (:emails)
				  and (p.id = (select c.case_manager_id from case_file c where c.id = :case)
				       or p.id in (select cp.person_id from case_participant cp where cp.case_id = :case))""")
			.param("emails", emails)
			.param("case", target.caseId())
			.query(People::person)
			.list()
			.stream()
			.collect(Collectors.toMap(Person::email, person -> person));
		var recipients = new ArrayList<Person>();
		for (var email : emails) {
			var person = onCase.get(email);
			if (person == null) {
				violations.add(new RuleViolation("RECIPIENTS_ON_CASE",
						"Recipient " + ControlCharacters.strip(email) + " is not on case " + target.number()));
			}
			else if (!person.active()) {
				violations.add(new RuleViolation("RECIPIENTS_ACTIVE", "Recipient " + email + " is deactivated"));
			}
			else {
				recipients.add(person);
			}
		}
		return recipients;
	}

	/**
	 * Every file is spooled once (counted, hashed, its head kept for the type); only when
	 * the whole update passes the rules are the files adopted into the store, and nothing
	 * reads them back.
	 */
	private List<CheckedFile> checkAttachments(List<NewAttachment> attachments, List<RuleViolation> violations) {
		var limits = settings.current();
		if (attachments.size() > limits.maxAttachmentsPerEmail()) {
			violations.add(new RuleViolation("ATTACHMENT_COUNT", "%d files attached; at most %d are allowed"
				.formatted(attachments.size(), limits.maxAttachmentsPerEmail())));
			attachments.stream().map(NewAttachment::spooled).filter(Objects::nonNull).forEach(SpooledFile::discard);
			return List.of();
		}
		var checked = new ArrayList<CheckedFile>();
		for (var attachment : attachments) {
			var fileName = FileNameSanitizer.fileNameOrFallback(attachment.fileName(), checked.size(),
					"application/octet-stream");
			var spooled = spooled(attachment, fileName, limits.maxAttachmentBytes(), checked);
			var type = attachment.type() != null ? attachment.type() : detector.detect(spooled.head(), fileName);
			checked.add(new CheckedFile(fileName, spooled, type));
			if (spooled.size() == 0) {
				// as the email path leaves such a file out: there is nothing in it to
				// keep
				violations.add(new RuleViolation("ATTACHMENT_EMPTY", "%s is empty (0 bytes)".formatted(fileName)));
			}
			else if (spooled.overLimit() || spooled.size() > limits.maxAttachmentBytes()) {
				violations.add(new RuleViolation("ATTACHMENT_SIZE",
						"%s is larger than %s".formatted(fileName, ByteSizes.describe(limits.maxAttachmentBytes()))));
			}
			else if (!type.isOneOf(limits.supportedFileTypes())) {
				violations.add(new RuleViolation("ATTACHMENT_TYPE",
						"%s is of a type that is not supported (%s)".formatted(fileName, type.mediaType())));
			}
		}
		return checked;
	}

	private List<AcceptedFile> adopt(List<CheckedFile> checked) {
		var accepted = new ArrayList<AcceptedFile>();
		try {
			for (var file : checked) {
				accepted.add(new AcceptedFile(file.fileName(), files.adopt(file.spooled()), file.type()));
			}
			return accepted;
		}
		catch (IOException | RuntimeException e) {
			accepted.forEach(file -> files.delete(file.stored().key()));
			throw e instanceof IOException io ? new UncheckedIOException("Could not store the attachments", io)
					: (RuntimeException) e;
		}
	}

	private SpooledFile spooled(NewAttachment attachment, String fileName, long limit, List<CheckedFile> before) {
		if (attachment.spooled() != null) {
			return attachment.spooled();
		}
		try (var in = attachment.content().getInputStream()) {
			return spool.write(in, limit);
		}
		catch (IOException e) {
			before.forEach(file -> file.spooled().discard());
			throw new UncheckedIOException("Could not store attachment " + fileName, e);
		}
	}

	private void deleteFilesIfRolledBack(List<AcceptedFile> stored) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				if (status != STATUS_COMMITTED) {
					stored.forEach(file -> files.delete(file.stored().key()));
				}
			}
		});
	}

	private long insert(long caseId, Person author, String body, NewUpdate update, OffsetDateTime postedAt) {
		var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
		jdbc.sql(
				"""
						insert into case_update (case_id, author_id, body, source, posted_at, trimmed_text, inbound_message_id, note,
						                         forwarded_text)
						values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(caseId, author.id(), body, update.source().name(), postedAt,
					ControlCharacters.strip(update.trimmedText()), update.inboundMessageId(),
					ControlCharacters.strip(update.note()), ControlCharacters.strip(update.forwardedText()))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	private AttachmentInfo insertAttachment(long updateId, AcceptedFile file) {
		var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
		jdbc.sql("""
				insert into attachment (update_id, filename, content_type, size_bytes, sha256, storage_key)
				values (?, ?, ?, ?, ?, ?)""")
			.params(updateId, file.fileName(), file.type().mediaType(), file.stored().size(), file.stored().sha256(),
					file.stored().key())
			.update(keys, "id");
		return new AttachmentInfo(keys.getKey().longValue(), updateId, file.fileName(), file.type().mediaType(),
				file.stored().size(), file.stored().sha256());
	}

	/** The files and recipients of all the updates, in two statements. */
	private List<CaseUpdate> complete(List<UpdateRow> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		var ids = rows.stream().map(UpdateRow::id).toList();
		var files = filesOf(ids);
		var recipients = new HashMap<Long, List<Person>>();
		jdbc.sql(
				"""
						select r.update_id, p.id, p.name, p.email, p.role, p.active from person p join update_recipient r on r.person_id = p.id
						where r.update_id in (:ids) order by p.name, p.id""")
			.param("ids", ids)
			.query((rs, n) -> Map.entry(rs.getLong("update_id"), People.person(rs, n)))
			.list()
			.forEach(
					entry -> recipients.computeIfAbsent(entry.getKey(), id -> new ArrayList<>()).add(entry.getValue()));
		return rows.stream()
			.map(row -> row.with(files.getOrDefault(row.id(), List.of()), recipients.getOrDefault(row.id(), List.of())))
			.toList();
	}

	private Map<Long, List<AttachmentInfo>> filesOf(List<Long> updateIds) {
		return jdbc.sql("""
				select id, update_id, filename, content_type, size_bytes, sha256 from attachment
				where update_id in (:ids) order by id""")
			.param("ids", updateIds)
			.query(CaseUpdateService::attachmentInfo)
			.list()
			.stream()
			.collect(Collectors.groupingBy(AttachmentInfo::updateId));
	}

	private static AttachmentInfo attachmentInfo(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new AttachmentInfo(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5),
				rs.getString(6));
	}

	private record CheckedFile(String fileName, SpooledFile spooled, DetectedType type) {
	}

	private record AcceptedFile(String fileName, StoredFile stored, DetectedType type) {
	}

	/** An update as read with its author, before its files and recipients. */
	private record UpdateRow(long id, long caseId, Person author, String body, UpdateSource source, Instant postedAt,
			String trimmedText, Long inboundMessageId, String note, String forwardedText) {

		static UpdateRow read(ResultSet rs, int n) throws SQLException {
			return new UpdateRow(rs.getLong(1), rs.getLong(2),
					new Person(rs.getLong(3), rs.getString(4), rs.getString(5), Role.valueOf(rs.getString(6)),
							rs.getBoolean(13)),
					rs.getString(7), UpdateSource.valueOf(rs.getString(8)), rs.getTimestamp(9).toInstant(),
					rs.getString(10), rs.getObject(11, Long.class), rs.getString(12), rs.getString(14));
		}

		CaseUpdate with(List<AttachmentInfo> attachments, List<Person> recipients) {
			return new CaseUpdate(id, caseId, author, body, source, postedAt, attachments, recipients, trimmedText,
					inboundMessageId, note, forwardedText);
		}

	}

}
