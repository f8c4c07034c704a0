package io.casepost.web;

import io.casepost.cases.CaseFile;
import io.casepost.cases.NotFound;
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

	/**
	 * The case, if the person may see it; otherwise it is not found, as a case that does
	 * not exist, so that an answer never shows which cases there are.
	 */
	CaseFile mayView(CaseFile caseFile) {
		if (!canSee(caseFile)) {
			throw new NotFound("No case with id " + caseFile.id());
		}
		return caseFile;
	}

	boolean canSee(CaseFile caseFile) {
		return caseFile.isVisibleTo(person());
	}

}
