package io.casepost.inbound.pipeline;

import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import io.casepost.cases.People;
import io.casepost.inbound.mime.EmailAddress;
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

	/**
	 * Why the author of this message cannot be told, or empty. A receiving server's DMARC
	 * check vouches for one From domain: with several From addresses nobody knows which
	 * one it judged, and a Sender at another domain says that someone DMARC did not check
	 * sent the message for the author. A list is a transport that may name itself as
	 * Sender, so {@code throughList} leaves the Sender out.
	 */
	Optional<String> ambiguousAuthor(ParsedEmail email, boolean throughList) {
		if (email.authors().size() > 1) {
			return Optional.of("Several From addresses ("
					+ email.authors().stream().map(EmailAddress::address).collect(Collectors.joining(", "))
					+ "): which one wrote it is unknown");
		}
		var sender = email.sender();
		if (throughList || sender == null || email.from() == null
				|| sameOrganisation(domain(sender.address()), domain(email.from().address()))) {
			return Optional.empty();
		}
		return Optional.of("Sent by %s on behalf of %s, another domain than the author's".formatted(sender.address(),
				email.from().address()));
	}

	/** A domain and its subdomains, e.g. client.example and mail.client.example. */
	private static boolean sameOrganisation(String a, String b) {
		return a.equals(b) || a.endsWith("." + b) || b.endsWith("." + a);
	}

	private static String domain(String address) {
		return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
	}

	private boolean isFrom(RecipientEntry entry, String sender) {
		return entry.address().equalsIgnoreCase(sender) || people.isOwnAddress(entry.personId(), sender);
	}

}
