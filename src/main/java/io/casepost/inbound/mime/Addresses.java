package io.casepost.inbound.mime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * Mailboxes and message ids from raw header values, with a pattern fallback for what RFC
 * 5322 rejects.
 */
final class Addresses {

	private static final Pattern ADDR_SPEC = Pattern.compile("[^\\s<>(),;:\"\\[\\]]+@[^\\s<>(),;:\"\\[\\]]+");

	private static final Pattern ANGLE_BRACKETED = Pattern.compile("<([^<>]*)>");

	private Addresses() {
	}

	static List<EmailAddress> mailboxes(List<String> rawValues) {
		var mailboxes = new ArrayList<EmailAddress>();
		for (var raw : rawValues) {
			mailboxes.addAll(mailboxes(EncodedWords.unfolded(raw)));
		}
		return mailboxes;
	}

	static List<String> lowerCased(List<EmailAddress> mailboxes) {
		return mailboxes.stream().map(EmailAddress::address).toList();
	}

	/**
	 * Message ids without angle brackets; ids written without brackets are taken word by
	 * word.
	 */
	static List<String> messageIds(List<String> rawValues) {
		var ids = new ArrayList<String>();
		for (var raw : rawValues) {
			var bracketed = ids(ANGLE_BRACKETED.matcher(EncodedWords.unfolded(raw)), 1);
			ids.addAll(bracketed.isEmpty()
					? Arrays.stream(raw.trim().split("\\s+")).filter(id -> !id.isEmpty()).toList() : bracketed);
		}
		return ids;
	}

	private static List<EmailAddress> mailboxes(String value) {
		try {
			return Arrays.stream(InternetAddress.parseHeader(value, false))
				.flatMap(address -> members(address).stream())
				.filter(address -> address.getAddress() != null && !address.getAddress().isBlank())
				.map(address -> new EmailAddress(lowerCase(address.getAddress()),
						EncodedWords.decode(address.getPersonal())))
				.toList();
		}
		catch (AddressException | RuntimeException unparseable) {
			return ids(ADDR_SPEC.matcher(value), 0).stream()
				.map(address -> new EmailAddress(lowerCase(address), null))
				.toList();
		}
	}

	private static List<InternetAddress> members(InternetAddress address) {
		if (!address.isGroup()) {
			return List.of(address);
		}
		try {
			return List.of(address.getGroup(false));
		}
		catch (AddressException unparseableGroup) {
			return List.of();
		}
	}

	private static List<String> ids(Matcher matcher, int group) {
		var found = new ArrayList<String>();
		while (matcher.find()) {
			var id = matcher.group(group).trim();
			if (!id.isEmpty()) {
				found.add(id);
			}
		}
		return found;
	}

	private static String lowerCase(String address) {
		return address.trim().toLowerCase(Locale.ROOT);
	}

}
