package io.casepost.inbound.mime;

/**
 * A stored message that cannot be turned into a {@link ParsedEmail}; the reason is meant
 * for the inbound log.
 */
public class UnreadableEmailException extends Exception {

	public UnreadableEmailException(String reason) {
		super(reason);
	}

	public String reason() {
		return getMessage();
	}

}
