package io.casepost.inbound.pipeline;

import io.casepost.outbound.RecipientEntry;

/**
 * The update email a reply answers.
 *
 * @param byToken found by the reply address's token, which is bound to one recipient;
 * otherwise by In-Reply-To/References, which only name the update
 */
record ReplyMatch(RecipientEntry entry, boolean byToken) {
}
