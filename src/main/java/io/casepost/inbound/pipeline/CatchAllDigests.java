package io.casepost.inbound.pipeline;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.casepost.inbound.InboundMessage;
import io.casepost.inbound.inbox.Inbox;
import io.casepost.mail.EmailKey;
import io.casepost.mail.EmailLinks;
import io.casepost.mail.OutgoingMail;
import io.casepost.mail.SendOutcome;
import io.casepost.settings.GeneralCaseSettingsService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends each sender's held messages to the catch-all in one digest once the oldest has
 * waited a whole window: a flood costs the catch-all a few forwards and one digest an
 * hour, while every message stays in the inbound log and the queue with its original.
 */
@Component
class CatchAllDigests {

	private static final Logger log = LoggerFactory.getLogger(CatchAllDigests.class);

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final CatchAllForwards forwards;

	private final CatchAllLimit limit;

	private final Inbox inbox;

	private final GeneralCaseSettingsService settings;

	private final OutgoingMail mail;

	private final EmailLinks links;

	CatchAllDigests(CatchAllForwards forwards, CatchAllLimit limit, Inbox inbox, GeneralCaseSettingsService settings,
			OutgoingMail mail, EmailLinks links) {
		this.forwards = forwards;
		this.limit = limit;
		this.inbox = inbox;
		this.settings = settings;
		this.mail = mail;
		this.links = links;
	}

	@Scheduled(fixedDelayString = "${casepost.inbound.catch-all.digest-check:1m}",
			initialDelayString = "${casepost.inbound.catch-all.digest-check:1m}")
	void sendDue() {
		var catchAll = settings.current().inboundCatchAllAddress();
		if (catchAll == null || mail.settings().isInboundAddress(catchAll)) {
			return;
		}
		var now = Instant.now();
		for (var sender : forwards.sendersWithDigestDue(now)) {
			var held = forwards.heldFor(sender);
			if (!held.isEmpty()) {
				send(sender, held, catchAll);
				forwards.digestSent(held, now);
			}
		}
	}

	private void send(String sender, List<CatchAllForwards.Held> held, String catchAll) {
		var key = new EmailKey("catch-all-digest", "digest-" + held.get(0).id(), catchAll);
		var outcome = mail.send(key, email -> {
			email.setSubject("[Casepost] Not posted: %d more messages from %s".formatted(held.size(), sender));
			email.getMimeMessage().setHeader("Auto-Submitted", "auto-generated");
			email.setText(text(sender, held));
		});
		if (outcome == SendOutcome.SENT) {
			log.info("Sent the catch-all digest of {} message(s) from {} to {}", held.size(), sender, catchAll);
		}
	}

	private String text(String sender, List<CatchAllForwards.Held> held) {
		var text = new StringBuilder("""
				%s sent more than %d messages within %s that were not posted. The first %d were forwarded one \
				by one; these %d follow in this one email. Each stays in Casepost's Inbound Messages queue with \
				its original, to post, to make its sender someone's address, or to dismiss: %s

				""".formatted(sender, limit.perSender(), describe(), limit.perSender(), held.size(),
				links.to("/inbound/queue")));
		for (var message : held) {
			var subject = inbox.find(message.inboundMessageId()).map(InboundMessage::subject).orElse(null);
			text.append("#%d, %s: \"%s\"%n    Why: %s%n    %s%n".formatted(message.inboundMessageId(),
					WHEN.format(message.recordedAt()), subject == null ? "(no subject)" : subject, message.reason(),
					links.to("/inbound/messages/" + message.inboundMessageId())));
		}
		return text.toString();
	}

	private String describe() {
		return limit.window().toString().substring(2).toLowerCase(java.util.Locale.ROOT);
	}

}
