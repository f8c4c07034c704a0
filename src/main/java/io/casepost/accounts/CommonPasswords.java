package io.casepost.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/**
 * The shipped list of common passwords (common-passwords.txt beside this class says where
 * it comes from and under which license), compared ignoring case.
 */
@Component
class CommonPasswords {

	private final Set<String> passwords;

	CommonPasswords() {
		try (var lines = new BufferedReader(new InputStreamReader(
				CommonPasswords.class.getResourceAsStream("common-passwords.txt"), StandardCharsets.UTF_8))) {
			this.passwords = lines.lines()
				.filter(line -> !line.isBlank() && !line.startsWith("#"))
				.collect(Collectors.toUnmodifiableSet());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	boolean contains(String password) {
		return passwords.contains(password.toLowerCase(Locale.ROOT));
	}

	int size() {
		return passwords.size();
	}

}
