/**
 * Replies to update emails: sources, the durable inbox, the pipeline that posts, forwards
 * or ignores each message, the triage queue and the evidence record.
 */
@ApplicationModule(displayName = "Inbound email",
		allowedDependencies = { "cases", "mail", "outbound", "settings", "shared" })
package io.casepost.inbound;

import org.springframework.modulith.ApplicationModule;
