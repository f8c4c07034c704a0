package io.casepost.web;

import java.io.IOException;

import io.casepost.cases.People;
import io.casepost.cases.Person;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session whose person was deactivated, given another address or another role
 * since signing in: a demoted admin is not an admin for the rest of the day. Costs one
 * indexed read of the person per request, which the page then uses (SignedIn) instead of
 * reading it again.
 */
class StaleSessionFilter extends OncePerRequestFilter {

	/** The request attribute that holds the signed-in person as read here. */
	static final String PERSON = StaleSessionFilter.class.getName() + ".person";

	private final People people;

	StaleSessionFilter(People people) {
		this.people = people;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && !(authentication instanceof AnonymousAuthenticationToken)) {
			var person = people.findByEmail(authentication.getName())
				.filter(found -> found.active() && hasRole(authentication, found));
			if (person.isPresent()) {
				request.setAttribute(PERSON, person.get());
			}
			else {
				var session = request.getSession(false);
				if (session != null) {
					session.invalidate();
				}
				SecurityContextHolder.clearContext();
			}
		}
		chain.doFilter(request, response);
	}

	private static boolean hasRole(Authentication authentication, Person person) {
		return authentication.getAuthorities()
			.stream()
			.anyMatch(authority -> authority.getAuthority().equals("ROLE_" + person.role().name()));
	}

}
