package io.casepost.mail;

import java.net.InetAddress;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The mail server of the embedded default: one mailbox per address (login = password =
 * the address), and every address at the inbound domain delivered into the one inbound
 * mailbox, as a real server with a recipient delimiter does.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "casepost.embedded-mail.enabled", havingValue = "true")
class EmbeddedMailServer {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedMailServer.class);

	@Bean(destroyMethod = "stop")
	GreenMail greenMail(MailSettings mail, @Value("${casepost.embedded-mail.bind-address}") String bindAddress,
			@Value("${casepost.embedded-mail.smtp-port}") int smtpPort,
			@Value("${casepost.embedded-mail.imap-port}") int imapPort) throws Exception {
		var server = new GreenMail(
				new ServerSetup[] { new ServerSetup(smtpPort, bindAddress, ServerSetup.PROTOCOL_SMTP),
						new ServerSetup(imapPort, bindAddress, ServerSetup.PROTOCOL_IMAP) })
			.withConfiguration(GreenMailConfiguration.aConfig().withUser(mail.inboundMailbox(), mail.inboundMailbox()));
		server.start();
		var users = server.getUserManager();
		var inbound = users.getUserByEmail(mail.inboundMailbox());
		MessageDeliveryHandler everyoneElse = users.getMessageDeliveryHandler();
		var domain = "@" + mail.inboundDomain();
		users.setMessageDeliveryHandler((message, address) -> address.getEmail().toLowerCase().endsWith(domain)
				? inbound : everyoneElse.handle(message, address));
		log.info("Embedded mail server: SMTP {}:{}, IMAP {}:{}, inbound mailbox {} (login = password = the address)",
				InetAddress.getByName(bindAddress).getHostAddress(), smtpPort, bindAddress, imapPort,
				mail.inboundMailbox());
		return server;
	}

}
