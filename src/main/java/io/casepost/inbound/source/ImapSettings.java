package io.casepost.inbound.source;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The mailbox the inbound batch reads.
 *
 * @param security {@code none}, {@code starttls} or {@code tls}
 * @param trustCertificate a PEM file of the certificate (or its issuer) to trust for TLS
 * besides the JVM's own trust store, for a server with a self-signed certificate; empty
 * for none
 * @param markProcessed {@code move} (to {@code processedFolder}: MOVE where the server
 * has it, else copy+expunge), {@code copy} (always copy+expunge) or {@code flag} (a
 * keyword on the message)
 * @param chunkSize how many messages are fetched, stored and marked at a time
 */
@ConfigurationProperties("casepost.inbound.imap")
public record ImapSettings(String host, int port, String security, String trustCertificate, String username,
		String password, String folder, String processedFolder, String markProcessed, int chunkSize) {

	boolean flags() {
		return "flag".equalsIgnoreCase(markProcessed);
	}

	boolean alwaysCopies() {
		return "copy".equalsIgnoreCase(markProcessed);
	}

	String describe() {
		return username + "@" + host + ":" + port + "/" + folder;
	}
}
