package io.casepost.shared;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one hash of the evidence trail: every raw message and every file is known by its
 * SHA-256 in lower-case hex, as {@code sha256sum} prints it.
 */
public final class Sha256 {

	private Sha256() {
	}

	public static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every Java platform has SHA-256", e);
		}
	}

	/** Finishes the digest and answers it in hex. */
	public static String hex(MessageDigest digest) {
		return HexFormat.of().formatHex(digest.digest());
	}

	/** Of the text's UTF-8 bytes. */
	public static String ofText(String text) {
		var digest = newDigest();
		digest.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		return hex(digest);
	}

	public static String of(Path file) throws IOException {
		try (var in = Files.newInputStream(file)) {
			return of(in);
		}
	}

	/** Reads the stream to its end in 64 KB pieces. */
	public static String of(InputStream in) throws IOException {
		var digest = newDigest();
		var buffer = new byte[64 * 1024];
		int read;
		while ((read = in.read(buffer)) != -1) {
			digest.update(buffer, 0, read);
		}
		return hex(digest);
	}

}
