package io.casepost.web;

import io.casepost.cases.CaseFile;
import io.casepost.cases.People;
import io.casepost.cases.Person;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The person behind the current request, and what they may see. */
@Component
class SignedIn {

	private final People people;

	SignedIn(People people) {
		this.people = people;
	}

	Person person() {
		var name = SecurityContextHolder.getContext().getAuthentication().getName();
		return people.findByEmail(name).orElseThrow(() -> new AccessDeniedException("Unknown user " + name));
	}

	CaseFile mayView(CaseFile caseFile) {
		if (!caseFile.isVisibleTo(person())) {
			throw new AccessDeniedException("You are not on case " + caseFile.number());
		}
		return caseFile;
	}

}
