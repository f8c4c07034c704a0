package io.casepost.cases;

import org.springframework.core.io.InputStreamSource;

/**
 * A file to attach: bytes to read once while the update is posted (web, API), or a file
 * already in the spool (email), which posting adopts without reading it again.
 */
public record NewAttachment(String fileName, InputStreamSource content, SpooledFile spooled) {

	public NewAttachment(String fileName, InputStreamSource content) {
		this(fileName, content, null);
	}

	public static NewAttachment spooled(String fileName, SpooledFile spooled) {
		return new NewAttachment(fileName, null, spooled);
	}

}
