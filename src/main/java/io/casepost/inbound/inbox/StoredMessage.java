package io.casepost.inbound.inbox;

import java.nio.file.Path;

/** A message in the inbox, claimed for processing. */
public record StoredMessage(long id, Path rawFile, String sha256, String messageId, String sender, int attempts) {
}
