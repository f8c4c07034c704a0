package io.casepost.accounts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * What a password must be: at least 12 characters, not the person's email address, not a
 * common password. Length does more than any rule of character classes, so there are
 * none.
 */
@Component
class PasswordPolicy {

	static final int MIN_LENGTH = 12;

	/** bcrypt reads no further, and refuses longer input. */
	static final int MAX_BYTES = 72;

	private final CommonPasswords common;

	PasswordPolicy(CommonPasswords common) {
		this.common = common;
	}

	/** What is wrong with the password, each as "must ..."; empty when it may be used. */
	List<String> problems(String password, String email) {
		if (password == null || password.isEmpty()) {
			return List.of("is required");
		}
		var problems = new ArrayList<String>();
		if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
			problems.add("must be at least " + MIN_LENGTH + " characters");
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			problems.add("must be at most " + MAX_BYTES + " bytes (72 letters, fewer with accents or emoji)");
		}
		if (password.strip().equalsIgnoreCase(email)) {
			problems.add("must not be the email address");
		}
		if (common.contains(password)) {
			problems.add("must not be one of the most common passwords");
		}
		return problems;
	}

	void check(String password, String email) {
		var problems = problems(password, email);
		if (!problems.isEmpty()) {
			throw new WeakPassword(problems);
		}
	}

}
