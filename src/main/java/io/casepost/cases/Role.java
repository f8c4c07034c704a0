package io.casepost.cases;

public enum Role {

	ADMIN, CASE_MANAGER, INVESTIGATOR, CLIENT

}
