package io.casepost.accounts;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import io.casepost.cases.People;
import io.casepost.cases.Person;
import io.casepost.shared.Sha256;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * One-time links to set a password, emailed to a new person instead of a password typed
 * by someone else. A link works once, for 24 hours, and a newer link voids the older
 * ones. Only the token's SHA-256 is stored, so the table does not open any account.
 */
@Service
public class SetPasswordLinks {

	static final Duration VALIDITY = Duration.ofHours(24);

	private static final SecureRandom RANDOM = new SecureRandom();

	/** A token is 43 characters; anything much longer is not worth hashing. */
	private static final int MAX_TOKEN_LENGTH = 100;

	private final JdbcClient jdbc;

	private final People people;

	private final Passwords passwords;

	private final ApplicationEventPublisher events;

	SetPasswordLinks(JdbcClient jdbc, People people, Passwords passwords, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.people = people;
		this.passwords = passwords;
		this.events = events;
	}

	/** Emails the person a new link once the caller's transaction commits. */
	public void send(Person person) {
		events.publishEvent(new SetPasswordLinkDue(person.id(), UUID.randomUUID().toString()));
	}

	/** The person a link is for, while it still works. */
	public Optional<Person> holder(String token) {
		return linkedPerson(token, "");
	}

	/**
	 * Sets the password and uses the link up; a password the policy refuses leaves the
	 * link as it was.
	 * @throws LinkNotValid when the link is unknown, used, expired, or its person
	 * deactivated
	 */
	@Transactional
	public Person redeem(String token, String password) {
		var person = linkedPerson(token, " for update").orElseThrow(LinkNotValid::new);
		passwords.set(person, password);
		jdbc.sql("update password_link set used_at = ? where token_hash = ?")
			.params(OffsetDateTime.now(), hash(token))
			.update();
		return person;
	}

	/**
	 * A new token for the person, kept only if the email that carries it leaves now; then
	 * their older links stop working. An email that had left before (a request handled
	 * again after a crash) leaves its own link working.
	 * @param sentNow emails the token; false when it was not sent now
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void issue(long personId, Predicate<String> sentNow) {
		var token = newToken(personId);
		if (!sentNow.test(token)) {
			TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
		}
	}

	private String newToken(long personId) {
		var now = OffsetDateTime.now();
		jdbc.sql("update password_link set used_at = ? where person_id = ? and used_at is null")
			.params(now, personId)
			.update();
		var bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		var token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		jdbc.sql("insert into password_link (person_id, token_hash, created_at, expires_at) values (?, ?, ?, ?)")
			.params(personId, hash(token), now, now.plus(VALIDITY))
			.update();
		return token;
	}

	private Optional<Person> linkedPerson(String token, String lock) {
		if (token == null || token.length() > MAX_TOKEN_LENGTH) {
			return Optional.empty();
		}
		return jdbc
			.sql("select person_id from password_link where token_hash = ? and used_at is null and expires_at > ?"
					+ lock)
			.params(hash(token), OffsetDateTime.now())
			.query(Long.class)
			.optional()
			.map(people::get)
			.filter(Person::active);
	}

	private static String hash(String token) {
		var digest = Sha256.newDigest();
		digest.update(token.getBytes(StandardCharsets.UTF_8));
		return Sha256.hex(digest);
	}

}
