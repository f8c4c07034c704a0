package io.casepost.mail;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Logs in to the IMAP mailbox and the SMTP relay with the configured password, or with an
 * OAuth2 access token over SASL XOAUTH2. The token is kept until shortly before it
 * expires, fetched again when the server turns it down, and never logged.
 */
@Component
public class MailLogin {

	private static final Logger log = LoggerFactory.getLogger(MailLogin.class);

	/**
	 * A token is renewed this long before it expires, or a tenth of its lifetime for
	 * short-lived ones.
	 */
	private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(1);

	private final MailAuthSettings settings;

	private final TokenEndpoint tokens;

	private final Clock clock;

	private TokenEndpoint.AccessToken current;

	/** On the context's {@link Clock} where it has one (a test's), else the system's. */
	@Autowired
	MailLogin(MailAuthSettings settings, ObjectProvider<Clock> clock) throws IOException {
		this(settings, clock.getIfAvailable(Clock::systemUTC));
	}

	MailLogin(MailAuthSettings settings, Clock clock) throws IOException {
		this.settings = settings;
		this.clock = clock;
		this.tokens = settings.oauth2() ? new TokenEndpoint(settings, clock) : null;
	}

	/** Logs in with the passwords given, for a mailbox outside the configured ones. */
	public static MailLogin withPasswords() {
		try {
			return new MailLogin(new MailAuthSettings("password", null, null, null, null, null, null, null, null, null,
					null, null, null), Clock.systemUTC());
		}
		catch (IOException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	/**
	 * Tells Jakarta Mail to log in with XOAUTH2 on {@code protocol} ({@code imap},
	 * {@code imaps}, {@code smtp}) when OAuth2 is on.
	 */
	public void configure(Properties properties, String protocol) {
		if (tokens != null) {
			properties.put("mail." + protocol + ".auth", "true");
			properties.put("mail." + protocol + ".auth.mechanisms", "XOAUTH2");
		}
	}

	/**
	 * Connects as {@code user} with {@code password}, or as the OAuth2 mailbox user with
	 * an access token; a token the server turns down is dropped and the connection tried
	 * once more with a new one.
	 */
	public void connect(String user, String password, Connection connection) throws MessagingException {
		if (tokens == null) {
			connection.open(user, password);
			return;
		}
		var mailbox = settings.user() == null || settings.user().isBlank() ? user : settings.user();
		var token = token();
		try {
			connection.open(mailbox, token);
		}
		catch (AuthenticationFailedException rejected) {
			log.info("The mail server turned down the access token for {}; fetching a new one", mailbox);
			dropToken(token);
			connection.open(mailbox, token());
		}
	}

	private synchronized String token() throws AccessTokenUnavailable {
		var now = clock.instant();
		if (current == null || !now.isBefore(current.expiresAt().minus(renewBefore(current)))) {
			current = tokens.fetch();
			log.debug("New access token from {}, valid until {}", tokens.endpoint(), current.expiresAt());
		}
		return current.value();
	}

	private synchronized void dropToken(String token) {
		if (current != null && current.value().equals(token)) {
			current = null;
		}
	}

	private static Duration renewBefore(TokenEndpoint.AccessToken token) {
		var tenth = token.lifetime().dividedBy(10);
		return tenth.compareTo(RENEW_BEFORE_EXPIRY) < 0 ? tenth : RENEW_BEFORE_EXPIRY;
	}

	/** Opens a mail connection with a user name and a password or token. */
	@FunctionalInterface
	public interface Connection {

		void open(String user, String secret) throws MessagingException;

	}

}
