package io.casepost.shared;

import java.util.Locale;
import java.util.regex.Pattern;

/** One spelling for every stored address, so that lookups ignore case. */
public final class EmailAddresses {

	private static final Pattern PLAUSIBLE = Pattern
		.compile("[^@\\s<>\"]{1,64}@[^@\\s<>\"]{1,255}\\.[^@\\s<>\".]{2,63}");

	private EmailAddresses() {
	}

	public static String normalize(String address) {
		return address == null ? null : address.trim().toLowerCase(Locale.ROOT);
	}

	public static boolean isPlausible(String address) {
		return address != null && PLAUSIBLE.matcher(address.trim()).matches();
	}

}
