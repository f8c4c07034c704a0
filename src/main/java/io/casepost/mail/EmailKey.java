package io.casepost.mail;

/**
 * The sent-log key of one email: what kind it is, the event it tells of, and its one
 * recipient. Casepost sends each key at most once.
 *
 * @param origin the kind of email, e.g. {@code update} or {@code notification}; also its
 * {@value OutgoingMail#ORIGIN_HEADER}
 * @param event what the email tells of, e.g. {@code update-42}
 */
public record EmailKey(String origin, String event, String recipient) {

	public EmailKey {
		recipient = recipient.strip().toLowerCase(java.util.Locale.ROOT);
	}

}
