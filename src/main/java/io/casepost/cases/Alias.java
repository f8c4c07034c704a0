package io.casepost.cases;

/** A further email address of a person; only a verified one speaks for them. */
public record Alias(long personId, String email, boolean verified) {
}
