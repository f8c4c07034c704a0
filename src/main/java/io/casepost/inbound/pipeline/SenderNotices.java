package io.casepost.inbound.pipeline;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

import io.casepost.cases.CaseFile;
import io.casepost.cases.Cases;
import io.casepost.inbound.InboundMessage;
import io.casepost.inbound.inbox.Inbox;
import io.casepost.mail.EmailKey;
import io.casepost.mail.OutgoingMail;
import io.casepost.mail.SendOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * Tells the sender of an authorized reply, in a few lines, that it was not posted or that
 * files were left out. At most one notice per address and reason a day (UTC): a sender
 * whose every email breaks the same rule hears of it once, and two mail systems can never
 * answer each other in a loop.
 */
@Component
class SenderNotices {

	private static final Logger log = LoggerFactory.getLogger(SenderNotices.class);

	private final JdbcClient jdbc;

	private final Inbox inbox;

	private final Cases cases;

	private final OutgoingMail mail;

	/** A savepoint: a claim that loses leaves the listener's transaction usable. */
	private final TransactionTemplate savepoint;

	SenderNotices(JdbcClient jdbc, Inbox inbox, Cases cases, OutgoingMail mail,
			PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.inbox = inbox;
		this.cases = cases;
		this.mail = mail;
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/**
	 * Runs in a transaction of its own, which a notice the mail server refused rolls back
	 * with the day's claim, for the event's retry; handled again after a crash, it does
	 * not send the notice twice.
	 */
	@ApplicationModuleListener
	void on(SenderNotice notice) {
		if (mail.settings().isInboundAddress(notice.address()) || !firstToday(notice)) {
			return;
		}
		var message = inbox.find(notice.inboundMessageId()).orElseThrow();
		var caseFile = cases.get(notice.caseId());
		var subject = message.subject() == null ? "(no subject)" : message.subject();
		if (send(notice, message, caseFile, subject) == SendOutcome.SENT) {
			log.info("Told {} about inbound message {}: {}", notice.address(), message.id(), notice.reason());
		}
	}

	private SendOutcome send(SenderNotice notice, InboundMessage message, CaseFile caseFile, String subject) {
		var key = new EmailKey("sender-notice", "message-" + message.id() + "-" + notice.reason(), notice.address());
		return mail.send(key, email -> {
			email.setSubject(notice.reason() == SenderNotice.Reason.REJECTED
					? "Your email was not posted to case " + caseFile.number()
					: "Some files in your email were not added to case " + caseFile.number());
			// RFC 3834: an automatic answer, which well-behaved responders do not answer
			// in turn
			email.getMimeMessage().setHeader("Auto-Submitted", "auto-replied");
			if (message.messageId() != null) {
				email.getMimeMessage().setHeader("In-Reply-To", "<" + message.messageId() + ">");
			}
			email.setText(text(notice, subject, caseFile.number(), caseFile.caseManager().name(),
					caseFile.caseManager().email()));
		});
	}

	private static String text(SenderNotice notice, String subject, String caseNumber, String manager,
			String managerEmail) {
		var what = notice.reason() == SenderNotice.Reason.REJECTED
				? "was received but not posted to case %s: %s".formatted(caseNumber, notice.detail())
				: "was posted to case %s, but these files were left out: %s".formatted(caseNumber, notice.detail());
		return """
				Your email "%s" %s

				Your case manager, %s (%s), can help. This is an automatic notice; you will get at most one \
				like it a day.
				""".formatted(subject, what, manager, managerEmail);
	}

	/**
	 * Claims today's notice for the address and reason; false when one was already sent.
	 */
	private boolean firstToday(SenderNotice notice) {
		try {
			savepoint.executeWithoutResult(status -> jdbc.sql("""
					insert into sender_notice (address, reason, notice_day, inbound_message_id, sent_at)
					values (?, ?, ?, ?, ?)""")
				.params(notice.address().toLowerCase(Locale.ROOT), notice.reason().name(),
						LocalDate.now(ZoneOffset.UTC), notice.inboundMessageId(), OffsetDateTime.now())
				.update());
			return true;
		}
		catch (DuplicateKeyException alreadyToldToday) {
			log.info("Not telling {} again today about {} (inbound message {})", notice.address(), notice.reason(),
					notice.inboundMessageId());
			return false;
		}
	}

}
