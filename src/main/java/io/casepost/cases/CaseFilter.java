package io.casepost.cases;

/**
 * Which cases a list shows: any of the fields may be null (no condition); text matches
 * the number or the title, ignoring case.
 */
public record CaseFilter(CaseStatus status, String caseManagerEmail, String text) {

	public static final CaseFilter ALL = new CaseFilter(null, null, null);

	public CaseFilter {
		caseManagerEmail = blankAsNull(caseManagerEmail);
		text = blankAsNull(text);
	}

	private static String blankAsNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
