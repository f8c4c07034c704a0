package io.casepost.inbound.inbox;

import java.nio.file.Path;

import io.casepost.inbound.EmailAuthentication;

/**
 * A message in the inbox, claimed for processing, with what its receiving server said of
 * its sender.
 */
public record StoredMessage(long id, Path rawFile, String sha256, String messageId, String sender, int attempts,
		EmailAuthentication authentication) {
}
