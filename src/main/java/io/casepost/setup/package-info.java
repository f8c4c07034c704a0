/**
 * The bootstrap administrator, the demo agency of the embedded default, and the demo
 * agency at scale ({@code seed-demo-scale}).
 */
@ApplicationModule(displayName = "Setup", allowedDependencies = { "accounts", "cases", "inbound", "settings" })
package io.casepost.setup;

import org.springframework.modulith.ApplicationModule;
