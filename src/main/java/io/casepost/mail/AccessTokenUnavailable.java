package io.casepost.mail;

import java.net.URI;

import jakarta.mail.MessagingException;

/**
 * The token endpoint did not give an access token: the mail connection is not tried, and
 * the next one asks again.
 */
public class AccessTokenUnavailable extends MessagingException {

	AccessTokenUnavailable(URI endpoint, String why) {
		super("could not get an access token from " + endpoint + ": " + why);
	}

}
