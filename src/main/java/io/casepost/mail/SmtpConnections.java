package io.casepost.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.Deque;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Sends over SMTP connections kept open between emails: a connection of its own costs
 * every notification of a batch the handshake, EHLO, TLS and the login, and the server a
 * session (both ends together, GreenMail on 127.0.0.1: 5.0 ms of CPU and 46 ms an email,
 * against 2.0 ms and 2.5 ms on a kept connection; {@code SmtpConnectionBenchmark}). A
 * kept connection is asked whether it still stands (NOOP) before it carries an email, and
 * is closed after {@link #IDLE_LIMIT} unused or {@link #EMAILS_PER_CONNECTION} emails,
 * within what relays allow.
 */
@Component
class SmtpConnections implements DisposableBean {

	static final Duration IDLE_LIMIT = Duration.ofSeconds(30);

	static final int EMAILS_PER_CONNECTION = 100;

	/** As many as the threads that send at once. */
	private static final int MAX_IDLE = 8;

	private final JavaMailSenderImpl sender;

	private final MailLogin login;

	private final Clock clock;

	private final Deque<Kept> idle = new ArrayDeque<>();

	/**
	 * Set when the application stops: a connection given back then is closed, not kept.
	 */
	private boolean closed;

	/**
	 * The sender's session and server, logging in through {@code login}, on the context's
	 * {@link Clock} where it has one (a test's), else the system's.
	 */
	@Autowired
	SmtpConnections(JavaMailSenderImpl sender, MailLogin login, ObjectProvider<Clock> clock) {
		this(sender, login, clock.getIfAvailable(Clock::systemUTC));
	}

	SmtpConnections(JavaMailSenderImpl sender, MailLogin login, Clock clock) {
		this.sender = sender;
		this.login = login;
		this.clock = clock;
	}

	/** An empty email in the sender's session, for {@link #send}. */
	MimeMessage newMessage() {
		return sender.createMimeMessage();
	}

	/** Sends the email to its recipients; a failure is thrown. */
	void send(MimeMessage message) {
		var recipients = prepare(message);
		var connection = take();
		var sent = false;
		try {
			connection.transport().sendMessage(message, recipients);
			sent = true;
		}
		catch (MessagingException failed) {
			throw new MailSendException("The mail server did not take the email: " + failed.getMessage(), failed);
		}
		finally {
			if (sent) {
				giveBack(new Kept(connection.transport(), connection.emails() + 1, clock.instant()));
			}
			else {
				close(connection.transport());
			}
		}
	}

	@Override
	public void destroy() {
		synchronized (idle) {
			closed = true;
			idle.forEach(kept -> close(kept.transport()));
			idle.clear();
		}
	}

	private Kept take() {
		for (var kept = poll(); kept != null; kept = poll()) {
			// isConnected() asks the server with a NOOP and closes a dead connection
			if (clock.instant().isBefore(kept.idleSince().plus(IDLE_LIMIT)) && kept.transport().isConnected()) {
				return kept;
			}
			close(kept.transport());
		}
		return new Kept(open(), 0, clock.instant());
	}

	private Kept poll() {
		synchronized (idle) {
			return idle.pollFirst();
		}
	}

	private void giveBack(Kept kept) {
		if (kept.emails() < EMAILS_PER_CONNECTION) {
			synchronized (idle) {
				if (!closed && idle.size() < MAX_IDLE) {
					idle.addFirst(kept);
					return;
				}
			}
		}
		close(kept.transport());
	}

	private Transport open() {
		try {
			var transport = sender.getSession().getTransport(protocol());
			var username = sender.getUsername();
			var password = sender.getPassword();
			if ("".equals(username)) {
				// as Spring's sender reads them: empty placeholders mean no login
				username = null;
				password = "".equals(password) ? null : password;
			}
			login.connect(username, password,
					(user, secret) -> transport.connect(sender.getHost(), sender.getPort(), user, secret));
			return transport;
		}
		catch (AuthenticationFailedException refused) {
			throw new MailAuthenticationException(refused);
		}
		catch (MessagingException unreachable) {
			throw new MailSendException("Mail server connection failed: " + unreachable.getMessage(), unreachable);
		}
	}

	private String protocol() {
		if (sender.getProtocol() != null) {
			return sender.getProtocol();
		}
		return sender.getSession().getProperty("mail.transport.protocol") != null
				? sender.getSession().getProperty("mail.transport.protocol") : JavaMailSenderImpl.DEFAULT_PROTOCOL;
	}

	/**
	 * As Spring's sender does: dated, and the Message-ID the writer gave survives
	 * saveChanges.
	 */
	private static Address[] prepare(MimeMessage message) {
		try {
			if (message.getSentDate() == null) {
				message.setSentDate(new Date());
			}
			var messageId = message.getMessageID();
			message.saveChanges();
			if (messageId != null) {
				message.setHeader("Message-ID", messageId);
			}
			var recipients = message.getAllRecipients();
			return recipients == null ? new Address[0] : recipients;
		}
		catch (MessagingException unwritable) {
			throw new MailPreparationException(unwritable);
		}
	}

	private static void close(Transport transport) {
		try {
			transport.close();
		}
		catch (MessagingException alreadyGone) {
			// the connection is dropped either way
		}
	}

	/** A connection with the emails it carried and since when it is unused. */
	private record Kept(Transport transport, int emails, Instant idleSince) {
	}

}
