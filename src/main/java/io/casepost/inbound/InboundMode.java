package io.casepost.inbound;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * How inbound mail reaches this instance ({@code casepost.inbound.mode}), said once at
 * start and shown on the Inbound Email page: in IDLE mode with the state of the held
 * connection and when mail last arrived over it.
 */
@Component
public class InboundMode {

	private static final Logger log = LoggerFactory.getLogger(InboundMode.class);

	private final String mode;

	private final Duration batchInterval;

	private final boolean smtp;

	private volatile String connection;

	private volatile Instant lastArrival;

	InboundMode(@Value("${casepost.inbound.mode}") String mode,
			@Value("${casepost.inbound.batch-interval}") Duration batchInterval,
			@Value("${casepost.inbound.smtp.enabled}") boolean smtp) {
		this.mode = mode;
		this.batchInterval = batchInterval;
		this.smtp = smtp;
		this.connection = idle() ? "not connected yet" : null;
	}

	/**
	 * @param connection the IDLE connection's state, null outside IDLE mode
	 * @param lastArrival when mail last arrived over that connection, null if none has
	 */
	public record Status(String description, String connection, Instant lastArrival) {
	}

	public Status status() {
		return new Status(describe(), connection, lastArrival);
	}

	@EventListener(ApplicationReadyEvent.class)
	void announce() {
		log.info("Inbound mode: {}", describe());
	}

	void connection(String state) {
		connection = state;
	}

	void arrived() {
		lastArrival = Instant.now();
	}

	private boolean idle() {
		return "idle".equals(mode);
	}

	private String describe() {
		var interval = batchInterval.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
		var described = idle()
				? "IMAP IDLE: new mail is fetched over the open connection as it arrives; the batch runs every "
						+ interval + " as a safety net"
				: "batch: the mailbox is read every " + interval;
		return smtp ? described + "; the SMTP listener takes mail as it is delivered" : described;
	}

}
