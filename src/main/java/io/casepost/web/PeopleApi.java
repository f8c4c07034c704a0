package io.casepost.web;

import java.util.List;

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

	PeopleApi(People people) {
		this.people = people;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize("hasAnyRole('ADMIN', 'CASE_MANAGER')")
	PersonJson add(@RequestBody NewPerson person) {
		if (person.role() == null) {
			throw new IllegalArgumentException("role is required: one of ADMIN, CASE_MANAGER, INVESTIGATOR, CLIENT");
		}
		return PersonJson.of(people.add(person.name(), person.email(), person.role(), person.password()));
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
