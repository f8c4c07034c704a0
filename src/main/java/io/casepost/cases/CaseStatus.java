package io.casepost.cases;

public enum CaseStatus {

	OPEN, CLOSED

}
