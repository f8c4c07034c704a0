package io.casepost.cases;

public record Person(long id, String name, String email, Role role) {

	public boolean isAdmin() {
		return role == Role.ADMIN;
	}
}
