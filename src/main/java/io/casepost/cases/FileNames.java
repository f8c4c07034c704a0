package io.casepost.cases;

import java.util.Locale;

/** File names as users send them, made safe to show and to offer for download. */
final class FileNames {

	private static final int MAX_LENGTH = 150;

	private FileNames() {
	}

	static String safe(String name) {
		var base = name == null ? "" : name.replace('\\', '/');
		base = base.substring(base.lastIndexOf('/') + 1)
			.replaceAll("[\\p{Cntrl}\\p{Cf}]", "")
			.replaceAll("[<>:\"|?*]", "_")
			.strip()
			.replaceAll("^\\.+", "");
		if (base.isEmpty()) {
			return "attachment";
		}
		if (base.length() <= MAX_LENGTH) {
			return base;
		}
		var dot = base.lastIndexOf('.');
		var extension = dot > 0 && base.length() - dot <= 11 ? base.substring(dot) : "";
		return base.substring(0, MAX_LENGTH - extension.length()) + extension;
	}

	static String humanSize(long bytes) {
		if (bytes >= 1024 * 1024) {
			return String.format(Locale.ROOT, "%.0f MB", bytes / (1024.0 * 1024));
		}
		return String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
	}
}
