package io.casepost.outbound;

public enum DeliveryStatus {

	PENDING, SENT, FAILED

}
