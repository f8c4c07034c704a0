/**
 * Signing in: passwords and their policy, the emailed one-time links that set them, and
 * who may add and change people. Depends on mail to send the links, which {@code cases}
 * may not.
 */
@ApplicationModule(displayName = "Accounts", allowedDependencies = { "cases", "mail", "shared" })
package io.casepost.accounts;

import org.springframework.modulith.ApplicationModule;
