package io.casepost.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Who is looking at a page: what the navigation and the page offer them. */
record Viewer(String email, boolean admin, boolean caseManager) {

	static Viewer of(Authentication authentication) {
		var roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
		return new Viewer(authentication.getName(), roles.contains("ROLE_ADMIN"), roles.contains("ROLE_CASE_MANAGER"));
	}

	boolean mayOpenCases() {
		return admin || caseManager;
	}
}
