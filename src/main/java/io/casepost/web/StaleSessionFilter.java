package io.casepost.web;

import java.io.IOException;

import io.casepost.cases.People;
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
 * indexed read of the person per request.
 */
class StaleSessionFilter extends OncePerRequestFilter {

	private final People people;

	StaleSessionFilter(People people) {
		this.people = people;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && !(authentication instanceof AnonymousAuthenticationToken)
				&& !stillHolds(authentication)) {
			var session = request.getSession(false);
			if (session != null) {
				session.invalidate();
			}
			SecurityContextHolder.clearContext();
		}
		chain.doFilter(request, response);
	}

	private boolean stillHolds(Authentication authentication) {
		return people.findByEmail(authentication.getName())
			.filter(person -> person.active() && authentication.getAuthorities()
				.stream()
				.anyMatch(authority -> authority.getAuthority().equals("ROLE_" + person.role().name())))
			.isPresent();
	}

}
