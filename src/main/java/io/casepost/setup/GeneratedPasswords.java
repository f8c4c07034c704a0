package io.casepost.setup;

import java.security.SecureRandom;
import java.util.Base64;

/** 120 random bits in 20 URL-safe characters: well past any password policy. */
final class GeneratedPasswords {

	private static final SecureRandom RANDOM = new SecureRandom();

	private GeneratedPasswords() {
	}

	static String next() {
		var bytes = new byte[15];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
