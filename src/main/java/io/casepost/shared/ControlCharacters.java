package io.casepost.shared;

import java.util.regex.Pattern;

/**
 * Removes control characters other than line feed and tab from text that came from
 * outside. Garbage in an email (a NUL byte, escape sequences) means nothing to a reader,
 * and PostgreSQL refuses a NUL in text outright, which would stop the message, or a whole
 * mailbox, from being stored.
 */
public final class ControlCharacters {

	private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");

	private ControlCharacters() {
	}

	public static String strip(String text) {
		return text == null ? null : CONTROL.matcher(text).replaceAll("");
	}

}
