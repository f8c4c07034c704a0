package io.casepost.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.casepost.CasepostTest;
import io.casepost.EmailedReplies;
import io.casepost.EmailedReplies.File;
import io.casepost.TestApi;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@CasepostTest
class EmailEvidenceTest {

	static final byte[] PDF = """
			%PDF-1.4
			1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
			trailer << /Root 1 0 R >>
			%%EOF
			""".getBytes(StandardCharsets.US_ASCII);

	@LocalServerPort
	int port;

	@Value("${casepost.embedded-mail.smtp-port}")
	int smtpPort;

	@Value("${casepost.embedded-mail.imap-port}")
	int imapPort;

	@Test
	void anEmailedUpdateShowsTheReceivingServersVerdictsAndTheHashesOfTheOriginalAndEachFile() {
		var admin = TestApi.asAdmin(port);
		var caseFile = admin.openCase();
		var replies = new EmailedReplies(admin, smtpPort, imapPort);
		var updateEmail = replies.updateToClient(caseFile, "Please send the signed statement.");

		replies.reply(caseFile.clientEmail(), updateEmail, "Signed statement attached.", List.of(
				"Authentication-Results: mx.agency.example; spf=pass smtp.mailfrom=client.example;"
						+ " dkim=fail (bad signature) header.d=client.example; dmarc=pass header.from=client.example",
				// written by the sender, below the receiving server's own header: not believed
				"Authentication-Results: mx.agency.example; spf=pass; dkim=pass; dmarc=pass"),
				File.attached("statement.pdf", "application/pdf", PDF));
		replies.runBatch();

		var received = replies.lastFrom(caseFile.clientEmail());
		assertThat(received.get("disposition")).isEqualTo("POSTED");
		assertThat(received.get("authentication")).isEqualTo(Map.of("authservId", "mx.agency.example", "spf", "pass",
				"dkim", "fail", "dmarc", "pass"));
		var update = admin.get(caseFile.updatesPath()).ok(200).jsonList().stream()
			.filter(posted -> "EMAIL".equals(posted.get("source"))).findFirst().orElseThrow();
		@SuppressWarnings("unchecked")
		var attachment = ((List<Map<String, Object>>) update.get("attachments")).get(0);

		try (var browser = Browser.open(port).signIn(caseFile.managerEmail(), "pw-" + caseFile.managerEmail())) {
			browser.go("/cases/" + caseFile.id());
			var badge = By.cssSelector("#update-" + update.get("id") + " .evidence");
			assertThat(browser.text(badge))
				.contains("spf=pass dkim=fail dmarc=pass (by mx.agency.example)")
				.contains((String) received.get("sha256"))
				.contains("statement.pdf")
				.contains((String) attachment.get("sha256"));
			assertThat(browser.text(By.cssSelector("#update-" + update.get("id") + " .badge"))).isEqualTo("received by email");
		}
	}
}
