package io.casepost.mail;

/** What became of a request to send an email. */
public enum SendOutcome {

	/** Handed to the mail server now. */
	SENT,

	/** Sent before, for the same event: not sent again. */
	ALREADY_SENT,

	/**
	 * An earlier attempt stopped (the process was killed) while handing it to the mail
	 * server: it may have left, so it is not sent again.
	 */
	UNCERTAIN

}
