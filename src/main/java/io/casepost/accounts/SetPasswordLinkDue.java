package io.casepost.accounts;

/**
 * A person is to be emailed a link to set their password. The token is made when the
 * email is written, so that it is never stored with the event.
 */
public record SetPasswordLinkDue(long personId) {
}
