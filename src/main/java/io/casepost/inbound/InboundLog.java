package io.casepost.inbound;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.casepost.cases.NotFound;
import io.casepost.inbound.inbox.Inbox;
import io.casepost.inbound.inbox.RawContent;
import io.casepost.inbound.inbox.RawMessages;
import io.casepost.inbound.mime.AttachmentSink;
import io.casepost.inbound.mime.EmailParser;
import io.casepost.inbound.mime.UnreadableEmailException;
import io.casepost.inbound.pipeline.ReplyText;
import io.casepost.inbound.reply.ReplyExtractor;
import io.casepost.shared.Page;
import io.casepost.shared.PageRequest;

import org.springframework.stereotype.Service;

/** The inbound log: every message received, newest first, with what became of it. */
@Service
public class InboundLog {

	private static final int PREVIEW_LIMIT = 20_000;

	private final Inbox inbox;

	private final ReplyExtractor extractor;

	private final EmailParser parser = new EmailParser();

	private final RawMessages files;

	InboundLog(Inbox inbox, ReplyExtractor extractor, RawMessages files) {
		this.inbox = inbox;
		this.extractor = extractor;
		this.files = files;
	}

	/**
	 * Stores an email's bytes as the inbox keeps a received one, but records no message:
	 * for demo data whose many rows share a few stored emails.
	 */
	public StoredEmail storeWithoutRecord(byte[] raw) throws IOException {
		var file = files.write(List.of(RawContent.of(new ByteArrayInputStream(raw))), stored -> null).get(0).file();
		return new StoredEmail(file.key(), file.sha256(), file.size());
	}

	/** Where the inbox keeps an email's bytes, and their SHA-256 and size. */
	public record StoredEmail(String key, String sha256, long size) {
	}

	/**
	 * Keys of raw files written to this instance's disk before {@code before}, whether a
	 * row names them or not; those in the bucket are listed with the attachments.
	 */
	public List<String> rawFilesStoredBefore(Instant before) throws IOException {
		return files.keysStoredBefore(before);
	}

	/** Which of these raw-file keys a message row names. */
	public Set<String> recordedRawKeys(Collection<String> keys) {
		return inbox.recordedRawKeys(keys);
	}

	public void deleteRawFile(String key) {
		try {
			files.deleteFromDisk(key);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public Page<InboundMessage> newestFirst(PageRequest page) {
		return inbox.newestFirst(page);
	}

	public Optional<InboundMessage> find(long id) {
		return inbox.find(id);
	}

	/** The messages with these ids, by id, in one statement. */
	public Map<Long, InboundMessage> find(Collection<Long> ids) {
		return inbox.find(ids).stream().collect(Collectors.toMap(InboundMessage::id, message -> message));
	}

	/** Who decided what on the message in the Inbound Messages queue. */
	public List<InboundAction> actions(long id) {
		return inbox.actions(id);
	}

	public MessagePreview preview(long id) {
		var message = find(id).orElseThrow(() -> new NotFound("No inbound message with id " + id));
		try {
			var email = parser.parse(inbox.stored(id).raw(), AttachmentSink.SKIP);
			var reply = ReplyText.of(email, extractor);
			var attachments = email.attachments()
				.stream()
				.map(attachment -> attachment.fileName() + " (" + attachment.declaredContentType()
						+ (attachment.inline() ? ", inline" : "") + ")")
				.toList();
			return new MessagePreview(message, limited(reply.text()), limited(reply.trimmed()), attachments, null);
		}
		catch (UnreadableEmailException unreadable) {
			return new MessagePreview(message, "", "", List.of(), unreadable.reason());
		}
	}

	private static String limited(String text) {
		return text.length() <= PREVIEW_LIMIT ? text
				: text.substring(0, PREVIEW_LIMIT) + "\n[... shortened for the preview; the original email has it all]";
	}

	/** The message as received, from whichever store holds it. */
	public RawEmail original(long id) {
		return inbox.stored(id).raw();
	}

	/** Puts a FAILED or REJECTED message back in line for the next batch. */
	public void reprocess(long id) {
		inbox.reprocess(id);
	}

}
