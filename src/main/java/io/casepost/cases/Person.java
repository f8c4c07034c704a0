package io.casepost.cases;

/**
 * Someone who signs in, posts or is sent updates.
 *
 * @param active false once an admin deactivated them: their updates stay, but they no
 * longer sign in, post or are sent updates
 */
public record Person(long id, String name, String email, Role role, boolean active) {

	public boolean isAdmin() {
		return role == Role.ADMIN;
	}
}
