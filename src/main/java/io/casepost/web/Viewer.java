package io.casepost.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Who is looking at a page: what the navigation and the page offer them. */
record Viewer(String email, boolean admin, boolean mayOpenCases) {

	static Viewer of(Authentication authentication) {
		var roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
		var admin = roles.contains("ROLE_ADMIN");
		return new Viewer(authentication.getName(), admin, admin || roles.contains("ROLE_CASE_MANAGER"));
	}
}
