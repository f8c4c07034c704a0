package io.casepost.inbound.resilience;

import java.util.Map;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.casepost.Mailboxes;
import jakarta.mail.internet.MimeMessage;

/**
 * A mail server that outlives the product processes a test kills: GreenMail in the test's
 * own JVM, with every address at the inbound domain delivered into the one inbound
 * mailbox.
 */
final class StandaloneMailServer implements AutoCloseable {

	static final String DOMAIN = "inbound.casepost.test";

	static final String INBOUND = "updates@" + DOMAIN;

	private final GreenMail greenMail;

	StandaloneMailServer() {
		// port 0: each server binds a free port itself, once
		greenMail = new GreenMail(new ServerSetup[] { new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
				new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP) })
			.withConfiguration(GreenMailConfiguration.aConfig().withUser(INBOUND, INBOUND));
		greenMail.start();
		var users = greenMail.getUserManager();
		var inbound = users.getUserByEmail(INBOUND);
		MessageDeliveryHandler everyoneElse = users.getMessageDeliveryHandler();
		users.setMessageDeliveryHandler((message, address) -> address.getEmail().toLowerCase().endsWith("@" + DOMAIN)
				? inbound : everyoneElse.handle(message, address));
	}

	/**
	 * Straight into the inbound mailbox, as the receiving server would put it after SMTP.
	 */
	void deliver(MimeMessage message) {
		greenMail.getUserManager().getUserByEmail(INBOUND).deliver(message);
	}

	int smtpPort() {
		return greenMail.getSmtp().getPort();
	}

	private int imapPort() {
		return greenMail.getImap().getPort();
	}

	/** People's own mailboxes, where the product's update emails arrive. */
	Mailboxes people() {
		return new Mailboxes(imapPort());
	}

	ServerMailbox inbound() {
		return new ServerMailbox("127.0.0.1", imapPort(), INBOUND, INBOUND);
	}

	/**
	 * What a product process needs to send through this server and read the inbound
	 * mailbox from it.
	 */
	Map<String, String> productProperties() {
		return Map.of("casepost.embedded-mail.enabled", "false", "spring.mail.host", "127.0.0.1", "spring.mail.port",
				String.valueOf(smtpPort()), "casepost.mail.inbound-domain", DOMAIN, "casepost.inbound.imap.host",
				"127.0.0.1", "casepost.inbound.imap.port", String.valueOf(imapPort()), "casepost.inbound.imap.username",
				INBOUND, "casepost.inbound.imap.password", INBOUND);
	}

	@Override
	public void close() {
		greenMail.stop();
	}

}
