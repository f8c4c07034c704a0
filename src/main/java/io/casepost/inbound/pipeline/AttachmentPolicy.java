package io.casepost.inbound.pipeline;

import java.util.Set;

/**
 * What a case accepts from one email.
 *
 * @param supportedExtensions lower-case, without dot; a file's type is judged by its
 * bytes, not its name
 * @param alreadyAttached SHA-256 of the files of the case this sender already has: those
 * they put on it (the logo in every signature, Outlook's image001.png) and those of the
 * updates emailed to them, which a reply may carry back; not attached again
 */
public record AttachmentPolicy(Set<String> supportedExtensions, int maxFiles, long maxBytes,
		Set<String> alreadyAttached) {

	public AttachmentPolicy(Set<String> supportedExtensions, int maxFiles, long maxBytes) {
		this(supportedExtensions, maxFiles, maxBytes, Set.of());
	}

	public static final int DEFAULT_MAX_FILES = 5;

	public static final long DEFAULT_MAX_BYTES = 25L * 1024 * 1024;

}
