package io.casepost.inbound;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Properties;

import io.casepost.Mailboxes;
import io.casepost.PushSourcesTest;
import io.casepost.SentUpdate;
import io.casepost.TestApi;
import io.casepost.TestEnvironment;
import io.casepost.web.Browser;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * In IDLE mode a reply is posted within seconds of reaching the mailbox, long before the
 * (hourly, here) batch.
 */
@PushSourcesTest
class IdleModeTest {

	@LocalServerPort
	int port;

	@Value("${casepost.embedded-mail.imap-port}")
	int imapPort;

	@Value("${casepost.embedded-mail.smtp-port}")
	int smtpPort;

	@Test
	void aReplyDeliveredToTheInboundMailboxIsPostedWithinSeconds() throws Exception {
		var api = TestApi.asAdmin(port);
		var update = SentUpdate.toClient(api, new Mailboxes(imapPort));
		var props = new Properties();
		props.put("mail.smtp.host", "127.0.0.1");
		props.put("mail.smtp.port", String.valueOf(smtpPort));
		var session = Session.getInstance(props);

		Transport.send(new MimeMessage(session, new ByteArrayInputStream(update.reply("See you at noon."))));

		await().atMost(Duration.ofSeconds(10)).until(() -> update.emailedUpdates(api).contains("See you at noon."));
	}

	@Test
	void theInboundEmailPageShowsTheModeTheConnectionAndTheLastArrival() throws Exception {
		var api = TestApi.asAdmin(port);
		var update = SentUpdate.toClient(api, new Mailboxes(imapPort));
		var props = new Properties();
		props.put("mail.smtp.host", "127.0.0.1");
		props.put("mail.smtp.port", String.valueOf(smtpPort));
		Transport.send(new MimeMessage(Session.getInstance(props),
				new ByteArrayInputStream(update.reply("Shown on the page."))));
		await().atMost(Duration.ofSeconds(10)).until(() -> update.emailedUpdates(api).contains("Shown on the page."));

		var browser = Browser.open(port).signIn(TestEnvironment.ADMIN_EMAIL, TestEnvironment.ADMIN_PASSWORD);
		try {
			browser.go("/inbound");

			assertThat(browser.text(By.id("inboundMode"))).contains("IMAP IDLE");
			assertThat(browser.text(By.id("idleConnection"))).contains("waiting in IDLE");
			assertThat(browser.text(By.id("lastArrival"))).doesNotContain("none yet");
		}
		finally {
			browser.close();
		}
	}

}
