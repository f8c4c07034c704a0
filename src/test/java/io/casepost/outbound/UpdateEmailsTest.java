package io.casepost.outbound;

import java.util.List;
import java.util.Map;

import io.casepost.CasepostTest;
import io.casepost.Mailboxes;
import io.casepost.TestApi;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@CasepostTest
class UpdateEmailsTest {

	@LocalServerPort
	int port;

	@Value("${casepost.embedded-mail.imap-port}")
	int imapPort;

	@Autowired
	RecipientLog recipientLog;

	TestApi api;

	Mailboxes mailboxes;

	@BeforeEach
	void setUp() {
		api = TestApi.asAdmin(port);
		mailboxes = new Mailboxes(imapPort);
	}

	@Test
	void eachRecipientGetsAnEmailOfItsOwnWithAReplyAddressAtTheInboundDomain() throws Exception {
		api.put("/api/settings/general-case",
				Map.of("emailUpdateRepliesEnabled", true, "inboundCatchAllAddress", "catch-all@example.com"))
			.ok(200);
		var caseFile = api.openCase();
		var update = api.as(caseFile.managerEmail(), "pw-" + caseFile.managerEmail())
			.post(caseFile.updatesPath(),
					Map.of("body", "Site visit done; photos follow.", "recipientEmails",
							List.of(caseFile.clientEmail(), caseFile.investigatorEmail())))
			.ok(201)
			.json();

		var toClient = mailboxes.await(caseFile.clientEmail(), 1).get(0);
		var toInvestigator = mailboxes.await(caseFile.investigatorEmail(), 1).get(0);

		assertThat(toClient.getMessageID()).isNotEqualTo(toInvestigator.getMessageID());
		var clientReplyTo = replyTo(toClient);
		var investigatorReplyTo = replyTo(toInvestigator);
		assertThat(clientReplyTo).matches("updates\\+[a-z2-7]{32}@inbound\\.casepost\\.local");
		assertThat(investigatorReplyTo).matches("updates\\+[a-z2-7]{32}@inbound\\.casepost\\.local");
		assertThat(clientReplyTo).isNotEqualTo(investigatorReplyTo);
		assertThat(toClient.getSubject()).startsWith("[Case " + caseFile.number() + "]").endsWith(": new update");
		assertThat(toClient.getContentType()).startsWith("multipart/");

		var logged = recipientLog.ofUpdate(((Number) update.get("id")).longValue());
		assertThat(logged).extracting(RecipientEntry::address)
			.containsExactlyInAnyOrder(caseFile.clientEmail(), caseFile.investigatorEmail());
		assertThat(logged).extracting(RecipientEntry::messageId)
			.containsExactlyInAnyOrder(toClient.getMessageID(), toInvestigator.getMessageID());
		assertThat(logged).extracting(RecipientEntry::replyTo)
			.containsExactlyInAnyOrder(clientReplyTo, investigatorReplyTo);
		assertThat(logged).allSatisfy(entry -> assertThat(entry.status()).isEqualTo(DeliveryStatus.SENT));
	}

	@Test
	void withRepliesDisabledTheReplyGoesToTheAuthor() throws Exception {
		api.put("/api/settings/general-case", Map.of("emailUpdateRepliesEnabled", false)).ok(200);
		var caseFile = api.openCase();
		api.as(caseFile.managerEmail(), "pw-" + caseFile.managerEmail())
			.post(caseFile.updatesPath(),
					Map.of("body", "No replies by email on this one.", "recipientEmails",
							List.of(caseFile.clientEmail())))
			.ok(201);

		var toClient = mailboxes.await(caseFile.clientEmail(), 1).get(0);

		assertThat(replyTo(toClient)).isEqualTo(caseFile.managerEmail());
	}

	private static String replyTo(MimeMessage message) throws Exception {
		return ((InternetAddress) message.getReplyTo()[0]).getAddress();
	}

}
