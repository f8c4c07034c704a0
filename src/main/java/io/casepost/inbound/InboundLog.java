package io.casepost.inbound;

import java.util.List;
import java.util.Optional;

import io.casepost.cases.NotFound;
import io.casepost.inbound.inbox.Inbox;
import io.casepost.inbound.mime.AttachmentSink;
import io.casepost.inbound.mime.EmailParser;
import io.casepost.inbound.mime.UnreadableEmailException;
import io.casepost.inbound.pipeline.ReplyText;
import io.casepost.inbound.reply.ReplyExtractor;

import org.springframework.stereotype.Service;

/** The inbound log: every message received, newest first, with what became of it. */
@Service
public class InboundLog {

	private static final int PREVIEW_LIMIT = 20_000;

	private final Inbox inbox;

	private final ReplyExtractor extractor;

	private final EmailParser parser = new EmailParser();

	InboundLog(Inbox inbox, ReplyExtractor extractor) {
		this.inbox = inbox;
		this.extractor = extractor;
	}

	public List<InboundMessage> newestFirst(int limit) {
		return inbox.newestFirst(limit);
	}

	public Optional<InboundMessage> find(long id) {
		return inbox.find(id);
	}

	/** Who decided what on the message in the Inbound Messages queue. */
	public List<InboundAction> actions(long id) {
		return inbox.actions(id);
	}

	public MessagePreview preview(long id) {
		var message = find(id).orElseThrow(() -> new NotFound("No inbound message with id " + id));
		try {
			var email = parser.parse(inbox.stored(id).rawFile(), AttachmentSink.SKIP);
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

	public java.nio.file.Path rawFile(long id) {
		return inbox.stored(id).rawFile();
	}

	/** Puts a FAILED or REJECTED message back in line for the next batch. */
	public void reprocess(long id) {
		inbox.reprocess(id);
	}

}
