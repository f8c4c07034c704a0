package io.casepost.shared;

import java.util.regex.Pattern;

/**
 * The one policy for text that came from outside (a form, the API, an email), applied
 * where it comes in so that H2 and PostgreSQL store the same text.
 * <ul>
 * <li>{@link #strip} for any text: control characters other than line feed and tab go,
 * and so do lone surrogates. A NUL or an escape sequence means nothing to a reader, and
 * PostgreSQL refuses a NUL in text outright, which would stop the message, or a whole
 * mailbox, from being stored; a lone surrogate is no character at all, and PostgreSQL
 * would store it as {@code ?} where H2 keeps it.</li>
 * <li>{@link #inName} for names (a person's, a case's title, a subject, a file name):
 * also line breaks, tabs and the invisible bidi controls go, whose overrides show
 * {@code invoice\u202Efdp.exe} as {@code invoiceexe.pdf} and can make a name pose as
 * another.</li>
 * </ul>
 */
public final class ControlCharacters {

	private static final Pattern IN_TEXT = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]|\\p{Cs}");

	/**
	 * Controls, lone surrogates, and the bidi embeddings, overrides, isolates and marks
	 * (U+202A-202E, U+2066-2069, U+200E, U+200F, U+061C) with the byte order mark.
	 */
	private static final Pattern IN_NAME = Pattern
		.compile("[\\p{Cc}\\u200E\\u200F\\u061C\\u202A-\\u202E\\u2066-\\u2069\\uFEFF]|\\p{Cs}");

	private ControlCharacters() {
	}

	public static String strip(String text) {
		return text == null ? null : IN_TEXT.matcher(text).replaceAll("");
	}

	public static String inName(String name) {
		return name == null ? null : IN_NAME.matcher(name).replaceAll("");
	}

}
