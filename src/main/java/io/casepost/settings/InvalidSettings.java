package io.casepost.settings;

import java.util.List;

public class InvalidSettings extends RuntimeException {

	private final List<String> problems;

	InvalidSettings(List<String> problems) {
		super("The settings were not saved: " + String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return problems;
	}

}
