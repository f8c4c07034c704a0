package io.casepost.inbound.pipeline;

import java.time.Instant;

import io.casepost.cases.Cases;
import io.casepost.inbound.inbox.Inbox;
import io.casepost.mail.EmailKey;
import io.casepost.mail.EmailLinks;
import io.casepost.mail.OutgoingMail;
import io.casepost.mail.SendOutcome;
import io.casepost.settings.GeneralCaseSettingsService;
import io.casepost.shared.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * Sends a message that was not posted to the Inbound Email Catch-All: why, which case if
 * known, and the original attached unchanged as message/rfc822. Past
 * {@link CatchAllLimit#perSender()} messages of one sender in the window, the sender's
 * further messages wait for one digest ({@link CatchAllDigests}) instead.
 */
@Component
class CatchAllForwarder {

	private static final Logger log = LoggerFactory.getLogger(CatchAllForwarder.class);

	private final Inbox inbox;

	private final GeneralCaseSettingsService settings;

	private final Cases cases;

	private final OutgoingMail mail;

	private final EmailLinks links;

	private final CatchAllForwards forwards;

	private final CatchAllLimit limit;

	CatchAllForwarder(Inbox inbox, GeneralCaseSettingsService settings, Cases cases, OutgoingMail mail,
			CatchAllForwards forwards, CatchAllLimit limit, EmailLinks links) {
		this.forwards = forwards;
		this.limit = limit;
		this.links = links;
		this.inbox = inbox;
		this.settings = settings;
		this.cases = cases;
		this.mail = mail;
	}

	/**
	 * Handled again after a crash: a message is forwarded at most once for each reason it
	 * was not posted (processed again, it is forwarded again only for a new reason).
	 */
	@ApplicationModuleListener
	void on(CatchAllForward forward) {
		var catchAll = settings.current().inboundCatchAllAddress();
		var message = inbox.find(forward.inboundMessageId()).orElseThrow();
		if (catchAll == null || mail.settings().isInboundAddress(catchAll)) {
			log.warn(
					"Inbound message {} was not posted ({}) and no usable Inbound Email Catch-All is set: it stays in the inbound log",
					message.id(), forward.reason());
			return;
		}
		var event = "message-%d-%.12s".formatted(message.id(), Sha256.ofText(forward.reason()));
		var sender = message.from() == null ? "(no sender)" : message.from();
		if (forwards.holdForDigest(event, message.id(), sender, forward.reason(), Instant.now())) {
			log.info("Inbound message {} from {} waits for the catch-all digest: {} forwarded on their own within {}",
					message.id(), sender, limit.perSender(), limit.window());
			return;
		}
		var caseLine = forward.caseId() == null ? "It matched no case."
				: "It refers to case " + cases.get(forward.caseId()).number() + ".";
		var raw = inbox.stored(message.id()).raw();
		var outcome = mail.send(new EmailKey("catch-all", event, catchAll), email -> {
			email.setSubject(
					"[Casepost] Not posted: " + (message.subject() == null ? "(no subject)" : message.subject()));
			email.getMimeMessage().setHeader("Auto-Submitted", "auto-generated");
			email.setText("""
					An email reply was not posted to a case.

					Why: %s
					From: %s
					%s

					The original message is attached unchanged. Post it to the case, add its sender as an
					address of someone on the case, or dismiss it, in Casepost's Inbound Messages queue:
					%s
					""".formatted(forward.reason(), message.from() == null ? "(no sender)" : message.from(), caseLine,
					links.to("/inbound/messages/" + message.id())));
			email.addAttachment("original-message.eml", raw::open, "message/rfc822");
		});
		if (outcome == SendOutcome.SENT) {
			log.info("Forwarded inbound message {} to the catch-all {}: {}", message.id(), catchAll, forward.reason());
		}
	}

}
