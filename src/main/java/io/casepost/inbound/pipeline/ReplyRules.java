package io.casepost.inbound.pipeline;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a reply from a listed recipient must still satisfy to be posted.
 *
 * @param requireAuthentication post only what the receiving server's
 * Authentication-Results (see {@code casepost.inbound.authserv-id}) shows passing: no
 * SPF, DKIM or DMARC failure, and the header present at all
 * @param replyWindow how long after an update was emailed a reply to it is still taken
 * @param rateLimit how many replies are posted per sender and per case in a window; the
 * rest wait
 */
@ConfigurationProperties("casepost.inbound")
public record ReplyRules(@DefaultValue("false") boolean requireAuthentication,
		@DefaultValue("90d") Duration replyWindow, @DefaultValue RateLimit rateLimit) {

	public record RateLimit(@DefaultValue("20") int perSender, @DefaultValue("50") int perCase,
			@DefaultValue("1h") Duration window) {
	}
}
