/**
 * Sending mail, the mailbox login (password or OAuth2) and the embedded mail server.
 */
@ApplicationModule(displayName = "Mail", allowedDependencies = { "shared" })
package io.casepost.mail;

import org.springframework.modulith.ApplicationModule;
