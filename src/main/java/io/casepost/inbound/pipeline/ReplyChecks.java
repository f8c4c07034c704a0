package io.casepost.inbound.pipeline;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;

import io.casepost.inbound.EmailAuthentication;
import io.casepost.inbound.inbox.Inbox;
import io.casepost.outbound.RecipientEntry;

import org.springframework.stereotype.Component;

/**
 * The checks of {@link ReplyRules} on a reply whose sender is already known to be a
 * recipient.
 */
@Component
class ReplyChecks {

	private static final Set<String> FAILING = Set.of("fail", "softfail", "permerror");

	private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

	/** A reply over the rate limit waits until {@code until}, then is checked again. */
	record Hold(Instant until, String reason) {
	}

	private final ReplyRules rules;

	private final Inbox inbox;

	ReplyChecks(ReplyRules rules, Inbox inbox) {
		this.rules = rules;
		this.inbox = inbox;
	}

	/**
	 * An update emailed longer ago than the reply window no longer takes replies, whoever
	 * sends them.
	 */
	Optional<String> outsideReplyWindow(RecipientEntry answered, Instant now) {
		var emailed = answered.sentAt() != null ? answered.sentAt() : answered.createdAt();
		if (!emailed.plus(rules.replyWindow()).isBefore(now)) {
			return Optional.empty();
		}
		return Optional.of("Reply window closed: the update was emailed on %s, more than %d days ago"
			.formatted(DAY.format(emailed), rules.replyWindow().toDays()));
	}

	Optional<String> failedAuthentication(EmailAuthentication authentication) {
		if (!rules.requireAuthentication()) {
			return Optional.empty();
		}
		if (!authentication.present()) {
			return Optional.of("Sender not authenticated: no Authentication-Results from the receiving server");
		}
		var failed = FAILING.contains(authentication.spf()) || FAILING.contains(authentication.dkim())
				|| FAILING.contains(authentication.dmarc());
		return failed ? Optional.of("Sender authentication failed: " + authentication.summary()) : Optional.empty();
	}

	/**
	 * Past the limit the reply is held, not dropped: it is posted once the window has
	 * room again.
	 */
	Optional<Hold> overRateLimit(String sender, long caseId, Instant now) {
		var limit = rules.rateLimit();
		var posted = inbox.postedSince(sender, limit.perSender(), caseId, limit.perCase(), now.minus(limit.window()));
		if (posted.fromSender() >= limit.perSender()) {
			return Optional
				.of(new Hold(now.plus(limit.window()).plusSeconds(1), "Held: %d updates by email from %s within %s"
					.formatted(limit.perSender(), sender, describe(limit))));
		}
		if (posted.toCase() >= limit.perCase()) {
			return Optional.of(new Hold(now.plus(limit.window()).plusSeconds(1),
					"Held: %d updates by email to this case within %s".formatted(limit.perCase(), describe(limit))));
		}
		return Optional.empty();
	}

	private static String describe(ReplyRules.RateLimit limit) {
		return limit.window().toString().substring(2).toLowerCase(java.util.Locale.ROOT);
	}

}
