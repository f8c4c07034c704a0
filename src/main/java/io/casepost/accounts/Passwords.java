package io.casepost.accounts;

import io.casepost.cases.People;
import io.casepost.cases.Person;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Setting and changing passwords, always through the policy, stored only as a hash. */
@Service
public class Passwords {

	private static final Logger log = LoggerFactory.getLogger(Passwords.class);

	private final People people;

	private final PasswordEncoder encoder;

	private final PasswordPolicy policy;

	Passwords(People people, PasswordEncoder encoder, PasswordPolicy policy) {
		this.people = people;
		this.encoder = encoder;
		this.policy = policy;
	}

	/**
	 * @throws WeakPassword where the policy refuses it
	 */
	@Transactional
	public void set(Person person, String password) {
		policy.check(password, person.email());
		people.storePasswordHash(person.id(), encoder.encode(password));
	}

	/**
	 * The bootstrap administrator's password, which the operator chose when starting the
	 * product (casepost.admin.password): kept even where the policy would refuse it, as
	 * the operator already holds the server, with a warning to change it.
	 */
	@Transactional
	public void setGivenByOperator(Person person, String password) {
		var problems = policy.problems(password, person.email());
		if (!problems.isEmpty()) {
			log.warn("The password given for {} in casepost.admin.password {}: change it after signing in",
					person.email(), String.join("; ", problems));
		}
		people.storePasswordHash(person.id(), encoder.encode(password));
	}

	/**
	 * Anyone's own password, given the one they have.
	 * @throws IllegalArgumentException when the current password is not right
	 * @throws WeakPassword where the policy refuses the new one
	 */
	@Transactional
	public void change(Person person, String currentPassword, String newPassword) {
		if (!matches(person, currentPassword)) {
			throw new IllegalArgumentException("currentPassword is not your current password");
		}
		set(person, newPassword);
	}

	private boolean matches(Person person, String password) {
		var stored = people.storedPassword(person.email());
		if (password == null || stored.isEmpty()) {
			return false;
		}
		try {
			return encoder.matches(password, stored.get().hash());
		}
		catch (IllegalArgumentException tooLongForBcrypt) {
			return false;
		}
	}

}
