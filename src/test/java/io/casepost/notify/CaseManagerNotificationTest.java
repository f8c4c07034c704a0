package io.casepost.notify;

import java.time.Duration;
import java.util.Map;

import io.casepost.CasepostTest;
import io.casepost.Mailboxes;
import io.casepost.TestApi;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@CasepostTest
class CaseManagerNotificationTest {

	@LocalServerPort
	int port;

	@Value("${casepost.embedded-mail.imap-port}")
	int imapPort;

	@Test
	void theCaseManagerIsToldOfAnUpdateSomeoneElsePosted() throws Exception {
		var admin = TestApi.asAdmin(port);
		admin.put("/api/settings/general-case", Map.of("notifyCaseManagerOnNewUpdate", true)).ok(200);
		var caseFile = admin.openCase();

		admin.as(caseFile.investigatorEmail(), "pw-" + caseFile.investigatorEmail())
			.post(caseFile.updatesPath(), Map.of("body", "Interviewed the night guard."))
			.ok(201);

		var notification = new Mailboxes(imapPort).await(caseFile.managerEmail(), 1).get(0);
		assertThat(notification.getSubject()).contains(caseFile.number()).contains("New update");
		assertThat(notification.getHeader("Auto-Submitted")).containsExactly("auto-generated");
	}

	@Test
	void theCaseManagerIsNotToldWhenTheSettingIsOff() {
		var admin = TestApi.asAdmin(port);
		admin.put("/api/settings/general-case", Map.of("notifyCaseManagerOnNewUpdate", false)).ok(200);
		try {
			var caseFile = admin.openCase();
			admin.as(caseFile.investigatorEmail(), "pw-" + caseFile.investigatorEmail())
				.post(caseFile.updatesPath(),
						Map.of("body", "Quiet update", "recipientEmails", java.util.List.of(caseFile.clientEmail())))
				.ok(201);
			var mailboxes = new Mailboxes(imapPort);

			// the client's copy arrives after the moment a notification would have been
			// sent
			mailboxes.await(caseFile.clientEmail(), 1);
			await().during(Duration.ofSeconds(2))
				.atMost(Duration.ofSeconds(3))
				.until(() -> mailboxes.read(caseFile.managerEmail()).isEmpty());
		}
		finally {
			admin.put("/api/settings/general-case", Map.of("notifyCaseManagerOnNewUpdate", true)).ok(200);
		}
	}

	@Test
	void theCaseManagerIsNotToldOfTheirOwnUpdate() {
		var admin = TestApi.asAdmin(port);
		admin.put("/api/settings/general-case", Map.of("notifyCaseManagerOnNewUpdate", true)).ok(200);
		var caseFile = admin.openCase();
		admin.as(caseFile.managerEmail(), "pw-" + caseFile.managerEmail())
			.post(caseFile.updatesPath(),
					Map.of("body", "My own note", "recipientEmails", java.util.List.of(caseFile.clientEmail())))
			.ok(201);
		var mailboxes = new Mailboxes(imapPort);

		mailboxes.await(caseFile.clientEmail(), 1);
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(3))
			.until(() -> mailboxes.read(caseFile.managerEmail()).isEmpty());
	}

}
