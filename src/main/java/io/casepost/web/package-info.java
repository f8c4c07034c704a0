/**
 * Pages and the JSON API.
 */
@ApplicationModule(displayName = "Web", allowedDependencies = { "accounts", "cases", "inbound", "settings", "shared" })
package io.casepost.web;

import org.springframework.modulith.ApplicationModule;
