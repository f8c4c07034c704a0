/**
 * Commands an operator runs beside the product (importing mail files, moving attachments
 * to S3), written against the small public surface the domain modules give them.
 */
@ApplicationModule(displayName = "Operations", allowedDependencies = { "cases", "inbound", "shared" })
package io.casepost.operations;

import org.springframework.modulith.ApplicationModule;
