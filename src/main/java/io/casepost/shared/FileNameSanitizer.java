package io.casepost.shared;

import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;

/**
 * Makes a sender-chosen file name safe to store and to offer for download on any
 * operating system: no directories, none of the characters that
 * {@link ControlCharacters#inName} removes from names (bidi overrides would disguise
 * {@code exe.pdf} as {@code fdp.exe}), no reserved Windows names, at most
 * {@value #MAX_LENGTH} characters with the extension kept.
 */
public final class FileNameSanitizer {

	public static final int MAX_LENGTH = 150;

	private static final Pattern WINDOWS_FORBIDDEN = Pattern.compile("[<>:\"|?*]");

	private static final Pattern RESERVED_WINDOWS_NAME = Pattern
		.compile("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?");

	private static final int MAX_EXTENSION_LENGTH = 16;

	private FileNameSanitizer() {
	}

	/** The sanitized name, or null when nothing usable is left. */
	public static String sanitize(String fileName) {
		if (fileName == null) {
			return null;
		}
		var name = ControlCharacters.inName(fileName);
		name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
		name = WINDOWS_FORBIDDEN.matcher(name).replaceAll("_");
		// Windows drops trailing dots and spaces; leading dots would make a hidden file
		name = name.strip().replaceAll("^[.\\s]+|[.\\s]+$", "");
		if (name.isEmpty()) {
			return null;
		}
		if (RESERVED_WINDOWS_NAME.matcher(name).matches()) {
			name = "_" + name;
		}
		return shortened(name);
	}

	/**
	 * The sanitized name, else {@code attachment-<n>.<extension of the declared type>}.
	 */
	public static String fileNameOrFallback(String fileName, int index, String declaredContentType) {
		var sanitized = sanitize(fileName);
		return sanitized != null ? sanitized : "attachment-" + (index + 1) + extensionOf(declaredContentType);
	}

	private static String shortened(String name) {
		if (name.codePointCount(0, name.length()) <= MAX_LENGTH) {
			return name;
		}
		int dot = name.lastIndexOf('.');
		var extension = dot > 0 && name.length() - dot <= MAX_EXTENSION_LENGTH ? name.substring(dot) : "";
		var base = name.substring(0, name.length() - extension.length());
		int keep = MAX_LENGTH - extension.length();
		return base.substring(0, base.offsetByCodePoints(0, keep)) + extension;
	}

	private static String extensionOf(String contentType) {
		try {
			var extension = MimeTypes.getDefaultMimeTypes().forName(contentType).getExtension();
			return extension.isEmpty() ? ".bin" : extension;
		}
		catch (MimeTypeException | RuntimeException unknownType) {
			return ".bin";
		}
	}

}
