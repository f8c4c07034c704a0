package io.casepost.shared;

import java.util.Locale;
import java.util.regex.Pattern;

/** One spelling for every stored address, so that lookups ignore case. */
public final class EmailAddresses {

	/**
	 * The longest address there can be (RFC 5321: 64 for the local part, 255 for the
	 * domain).
	 */
	public static final int MAX_LENGTH = 320;

	private static final Pattern PLAUSIBLE = Pattern
		.compile("[^@\\s<>\"]{1,64}@[^@\\s<>\"]{1,255}\\.[^@\\s<>\".]{2,63}");

	private EmailAddresses() {
	}

	public static String normalize(String address) {
		return address == null ? null : address.trim().toLowerCase(Locale.ROOT);
	}

	public static boolean isPlausible(String address) {
		return address != null && address.trim().length() <= MAX_LENGTH && PLAUSIBLE.matcher(address.trim()).matches();
	}

}
