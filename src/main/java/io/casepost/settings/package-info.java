/**
 * General Case Settings: email update replies, the catch-all address, notifications and
 * limits.
 */
@ApplicationModule(displayName = "Settings", allowedDependencies = { "shared" })
package io.casepost.settings;

import org.springframework.modulith.ApplicationModule;
