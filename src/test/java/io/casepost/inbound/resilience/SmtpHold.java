package io.casepost.inbound.resilience;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.casepost.LineRelay;
import io.casepost.mail.OutgoingMail;

/**
 * An SMTP relay in front of the mail server that can withhold the server's answer to the
 * end of one email's data: the server has delivered the email, the sender never hears so.
 * A sender killed while it waits is killed between the send and its completion.
 */
final class SmtpHold implements AutoCloseable {

	private final LineRelay relay;

	private volatile String origin;

	private volatile CountDownLatch held = new CountDownLatch(0);

	SmtpHold(int target) throws IOException {
		this.relay = new LineRelay(target, Session::new);
	}

	int port() {
		return relay.port();
	}

	/** Withholds the answer to the next email whose {@code X-Casepost-Origin} is this. */
	void holdNext(String origin) {
		this.held = new CountDownLatch(1);
		this.origin = origin;
	}

	/** Waits until the server has the email held and its answer is withheld. */
	void awaitHeld(Duration timeout) throws InterruptedException {
		if (!held.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new AssertionError("No email of origin " + origin + " was sent within " + timeout);
		}
	}

	@Override
	public void close() throws IOException {
		relay.close();
	}

	/** One SMTP connection: where the client is in its email, and whether to hold. */
	private final class Session implements LineRelay.Connection {

		private boolean inData;

		private boolean inHeaders;

		private volatile boolean holdThis;

		private volatile boolean dataEnded;

		@Override
		public String fromClient(String line) {
			if (!inData) {
				inData = line.equalsIgnoreCase("DATA");
				inHeaders = inData;
			}
			else if (line.equals(".")) {
				inData = false;
				dataEnded = true;
			}
			else if (inHeaders && line.isEmpty()) {
				inHeaders = false;
			}
			else if (inHeaders && origin != null && line.equalsIgnoreCase(OutgoingMail.ORIGIN_HEADER + ": " + origin)) {
				holdThis = true;
				origin = null;
			}
			return line;
		}

		/** Passes the server's lines on, but not its answer to a held email. */
		@Override
		public String fromServer(String line) {
			if (!dataEnded) {
				return line;
			}
			dataEnded = false;
			if (holdThis) {
				held.countDown();
				return null;
			}
			return line;
		}

	}

}
