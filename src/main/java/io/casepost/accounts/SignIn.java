package io.casepost.accounts;

import io.casepost.cases.People;
import io.casepost.shared.ControlCharacters;
import io.casepost.shared.EmailAddresses;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Signing in with email and password, by the form and by HTTP Basic alike: throttled per
 * account and per client address, then checked against the stored hash. A deactivated
 * person, or one without a password yet, is told what a wrong password is told, so no
 * answer says which accounts exist.
 */
@Component
class SignIn implements AuthenticationProvider {

	private final SignInThrottle throttle;

	private final DaoAuthenticationProvider passwords;

	SignIn(People people, PasswordEncoder encoder, SignInThrottle throttle) {
		this.throttle = throttle;
		this.passwords = new DaoAuthenticationProvider(users(people));
		this.passwords.setPasswordEncoder(encoder);
	}

	@Override
	public Authentication authenticate(Authentication attempt) {
		var email = subject(attempt.getName());
		var address = attempt.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : "unknown";
		var accountHasFailures = throttle.check(email, address);
		try {
			var signedIn = passwords.authenticate(attempt);
			if (accountHasFailures) {
				throttle.succeeded(email);
			}
			return signedIn;
		}
		catch (BadCredentialsException | IllegalArgumentException wrong) {
			// bcrypt refuses a password over 72 bytes: no stored one is that long
			throttle.failed(email, address);
			throw new BadCredentialsException("The email or password is not right");
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	/** Whatever was typed, as one stored address would be: no NUL, no more than fits. */
	private static String subject(String typed) {
		var cleaned = EmailAddresses.normalize(ControlCharacters.strip(typed == null ? "" : typed));
		return cleaned.length() > EmailAddresses.MAX_LENGTH ? cleaned.substring(0, EmailAddresses.MAX_LENGTH) : cleaned;
	}

	private static UserDetailsService users(People people) {
		return email -> people.storedPassword(subject(email))
			.filter(stored -> stored.person().active())
			.map(stored -> User.withUsername(stored.person().email())
				.password(stored.hash())
				.roles(stored.person().role().name())
				.build())
			.orElseThrow(() -> new UsernameNotFoundException(email));
	}

}
