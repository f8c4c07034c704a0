package io.casepost.outbound;

public enum DeliveryStatus {

	PENDING, SENT, FAILED,

	/**
	 * The process stopped while handing the email to the mail server: it may have left,
	 * and is not sent again.
	 */
	UNCERTAIN

}
