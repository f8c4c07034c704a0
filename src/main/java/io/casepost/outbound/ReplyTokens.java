package io.casepost.outbound;

import java.security.SecureRandom;

/**
 * Reply tokens: 160 random bits in lower-case base32, so that no mail server's case
 * folding changes them.
 */
final class ReplyTokens {

	private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

	private static final SecureRandom RANDOM = new SecureRandom();

	private ReplyTokens() {
	}

	static String next() {
		var bytes = new byte[20];
		RANDOM.nextBytes(bytes);
		var token = new StringBuilder(32);
		int buffer = 0;
		int bits = 0;
		for (byte b : bytes) {
			buffer = (buffer << 8) | (b & 0xff);
			bits += 8;
			while (bits >= 5) {
				token.append(ALPHABET[(buffer >> (bits - 5)) & 31]);
				bits -= 5;
			}
		}
		return token.toString();
	}

}
