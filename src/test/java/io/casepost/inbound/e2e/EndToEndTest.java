package io.casepost.inbound.e2e;

import io.casepost.Mailboxes;
import io.casepost.TestApi;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every class of the suite reaches the product by: its HTTP port and the embedded
 * mail server's SMTP and IMAP.
 */
@InboundEndToEnd
abstract class EndToEndTest {

	@LocalServerPort
	int port;

	@Value("${casepost.embedded-mail.smtp-port}")
	int smtpPort;

	@Value("${casepost.embedded-mail.imap-port}")
	int imapPort;

	InboundReplies inbound() {
		return new InboundReplies(TestApi.asAdmin(port), mailboxes(), new SmtpSubmission(smtpPort));
	}

	Mailboxes mailboxes() {
		return new Mailboxes(imapPort);
	}

}
