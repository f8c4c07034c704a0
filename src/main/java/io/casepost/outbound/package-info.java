/**
 * Emails each posted update to its recipients, one reply address and Message-ID each, and
 * keeps the recipient log that authorizes replies.
 */
@ApplicationModule(displayName = "Update emails", allowedDependencies = { "cases", "mail", "settings", "shared" })
package io.casepost.outbound;

import org.springframework.modulith.ApplicationModule;
