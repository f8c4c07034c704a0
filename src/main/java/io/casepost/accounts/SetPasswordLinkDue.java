package io.casepost.accounts;

/**
 * A person is to be emailed a link to set their password. The token is made when the
 * email is written, so that it is never stored with the event.
 *
 * @param requestId one per request, so that a request handled again after a crash sends
 * no second email
 */
public record SetPasswordLinkDue(long personId, String requestId) {
}
