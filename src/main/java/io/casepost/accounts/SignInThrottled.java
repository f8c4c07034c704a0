package io.casepost.accounts;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/**
 * A sign-in refused before its password was looked at: too many failures for the account
 * or from the client's address. The message tells the person what to do.
 */
public class SignInThrottled extends AuthenticationException {

	private final Duration retryAfter;

	SignInThrottled(String message, Duration retryAfter) {
		super(message);
		this.retryAfter = retryAfter;
	}

	/** How long until the next attempt may be made. */
	public Duration retryAfter() {
		return retryAfter;
	}

}
