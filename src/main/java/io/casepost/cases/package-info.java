/**
 * People, cases, case updates and their files. {@code CaseUpdateService.post} is the one
 * posting path for the web, the API and email alike; this module knows nothing of email.
 */
@ApplicationModule(displayName = "Cases", allowedDependencies = { "settings", "shared" })
package io.casepost.cases;

import org.springframework.modulith.ApplicationModule;
