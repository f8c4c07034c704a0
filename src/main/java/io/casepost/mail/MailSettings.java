package io.casepost.mail;

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

	public String replyAddress(String token) {
		return "updates+" + token + "@" + inboundDomain;
	}
}
