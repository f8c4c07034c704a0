package io.casepost.inbound.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;

import io.casepost.inbound.InboundReception;
import io.casepost.mail.MailSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.TooMuchDataException;
import org.subethamail.smtp.server.SMTPServer;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.stereotype.Component;

/**
 * An SMTP server for agencies that point an MX record at Casepost: it takes mail for
 * addresses at the inbound domain only (any other recipient is refused at RCPT with 550),
 * stores each message in the inbox and only then answers 250, so a message the sender saw
 * accepted is never lost.
 */
@Component
@ConditionalOnProperty(name = "casepost.inbound.smtp.enabled", havingValue = "true")
class SmtpListener implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SmtpListener.class);

	private final SMTPServer server;

	private final InboundReception reception;

	private final MailSettings mail;

	private final long maxBytes;

	SmtpListener(SmtpSettings settings, MailSettings mail, InboundReception reception, SslBundles bundles)
			throws IOException {
		this.reception = reception;
		this.mail = mail;
		this.maxBytes = settings.maxMessageSize().toBytes();
		var builder = SMTPServer.port(settings.port())
			.bindAddress(InetAddress.getByName(settings.bindAddress()))
			.maxMessageSize((int) Math.min(Integer.MAX_VALUE, maxBytes))
			.softwareName("Casepost")
			.messageHandlerFactory(Delivery::new);
		if (settings.offersTls()) {
			builder.enableTLS()
				.requireTLS(settings.requireTls())
				.startTlsSocketFactory(bundles.getBundle(settings.sslBundle()).createSslContext());
		}
		server = builder.build();
		server.start();
		log.info("SMTP listener on {}:{} for *@{}{}", settings.bindAddress(), server.getPortAllocated(),
				mail.inboundDomain(), settings.offersTls() ? ", STARTTLS offered" : "");
	}

	/** The port it listens on (the one the system chose when configured as 0). */
	int port() {
		return server.getPortAllocated();
	}

	@Override
	public void close() {
		server.stop();
	}

	/** One mail transaction. */
	private final class Delivery implements MessageHandler {

		Delivery(MessageContext context) {
		}

		@Override
		public void from(String sender) {
		}

		@Override
		public void recipient(String recipient) throws RejectException {
			if (!mail.isInboundAddress(recipient)) {
				throw new RejectException(550, "5.1.1 <" + recipient + ">: no such mailbox here");
			}
		}

		@Override
		public String data(InputStream data) throws RejectException {
			try {
				reception.receive(new SizeLimited(data, maxBytes), "SMTP");
				return null;
			}
			catch (TooMuchDataException tooBig) {
				drain(data);
				throw new RejectException(552, "5.3.4 Message exceeds the size limit of " + maxBytes + " bytes");
			}
			catch (IOException | RuntimeException notStored) {
				log.error("Could not store a message received over SMTP: {}", notStored.toString());
				drain(data);
				throw new RejectException(451, "4.3.0 Could not store the message; try again later");
			}
		}

		@Override
		public void done() {
		}

		/**
		 * Reads the rest of the message so that the session stays in step with the
		 * client.
		 */
		private static void drain(InputStream data) {
			try {
				data.transferTo(OutputStream.nullOutputStream());
			}
			catch (IOException connectionGone) {
				// the session ends anyway
			}
		}

	}

	/** Stops reading once a message passes the limit. */
	private static final class SizeLimited extends java.io.FilterInputStream {

		private long remaining;

		SizeLimited(InputStream in, long limit) {
			super(in);
			this.remaining = limit;
		}

		@Override
		public int read() throws IOException {
			var b = super.read();
			count(b == -1 ? 0 : 1);
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			var read = super.read(buffer, offset, length);
			count(Math.max(read, 0));
			return read;
		}

		private void count(int read) throws TooMuchDataException {
			remaining -= read;
			if (remaining < 0) {
				throw new TooMuchDataException();
			}
		}

	}

}
