package io.casepost.cases;

/**
 * A person with the hash of their password, as signing in reads them: in one statement.
 */
public record StoredPassword(Person person, String hash) {
}
