package io.casepost.inbound.pipeline;

import java.util.Set;

/**
 * What a case accepts from one email.
 *
 * @param supportedExtensions lower-case, without dot; a file's type is judged by its bytes, not its name
 */
public record AttachmentPolicy(Set<String> supportedExtensions, int maxFiles, long maxBytes) {

	public static final int DEFAULT_MAX_FILES = 5;

	public static final long DEFAULT_MAX_BYTES = 25L * 1024 * 1024;
}
