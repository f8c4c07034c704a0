package io.casepost.inbound;

/** What became of an inbound message. */
public enum Disposition {

	PENDING, POSTED, CATCH_ALL, IGNORED, REJECTED, FAILED

}
