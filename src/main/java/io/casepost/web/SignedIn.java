package io.casepost.web;

import io.casepost.cases.CaseFile;
import io.casepost.cases.People;
import io.casepost.cases.Person;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/** The person behind the current request, and what they may see. */
@Component
class SignedIn {

	private final People people;

	SignedIn(People people) {
		this.people = people;
	}

	/**
	 * Read once per request: the session check (StaleSessionFilter) leaves the person it
	 * read with the request.
	 */
	Person person() {
		var attributes = RequestContextHolder.getRequestAttributes();
		if (attributes != null && attributes.getAttribute(StaleSessionFilter.PERSON,
				RequestAttributes.SCOPE_REQUEST) instanceof Person read) {
			return read;
		}
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
