package io.casepost.inbound.source;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The optional SMTP listener.
 *
 * @param sslBundle the name of a Spring SSL bundle ({@code spring.ssl.bundle.*}) holding
 * the certificate offered with STARTTLS; empty offers no STARTTLS
 * @param requireTls refuse mail from a client that did not first start TLS
 */
@ConfigurationProperties("casepost.inbound.smtp")
public record SmtpSettings(boolean enabled, int port, String bindAddress, DataSize maxMessageSize, String sslBundle,
		boolean requireTls) {

	boolean offersTls() {
		return sslBundle != null && !sslBundle.isBlank();
	}
}
