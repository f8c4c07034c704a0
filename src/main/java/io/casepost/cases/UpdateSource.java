package io.casepost.cases;

public enum UpdateSource {

	WEB, API, EMAIL

}
