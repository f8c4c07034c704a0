package io.casepost.accounts;

/**
 * A set-password link that is unknown, used already, expired, or of a deactivated person.
 */
public class LinkNotValid extends RuntimeException {

	public LinkNotValid() {
		super("This link to set a password has expired or was used already. Ask an administrator for a new one.");
	}

}
