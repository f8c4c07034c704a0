package io.casepost.mail;

import java.util.Properties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * The SMTP sender when mail logs in with OAuth2: Spring's, configured from the usual
 * {@code spring.mail.*} properties, with a session that logs in over SASL XOAUTH2;
 * {@link SmtpConnections} logs each new connection in with an access token from
 * {@link MailLogin}, so that a token that expired between two connections is replaced.
 */
@Component
@ConditionalOnProperty(name = "casepost.mail.auth.mode", havingValue = "oauth2")
// Boot's mail auto-configuration steps back, properties included, once a sender of ours
// exists
@EnableConfigurationProperties(MailProperties.class)
class XOAuth2MailSender extends JavaMailSenderImpl {

	XOAuth2MailSender(MailProperties mail, MailLogin login) {
		setHost(mail.getHost());
		if (mail.getPort() != null) {
			setPort(mail.getPort());
		}
		setUsername(mail.getUsername());
		setProtocol(mail.getProtocol());
		if (mail.getDefaultEncoding() != null) {
			setDefaultEncoding(mail.getDefaultEncoding().name());
		}
		var properties = new Properties();
		properties.putAll(mail.getProperties());
		login.configure(properties, mail.getProtocol());
		setJavaMailProperties(properties);
	}

}
