package io.casepost.accounts;

import java.util.List;

/** A password the policy refuses; nothing was changed. */
public class WeakPassword extends IllegalArgumentException {

	private final List<String> problems;

	WeakPassword(List<String> problems) {
		super("password " + String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	/** Each what the password must be, as "must be at least 12 characters". */
	public List<String> problems() {
		return problems;
	}

}
