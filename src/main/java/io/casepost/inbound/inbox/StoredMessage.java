package io.casepost.inbound.inbox;

import io.casepost.inbound.EmailAuthentication;
import io.casepost.inbound.RawEmail;

/**
 * A message in the inbox, claimed for processing, with what its receiving server said of
 * its sender; its raw bytes wherever the store keeps them.
 */
public record StoredMessage(long id, RawEmail raw, String sha256, String messageId, String sender, int attempts,
		EmailAuthentication authentication) {
}
