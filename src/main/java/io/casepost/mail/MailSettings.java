package io.casepost.mail;

import java.util.Locale;

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

	public String replyAddress(String token) {
		return "updates+" + token + "@" + inboundDomain;
	}
}
