package io.casepost.inbound.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.casepost.cases.AttachmentSpool;
import io.casepost.cases.CaseUpdate;
import io.casepost.cases.CaseStatus;
import io.casepost.cases.CaseUpdateService;
import io.casepost.cases.NewAttachment;
import io.casepost.cases.NewUpdate;
import io.casepost.cases.UpdateRejected;
import io.casepost.inbound.Disposition;
import io.casepost.inbound.inbox.Inbox;
import io.casepost.inbound.inbox.StoredMessage;
import io.casepost.inbound.mime.EmailParser;
import io.casepost.inbound.mime.ParsedEmail;
import io.casepost.inbound.mime.UnreadableEmailException;
import io.casepost.inbound.reply.ExtractedReply;
import io.casepost.inbound.reply.ReplyExtractor;
import io.casepost.mail.MailSettings;
import io.casepost.settings.GeneralCaseSettings;
import io.casepost.settings.GeneralCaseSettingsService;
import io.casepost.shared.ControlCharacters;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Decides what becomes of one stored message. The envelope first (every header, no body
 * decoded): recognise a second delivery, ignore automated mail, match the update it
 * answers, authorize its sender, check the reply window, authentication and rate limit;
 * whatever is not posted goes to the catch-all having decoded nothing. Mail that will be
 * posted is then read once: its text, and each attachment decoded into the attachment
 * spool, which posting adopts through the one posting path. Runs inside the caller's
 * transaction, so the post and the recorded outcome commit together.
 */
@Component
public class InboundPipeline {

	private final Inbox inbox;

	private final EmailParser parser;

	private final AutomatedMailClassifier classifier;

	private final ReplyMatcher matcher;

	private final SenderAuthorizer authorizer;

	private final ReplyExtractor extractor;

	private final AttachmentSelector attachments;

	private final GeneralCaseSettingsService settings;

	private final CaseUpdateService updates;

	private final ApplicationEventPublisher events;

	private final ReplyChecks checks;

	private final AttachmentSpool spool;

	InboundPipeline(Inbox inbox, ReplyMatcher matcher, SenderAuthorizer authorizer, ReplyExtractor extractor,
			GeneralCaseSettingsService settings, CaseUpdateService updates, ApplicationEventPublisher events,
			io.casepost.cases.FileTypeDetector detector, ReplyChecks checks, MailSettings mailSettings,
			AttachmentSpool spool) {
		this.inbox = inbox;
		this.parser = new EmailParser();
		this.classifier = new AutomatedMailClassifier(mailSettings);
		this.matcher = matcher;
		this.authorizer = authorizer;
		this.extractor = extractor;
		this.attachments = new AttachmentSelector(detector);
		this.settings = settings;
		this.updates = updates;
		this.events = events;
		this.checks = checks;
		this.spool = spool;
	}

	/**
	 * Decides on a message whose row is not locked yet; settled already, it is never
	 * posted twice.
	 */
	public Disposition process(StoredMessage message) {
		if (!inbox.lockIfPending(message.id())) {
			return inbox.find(message.id()).orElseThrow().disposition();
		}
		return processClaimed(message);
	}

	/**
	 * Decides on a message that the caller's transaction claimed, its row locked
	 * ({@link Inbox#claimNext}).
	 */
	public Disposition processClaimed(StoredMessage message) {
		ParsedEmail email;
		try {
			email = parser.envelope(message.raw());
		}
		catch (UnreadableEmailException unreadable) {
			return notPosted(message, Disposition.REJECTED, "Unreadable email: " + unreadable.getMessage(), null);
		}
		var original = inbox.claimFingerprints(message.id(), fingerprints(message, email));
		if (original.isPresent()) {
			return settle(message, Disposition.IGNORED, "Duplicate of inbound message #" + original.get(), null, null);
		}
		var automated = classifier.automatedReason(email);
		if (automated.isPresent()) {
			return settle(message, Disposition.IGNORED, automated.get(), null, null);
		}
		var match = matcher.match(email);
		var viaList = classifier.mailingListReason(email);
		if (viaList.isPresent() && !sentByTokenRecipient(email, match)) {
			return settle(message, Disposition.IGNORED, viaList.get(), null, null);
		}
		if (match.isEmpty()) {
			return notPosted(message, Disposition.CATCH_ALL, "No matching case update", null);
		}
		var caseId = match.get().entry().caseId();
		var current = settings.current();
		if (!current.emailUpdateRepliesEnabled()) {
			return notPosted(message, Disposition.CATCH_ALL, "Email Update Replies are disabled", caseId);
		}
		var now = Instant.now();
		var expired = checks.outsideReplyWindow(match.get().entry(), now);
		if (expired.isPresent()) {
			return notPosted(message, Disposition.CATCH_ALL, expired.get(), caseId);
		}
		var ambiguous = authorizer.ambiguousAuthor(email, viaList.isPresent());
		if (ambiguous.isPresent()) {
			return notPosted(message, Disposition.CATCH_ALL, ambiguous.get(), caseId);
		}
		var sender = authorizer.authorize(email, match.get());
		if (sender.isEmpty()) {
			return notPosted(
					message, Disposition.CATCH_ALL, "Sender "
							+ (email.from() == null ? "(none)" : email.from().address()) + " was not sent this update",
					caseId);
		}
		var unauthenticated = checks.failedAuthentication(message.authentication());
		if (unauthenticated.isPresent()) {
			return notPosted(message, Disposition.CATCH_ALL, unauthenticated.get(), caseId);
		}
		var locked = updates.lockForReply(caseId, match.get().entry().updateId(), sender.get().personId());
		if (locked.status() == CaseStatus.CLOSED) {
			// whoever sent it: the case's manager may reopen the case and post it from
			// the queue
			var reason = "Case " + locked.number() + " is closed: replies to it are not posted";
			tellSender(current, message, email, caseId, SenderNotice.Reason.REJECTED, reason);
			return notPosted(message, Disposition.CATCH_ALL, reason, caseId);
		}
		var answered = locked.answeredBody();
		var hold = checks.overRateLimit(email.from().address(), caseId, now);
		if (hold.isPresent()) {
			inbox.hold(message.id(), hold.get().until(), hold.get().reason());
			return Disposition.PENDING;
		}
		return post(message, email, sender.get().personId(), caseId, current, answered);
	}

	/**
	 * A list is only a transport for a reply that carries the reply token of the very
	 * person who sent it; anything else from a list is bulk mail.
	 */
	private boolean sentByTokenRecipient(ParsedEmail email, Optional<ReplyMatch> match) {
		return match.filter(ReplyMatch::byToken).flatMap(found -> authorizer.authorize(email, found)).isPresent();
	}

	private Disposition post(StoredMessage message, ParsedEmail envelope, long author, long caseId,
			GeneralCaseSettings current, String answered) {
		try (var sink = new SpoolingSink(spool, current.maxAttachmentBytes())) {
			ParsedEmail email;
			try {
				email = parser.parse(message.raw(), sink);
			}
			catch (UnreadableEmailException unreadable) {
				return notPosted(message, Disposition.REJECTED, "Unreadable email: " + unreadable.getMessage(), caseId);
			}
			return postAndTell(message, email, author, caseId, current, answered);
		}
	}

	private Disposition postAndTell(StoredMessage message, ParsedEmail email, long author, long caseId,
			GeneralCaseSettings current, String answered) {
		try {
			var posted = post(message, email, author, caseId, current, null, answered);
			var missing = posted.leftOut()
				.stream()
				.filter(LeftOutAttachment::missingFromTheCase)
				.map(file -> file.fileName() + " (" + file.reason() + ")")
				.toList();
			if (!missing.isEmpty()) {
				tellSender(current, message, email, caseId, SenderNotice.Reason.FILES_LEFT_OUT,
						String.join(", ", missing));
			}
			var update = posted.update();
			return settle(message, Disposition.POSTED, update.note() == null ? "Posted" : "Posted. " + update.note(),
					caseId, update.id());
		}
		catch (UpdateRejected rejected) {
			tellSender(current, message, email, caseId, SenderNotice.Reason.REJECTED, rejected.getMessage());
			return notPosted(message, Disposition.REJECTED, rejected.getMessage(), caseId);
		}
	}

	/**
	 * Only ever for a sender who was authorized and whose mail is not automated (that was
	 * ignored long before), and only where the setting asks for it; the notice itself
	 * keeps to one a day.
	 */
	private void tellSender(GeneralCaseSettings current, StoredMessage message, ParsedEmail email, long caseId,
			SenderNotice.Reason reason, String detail) {
		if (current.senderNoticesEnabled() && email.from() != null) {
			events.publishEvent(new SenderNotice(message.id(), caseId, email.from().address(), reason, detail));
		}
	}

	/**
	 * Posts a message someone approved from the Inbound Messages queue, as the person
	 * they chose, through the same extraction and posting path. A broken posting rule is
	 * thrown to the approver.
	 */
	public CaseUpdate postApproved(StoredMessage message, long caseId, long authorId, String approval)
			throws UnreadableEmailException {
		var current = settings.current();
		try (var sink = new SpoolingSink(spool, current.maxAttachmentBytes())) {
			var email = parser.parse(message.raw(), sink);
			var update = post(message, email, authorId, caseId, current, approval, null).update();
			settle(message, Disposition.POSTED, "Posted. " + approval, caseId, update.id());
			return update;
		}
	}

	private Posted post(StoredMessage message, ParsedEmail email, long author, long caseId, GeneralCaseSettings current,
			String approval, String answered) {
		var reply = withoutRepeatOf(ReplyText.of(email, extractor), answered);
		var selection = attachments.select(email,
				new AttachmentPolicy(current.supportedFileTypes(), current.maxAttachmentsPerEmail(),
						current.maxAttachmentBytes(),
						email.attachments().isEmpty() ? Set.of() : updates.attachmentHashes(caseId, author)));
		var files = selection.accepted()
			.stream()
			.map(accepted -> NewAttachment.spooled(accepted.attachment().fileName(),
					SpoolingSink.fileOf(accepted.attachment().content()), accepted.type()))
			.toList();
		var note = note(selection, approval);
		return new Posted(updates.post(NewUpdate.emailed(caseId, author, reply.text(), files, reply.trimmed(),
				message.id(), note, reply.forwardIncluded() ? reply.forwarded() : null)), selection.leftOut());
	}

	private record Posted(CaseUpdate update, List<LeftOutAttachment> leftOut) {
	}

	/**
	 * A reply whose only text is the update it answers has nothing new: Outlook quotes
	 * without "&gt;" under a header block, which reads like a forwarded message when
	 * nothing is written above it.
	 */
	private static ExtractedReply withoutRepeatOf(ExtractedReply reply, String answered) {
		if (answered == null || reply.text().isBlank() || !sameWords(reply.text(), answered)) {
			return reply;
		}
		return new ExtractedReply("", (reply.text() + "\n\n" + reply.trimmed()).strip(), "");
	}

	private static boolean sameWords(String a, String b) {
		return a.replaceAll("\\s+", " ").strip().equalsIgnoreCase(b.replaceAll("\\s+", " ").strip());
	}

	/**
	 * What the update says of itself: who approved it and which files were left out and
	 * why.
	 */
	private static String note(AttachmentSelection selection, String approval) {
		var remarks = new ArrayList<String>();
		if (approval != null) {
			remarks.add(approval);
		}
		var leftOut = selection.leftOut()
			.stream()
			.filter(file -> !file.inline())
			.map(file -> file.fileName() + " (" + file.reason() + ")")
			.collect(Collectors.joining(", "));
		if (!leftOut.isEmpty()) {
			remarks.add("Files left out: " + leftOut + ".");
		}
		return remarks.isEmpty() ? null : String.join(" ", remarks);
	}

	private Disposition notPosted(StoredMessage message, Disposition disposition, String reason, Long caseId) {
		settle(message, disposition, reason, caseId, null);
		events.publishEvent(new CatchAllForward(message.id(), reason, caseId));
		return disposition;
	}

	private Disposition settle(StoredMessage message, Disposition disposition, String reason, Long caseId,
			Long updateId) {
		inbox.settle(message.id(), disposition, reason, caseId, updateId);
		return disposition;
	}

	/**
	 * Identical bytes, or the same Message-ID from the same sender, are the same message
	 * delivered again.
	 */
	private static List<String> fingerprints(StoredMessage message, ParsedEmail email) {
		var fingerprints = new ArrayList<String>();
		fingerprints.add("sha256:" + message.sha256());
		if (email.messageId() != null && email.from() != null) {
			var key = ControlCharacters.strip("message-id:" + email.from().address() + "|" + email.messageId());
			fingerprints.add(key.length() > 1400 ? key.substring(0, 1400) : key);
		}
		return fingerprints;
	}

}
