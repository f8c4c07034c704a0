package io.casepost.cases;

import org.springframework.core.io.InputStreamSource;

/**
 * A file to attach: bytes to read once while the update is posted (web, API), or a file
 * already in the spool (email) whose type was told from its bytes there, which posting
 * adopts without reading or sniffing it again.
 */
public record NewAttachment(String fileName, InputStreamSource content, SpooledFile spooled, DetectedType type) {

	public NewAttachment(String fileName, InputStreamSource content) {
		this(fileName, content, null, null);
	}

	public static NewAttachment spooled(String fileName, SpooledFile spooled, DetectedType type) {
		return new NewAttachment(fileName, null, spooled, type);
	}

}
