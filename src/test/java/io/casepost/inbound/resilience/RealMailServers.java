package io.casepost.inbound.resilience;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import io.casepost.Prerequisites;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Dovecot IMAP and Postfix SMTP on 127.0.0.1, as {@code .ci/mail-servers.sh} sets them
 * up: one real mailbox, TLS with a self-signed certificate, and every
 * {@code updates+anything@<domain>} delivered into it. Where they are not running the
 * tests that need them skip, saying why; under CI=true they fail.
 */
public record RealMailServers(String domain, String username, String password, String host, int imapPort, int imapsPort,
		int smtpPort, String certificate) {

	static final Path SETTINGS = Path
		.of(System.getProperty("casepost.test.mail-servers", "/var/lib/casepost-mail/test-mail-servers.properties"));

	/**
	 * The running servers, or the test stops here: skipped on a developer's machine,
	 * failed under CI.
	 */
	public static RealMailServers required() {
		var problem = problem();
		Prerequisites.require(problem == null, "Dovecot/Postfix not available (" + problem
				+ "); `sudo bash .ci/mail-servers.sh` installs and starts them");
		return load();
	}

	static boolean available() {
		return problem() == null;
	}

	private static String problem() {
		if (!Files.isReadable(SETTINGS)) {
			return SETTINGS + " missing";
		}
		var servers = load();
		for (var port : new int[] { servers.imapPort, servers.imapsPort, servers.smtpPort }) {
			try (var probe = new Socket(servers.host, port)) {
				// listening
			}
			catch (IOException e) {
				return "nothing listens on " + servers.host + ":" + port;
			}
		}
		return null;
	}

	static RealMailServers load() {
		var properties = new Properties();
		try (InputStream in = Files.newInputStream(SETTINGS)) {
			properties.load(in);
		}
		catch (IOException e) {
			throw new IllegalStateException("Could not read " + SETTINGS, e);
		}
		return new RealMailServers(properties.getProperty("domain"), properties.getProperty("username"),
				properties.getProperty("password"), properties.getProperty("imap.host"),
				Integer.parseInt(properties.getProperty("imap.port")),
				Integer.parseInt(properties.getProperty("imaps.port")),
				Integer.parseInt(properties.getProperty("smtp.port")), properties.getProperty("certificate"));
	}

	/**
	 * The mailbox, read by the test over IMAP (plain on loopback, which Dovecot allows
	 * here).
	 */
	public ServerMailbox mailbox() {
		return new ServerMailbox(host, imapPort, username, password);
	}

	/**
	 * Sends through Postfix to the message's own recipients, as a person's mail provider
	 * would deliver it.
	 */
	public void send(MimeMessage message) {
		var props = new Properties();
		props.put("mail.smtp.host", host);
		props.put("mail.smtp.port", String.valueOf(smtpPort));
		try {
			Transport.send(new MimeMessage(Session.getInstance(props), toStream(message)) {
				@Override
				protected void updateMessageID() {
					// keep the sender's Message-ID
				}
			});
		}
		catch (MessagingException | IOException e) {
			throw new IllegalStateException("Postfix did not take the message", e);
		}
	}

	/**
	 * The product reading the mailbox over STARTTLS, trusting the server's self-signed
	 * certificate.
	 */
	public Map<String, String> productProperties() {
		return Map.of("casepost.mail.inbound-domain", domain, "casepost.inbound.imap.host", host,
				"casepost.inbound.imap.port", String.valueOf(imapPort), "casepost.inbound.imap.security", "starttls",
				"casepost.inbound.imap.trust-certificate", certificate, "casepost.inbound.imap.username", username,
				"casepost.inbound.imap.password", password);
	}

	private static InputStream toStream(MimeMessage message) throws IOException, MessagingException {
		var bytes = new java.io.ByteArrayOutputStream();
		message.writeTo(bytes);
		return new java.io.ByteArrayInputStream(bytes.toByteArray());
	}

}
