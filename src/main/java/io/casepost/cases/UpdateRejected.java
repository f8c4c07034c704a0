package io.casepost.cases;

import java.util.List;
import java.util.stream.Collectors;

/** An update that broke posting rules; nothing was created. */
public class UpdateRejected extends RuntimeException {

	private final List<RuleViolation> violations;

	public UpdateRejected(List<RuleViolation> violations) {
		super(violations.stream().map(RuleViolation::message).collect(Collectors.joining("; ")));
		this.violations = List.copyOf(violations);
	}

	public List<RuleViolation> violations() {
		return violations;
	}

	public boolean brokeOnly(String rule) {
		return violations.stream().allMatch(v -> v.rule().equals(rule));
	}

}
