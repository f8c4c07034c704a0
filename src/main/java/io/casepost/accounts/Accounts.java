package io.casepost.accounts;

import io.casepost.cases.People;
import io.casepost.cases.Person;
import io.casepost.cases.Role;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may add and change people. Admins run the agency's people; a case manager may add
 * investigators and clients. Only an admin makes someone an admin or a case manager, and
 * only an admin types a password for someone else: everyone else gets a link to set their
 * own.
 */
@Service
public class Accounts {

	private final People people;

	private final Passwords passwords;

	private final SetPasswordLinks links;

	private final SignInThrottle throttle;

	Accounts(People people, Passwords passwords, SetPasswordLinks links, SignInThrottle throttle) {
		this.people = people;
		this.passwords = passwords;
		this.links = links;
		this.throttle = throttle;
	}

	/**
	 * A new person, with the password given, or else emailed a link to set one.
	 * @param password null to email the link
	 */
	@Transactional
	public Person enrol(Person actor, String name, String email, Role role, String password) {
		if (!actor.isAdmin()) {
			if (actor.role() != Role.CASE_MANAGER) {
				throw new AccessDeniedException("Only an admin or a case manager adds people");
			}
			if (role == Role.ADMIN || role == Role.CASE_MANAGER) {
				throw new AccessDeniedException("Only an admin adds administrators and case managers");
			}
			if (password != null) {
				throw new AccessDeniedException("Only an admin sets a password for someone else; "
						+ "leave password out and the person is emailed a link to set their own");
			}
		}
		var person = people.add(name, email, role);
		if (password == null) {
			links.send(person);
		}
		else {
			passwords.set(person, password);
		}
		return person;
	}

	@Transactional
	public Person change(Person actor, long id, String name, String email, Role role) {
		mustBeAdmin(actor);
		if (actor.id() == id && role != actor.role()) {
			throw new IllegalArgumentException("role: you cannot change your own role; another admin can");
		}
		return people.change(id, name, email, role);
	}

	@Transactional
	public Person setActive(Person actor, long id, boolean active) {
		mustBeAdmin(actor);
		if (actor.id() == id && !active) {
			throw new IllegalArgumentException("You cannot deactivate yourself; another admin can");
		}
		return people.setActive(id, active);
	}

	/**
	 * A new link for someone who lost theirs, or their password; older links stop
	 * working.
	 */
	@Transactional
	public Person sendSetPasswordLink(Person actor, long id) {
		mustBeAdmin(actor);
		var person = people.get(id);
		if (!person.active()) {
			throw new IllegalArgumentException(person.email() + " is deactivated: reactivate them first");
		}
		links.send(person);
		return person;
	}

	@Transactional
	public void removeAlias(Person actor, long personId, long aliasId) {
		mustBeAdmin(actor);
		people.removeAlias(personId, aliasId);
	}

	/**
	 * Lifts the sign-in lock of an account or a client address and forgets its failures.
	 * @param subject as {@link SignInLock#subject()} names it
	 */
	public void unlockSignIn(Person actor, String subject) {
		mustBeAdmin(actor);
		throttle.unlock(subject);
	}

	private static void mustBeAdmin(Person actor) {
		if (!actor.isAdmin()) {
			throw new AccessDeniedException("Only an admin changes people");
		}
	}

}
