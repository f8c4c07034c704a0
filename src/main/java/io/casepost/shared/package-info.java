/**
 * General helpers every module may use: sizes, file names, control characters, address
 * syntax and the SHA-256 of the evidence trail. It depends on no other module.
 */
@ApplicationModule(displayName = "Shared", allowedDependencies = {})
package io.casepost.shared;

import org.springframework.modulith.ApplicationModule;
