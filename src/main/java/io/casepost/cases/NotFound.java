package io.casepost.cases;

/** An id or address that names nothing we have. */
public class NotFound extends RuntimeException {

	public NotFound(String message) {
		super(message);
	}

}
