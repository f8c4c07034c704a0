package io.casepost.inbound.pipeline;

import java.util.Optional;

import io.casepost.cases.People;
import io.casepost.inbound.mime.ParsedEmail;
import io.casepost.outbound.RecipientEntry;
import io.casepost.outbound.RecipientLog;

import org.springframework.stereotype.Component;

/**
 * Only someone the update was sent to may post by replying. A reply address names one
 * recipient, so a reply to it counts only from that recipient's own address: their main
 * address when the update was sent, or a verified alias of theirs.
 */
@Component
class SenderAuthorizer {

	private final RecipientLog recipientLog;

	private final People people;

	SenderAuthorizer(RecipientLog recipientLog, People people) {
		this.recipientLog = recipientLog;
		this.people = people;
	}

	/** The recipient entry of the sender, if the sender may post this reply. */
	Optional<RecipientEntry> authorize(ParsedEmail email, ReplyMatch match) {
		if (email.from() == null) {
			return Optional.empty();
		}
		var sender = email.from().address();
		if (match.byToken()) {
			return Optional.of(match.entry()).filter(entry -> isFrom(entry, sender));
		}
		return recipientLog.ofUpdate(match.entry().updateId())
			.stream()
			.filter(entry -> isFrom(entry, sender))
			.findFirst();
	}

	private boolean isFrom(RecipientEntry entry, String sender) {
		return entry.address().equalsIgnoreCase(sender) || people.isOwnAddress(entry.personId(), sender);
	}

}
