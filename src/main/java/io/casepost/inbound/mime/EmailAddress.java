package io.casepost.inbound.mime;

/**
 * A mailbox: the address lower-cased so it can be compared, the display name decoded (may
 * be null).
 */
public record EmailAddress(String address, String displayName) {
}
