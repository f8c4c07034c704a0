package io.casepost.inbound.source;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The mailbox the inbound batch reads.
 *
 * @param security {@code none}, {@code starttls} or {@code tls}
 * @param markProcessed {@code move} (to {@code processedFolder}) or {@code flag} (a keyword on the message)
 * @param chunkSize how many messages are fetched, stored and marked at a time
 */
@ConfigurationProperties("casepost.inbound.imap")
public record ImapSettings(String host, int port, String security, String username, String password, String folder,
		String processedFolder, String markProcessed, int chunkSize) {

	boolean moves() {
		return !"flag".equalsIgnoreCase(markProcessed);
	}

	String describe() {
		return username + "@" + host + ":" + port + "/" + folder;
	}
}
