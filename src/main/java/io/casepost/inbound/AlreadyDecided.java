package io.casepost.inbound;

/**
 * A decision on a message of the Inbound Messages queue that someone else took first:
 * nothing was done, and the message says what became of it.
 */
public class AlreadyDecided extends RuntimeException {

	private AlreadyDecided(String message) {
		super(message);
	}

	static AlreadyDecided of(InboundMessage message) {
		if (message.disposition() == Disposition.POSTED) {
			return new AlreadyDecided("Message #%d was already posted (%s); it was not posted again"
				.formatted(message.id(), message.reason()));
		}
		return new AlreadyDecided("Message #%d is %s (%s), no longer awaiting a decision".formatted(message.id(),
				message.disposition(), message.reason()));
	}

	static AlreadyDecided inProgress(long messageId) {
		return new AlreadyDecided(
				"Message #%d is being decided by someone else right now; look again in a moment".formatted(messageId));
	}

}
