package io.casepost.mail;

import java.util.Locale;
import java.util.UUID;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param inboundDomain the domain whose addresses take replies (updates+token@domain)
 * @param from the sender of every email the system writes
 */
@ConfigurationProperties("casepost.mail")
public record MailSettings(String inboundDomain, String from) {

	public String inboundMailbox() {
		return "updates@" + inboundDomain;
	}

	/** Whether an address is at the inbound domain: mail to it comes back to Casepost. */
	public boolean isInboundAddress(String address) {
		return address != null
				&& address.toLowerCase(Locale.ROOT).endsWith("@" + inboundDomain.toLowerCase(Locale.ROOT));
	}

	/** The bare address of {@link #from}, lower-cased. */
	public String senderAddress() {
		try {
			return new InternetAddress(from).getAddress().toLowerCase(Locale.ROOT);
		}
		catch (AddressException unparseable) {
			throw new IllegalStateException("casepost.mail.from is not an address: " + from, unparseable);
		}
	}

	/** A new Message-ID for an email we send, in angle brackets: ours by its domain. */
	public String newMessageId() {
		return "<" + UUID.randomUUID() + "@" + inboundDomain + ">";
	}

	/** Whether a Message-ID (with or without angle brackets) is one we made. */
	public boolean isOwnMessageId(String messageId) {
		return messageId != null && messageId.toLowerCase(Locale.ROOT)
			.replaceAll("^<|>$", "")
			.endsWith("@" + inboundDomain.toLowerCase(Locale.ROOT));
	}

	public String replyAddress(String token) {
		return "updates+" + token + "@" + inboundDomain;
	}
}
