/**
 * The bootstrap administrator and the demo agency of the embedded default.
 */
@ApplicationModule(displayName = "Setup", allowedDependencies = { "accounts", "cases", "settings" })
package io.casepost.setup;

import org.springframework.modulith.ApplicationModule;
