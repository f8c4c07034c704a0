package io.casepost.inbound.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.casepost.inbound.mime.ParsedEmail;
import io.casepost.mail.MailSettings;
import io.casepost.outbound.RecipientLog;

import org.springframework.stereotype.Component;

/**
 * Finds the update email a reply answers: by its reply address first, then by the message
 * ids it refers to.
 */
@Component
class ReplyMatcher {

	private final RecipientLog recipientLog;

	private final Pattern replyAddress;

	ReplyMatcher(RecipientLog recipientLog, MailSettings mail) {
		this.recipientLog = recipientLog;
		this.replyAddress = Pattern
			.compile("updates\\+([a-z2-7]{16,64})@" + Pattern.quote(mail.inboundDomain().toLowerCase(Locale.ROOT)));
	}

	Optional<ReplyMatch> match(ParsedEmail email) {
		return byToken(email).or(() -> byReferences(email));
	}

	private Optional<ReplyMatch> byToken(ParsedEmail email) {
		return Stream.of(email.to(), email.cc(), email.deliveredTo(), email.xOriginalTo())
			.flatMap(java.util.List::stream)
			.map(address -> replyAddress.matcher(address.toLowerCase(Locale.ROOT)))
			.filter(java.util.regex.Matcher::matches)
			.map(matcher -> recipientLog.byToken(matcher.group(1)))
			.flatMap(Optional::stream)
			.findFirst()
			.map(entry -> new ReplyMatch(entry, true));
	}

	/**
	 * The most recent reference first: In-Reply-To, then References from last to first.
	 */
	private Optional<ReplyMatch> byReferences(ParsedEmail email) {
		var ids = new ArrayList<String>();
		if (email.inReplyTo() != null) {
			ids.add(bracketed(email.inReplyTo()));
		}
		var references = new ArrayList<>(email.references());
		Collections.reverse(references);
		references.stream().map(ReplyMatcher::bracketed).forEach(ids::add);
		var entries = recipientLog.byMessageIds(ids);
		for (var id : ids) {
			var found = entries.stream().filter(entry -> entry.messageId().equals(id)).findFirst();
			if (found.isPresent()) {
				return Optional.of(new ReplyMatch(found.get(), false));
			}
		}
		return Optional.empty();
	}

	private static String bracketed(String messageId) {
		return "<" + messageId + ">";
	}

}
