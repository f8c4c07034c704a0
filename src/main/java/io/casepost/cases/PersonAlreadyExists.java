package io.casepost.cases;

public class PersonAlreadyExists extends RuntimeException {

	public PersonAlreadyExists(String email) {
		super("A person with email " + email + " already exists");
	}

}
