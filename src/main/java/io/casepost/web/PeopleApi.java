package io.casepost.web;

import java.util.List;

import io.casepost.accounts.Accounts;
import io.casepost.cases.People;
import io.casepost.cases.Person;
import io.casepost.cases.Role;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/people")
class PeopleApi {

	private final People people;

	private final Accounts accounts;

	private final SignedIn signedIn;

	PeopleApi(People people, Accounts accounts, SignedIn signedIn) {
		this.people = people;
		this.accounts = accounts;
		this.signedIn = signedIn;
	}

	/**
	 * Without a password the person is emailed a link to set one; only an admin may give
	 * a password, which must meet the policy, or add admins and case managers.
	 */
	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize("hasAnyRole('ADMIN', 'CASE_MANAGER')")
	PersonJson add(@RequestBody NewPerson person) {
		return PersonJson
			.of(accounts.enrol(signedIn.person(), person.name(), person.email(), person.role(), person.password()));
	}

	@GetMapping
	@PreAuthorize("hasAnyRole('ADMIN', 'CASE_MANAGER')")
	List<PersonJson> find(@RequestParam(required = false) String email) {
		var found = email == null ? people.all() : people.findByEmail(email).map(List::of).orElse(List.of());
		return found.stream().map(PersonJson::of).toList();
	}

	record NewPerson(String name, String email, Role role, String password) {
	}

	record PersonJson(long id, String name, String email, Role role) {

		static PersonJson of(Person person) {
			return new PersonJson(person.id(), person.name(), person.email(), person.role());
		}
	}

}
