package io.casepost.shared;

/**
 * Input refused before anything is stored, naming the field it came in: a caller can tell
 * which of its values to change. The message starts with the field's name.
 */
public class InvalidInput extends IllegalArgumentException {

	private final String field;

	public InvalidInput(String field, String problem) {
		super(field + " " + problem);
		this.field = field;
	}

	public String field() {
		return field;
	}

	/** The text, or refused as missing or as longer than the column that stores it. */
	public static String required(String field, String text, int maxLength) {
		if (text == null || text.isBlank()) {
			throw new InvalidInput(field, "is required");
		}
		// UTF-16 units, as H2 counts them: never fewer than PostgreSQL's characters
		if (text.length() > maxLength) {
			throw new InvalidInput(field,
					"is %,d characters long; at most %,d are allowed".formatted(text.length(), maxLength));
		}
		return text;
	}

}
