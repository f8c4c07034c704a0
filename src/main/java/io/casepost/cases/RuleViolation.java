package io.casepost.cases;

/** One posting rule an update broke, by name, with a message a person can act on. */
public record RuleViolation(String rule, String message) {
}
