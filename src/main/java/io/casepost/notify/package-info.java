/**
 * Tells the people who asked to be told about a new update (the case manager).
 */
@ApplicationModule(displayName = "Notifications", allowedDependencies = { "cases", "mail", "settings", "shared" })
package io.casepost.notify;

import org.springframework.modulith.ApplicationModule;
