package io.casepost.outbound;

import java.time.Duration;
import java.time.Instant;

import io.casepost.cases.CaseFile;
import io.casepost.cases.CaseUpdate;
import io.casepost.cases.CaseUpdatePosted;
import io.casepost.cases.CaseUpdateService;
import io.casepost.cases.Cases;
import io.casepost.cases.Person;
import io.casepost.mail.EmailKey;
import io.casepost.mail.EmailLinks;
import io.casepost.mail.OutgoingMail;
import io.casepost.settings.GeneralCaseSettingsService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * Emails each posted update to each of its recipients, one email each with its own
 * Message-ID and reply address. A recipient's entry commits before their email leaves,
 * and the email leaves at most once: a crash resends only what surely was not sent.
 */
@Component
class UpdateMailer {

	private static final Logger log = LoggerFactory.getLogger(UpdateMailer.class);

	private static final int MAX_ATTEMPTS = 10;

	private final CaseUpdateService updates;

	private final Cases cases;

	private final RecipientLog recipientLog;

	private final GeneralCaseSettingsService settings;

	private final OutgoingMail mail;

	private final EmailLinks links;

	UpdateMailer(CaseUpdateService updates, Cases cases, RecipientLog recipientLog, GeneralCaseSettingsService settings,
			OutgoingMail mail, EmailLinks links) {
		this.updates = updates;
		this.cases = cases;
		this.recipientLog = recipientLog;
		this.settings = settings;
		this.mail = mail;
		this.links = links;
	}

	/**
	 * Handled again after a crash (the event stays incomplete until this returns): what
	 * was sent, or may have been, is not sent again.
	 */
	@ApplicationModuleListener(condition = "#posted.emailed()")
	void on(CaseUpdatePosted posted) {
		var update = updates.get(posted.updateId());
		var caseFile = cases.get(update.caseId());
		for (var recipient : update.recipients()) {
			var entry = recipientLog.find(update.id(), recipient.id()).orElseGet(() -> logRecipient(update, recipient));
			if (entry.status() == DeliveryStatus.PENDING || entry.status() == DeliveryStatus.FAILED) {
				send(entry, update, caseFile);
			}
		}
	}

	/** Sends again what failed or was left pending by a crash. */
	@Scheduled(fixedDelayString = "${casepost.outbound.retry-interval:1m}",
			initialDelayString = "${casepost.outbound.retry-interval:1m}")
	void retryUnsent() {
		for (var entry : recipientLog.unsent(MAX_ATTEMPTS, Instant.now().minus(Duration.ofMinutes(1)))) {
			var update = updates.get(entry.updateId());
			send(entry, update, cases.get(update.caseId()));
		}
	}

	private RecipientEntry logRecipient(CaseUpdate update, Person recipient) {
		var messageId = mail.settings().newMessageId();
		var repliesOn = settings.current().emailUpdateRepliesEnabled();
		var token = repliesOn ? ReplyTokens.next() : null;
		var replyTo = repliesOn ? mail.settings().replyAddress(token) : update.author().email();
		recipientLog.add(update.id(), update.caseId(), recipient.id(), recipient.email(), messageId, token, replyTo);
		return recipientLog.find(update.id(), recipient.id()).orElseThrow();
	}

	private void send(RecipientEntry entry, CaseUpdate update, CaseFile caseFile) {
		var files = EmailedFiles.of(update.attachments(), settings.current().maxUpdateEmailAttachmentBytes());
		var email = new UpdateEmail(entry, update, caseFile, files, links);
		try {
			var outcome = mail.send(new EmailKey("update", "update-" + update.id(), entry.address()),
					message -> email.write(message, updates));
			recipientLog.mark(entry.id(), outcome);
		}
		catch (RuntimeException e) {
			log.warn("Update {} could not be emailed to {} (attempt {}): {}", update.id(), entry.address(),
					entry.attempts() + 1, e.getMessage());
			recipientLog.markFailed(entry.id(), String.valueOf(e.getMessage()));
		}
	}

}
