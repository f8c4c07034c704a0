package io.casepost.inbound.pipeline;

/**
 * A short note owed to the sender of an authorized reply that was not posted, or was
 * posted without some of its files; published with the message's outcome so it is never
 * lost.
 *
 * @param detail the posting rule it broke, or the files left out with why
 */
public record SenderNotice(long inboundMessageId, long caseId, String address, Reason reason, String detail) {

	public enum Reason {

		REJECTED, FILES_LEFT_OUT

	}
}
