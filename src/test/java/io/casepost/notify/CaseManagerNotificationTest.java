package io.casepost.notify;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.casepost.CasepostTest;
import io.casepost.LinkVisitor;
import io.casepost.Mailboxes;
import io.casepost.ReceivedEmail;
import io.casepost.TestApi;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@CasepostTest
class CaseManagerNotificationTest {

	@LocalServerPort
	int port;

	@Value("${casepost.embedded-mail.imap-port}")
	int imapPort;

	@Autowired
	JdbcClient jdbc;

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
	void theNotificationLinksToTheUpdateOnTheCasePageAndToItsFiles() throws Exception {
		var admin = TestApi.asAdmin(port);
		admin.put("/api/settings/general-case", Map.of("notifyCaseManagerOnNewUpdate", true)).ok(200);
		var caseFile = admin.openCase();
		var photoNotes = "Dock 4, north wall: water damage.\n".getBytes(StandardCharsets.UTF_8);
		var update = admin.as(caseFile.investigatorEmail(), "pw-" + caseFile.investigatorEmail())
			.postWithFiles(caseFile.updatesPath(), Map.of("body", "Photographed the loading dock."),
					Map.of("dock-notes.txt", photoNotes))
			.ok(201)
			.json();

		var notification = ReceivedEmail.of(new Mailboxes(imapPort).await(caseFile.managerEmail(), 1).get(0));

		assertThat(notification.caseLink())
			.isEqualTo("http://localhost:%d/cases/%d#update-%s".formatted(port, caseFile.id(), update.get("id")));
		assertThat(notification.fileLines()).containsExactly("dock-notes.txt (34 bytes)");
		var manager = LinkVisitor.signedIn(port, caseFile.managerEmail());
		var casePage = manager.open(notification.caseLink());
		assertThat(LinkVisitor.page(casePage).select("#update-" + update.get("id")).text())
			.contains("Photographed the loading dock.");
		assertThat(manager.open(notification.fileLink("dock-notes.txt")).body()).isEqualTo(photoNotes);
	}

	@Test
	void theCaseManagerIsNotToldWhenTheSettingIsOff() {
		var admin = TestApi.asAdmin(port);
		admin.put("/api/settings/general-case", Map.of("notifyCaseManagerOnNewUpdate", false)).ok(200);
		try {
			var caseFile = admin.openCase();
			var update = admin.as(caseFile.investigatorEmail(), "pw-" + caseFile.investigatorEmail())
				.post(caseFile.updatesPath(),
						Map.of("body", "Quiet update", "recipientEmails", java.util.List.of(caseFile.clientEmail())))
				.ok(201)
				.json();

			awaitNotifierDoneWith(update);
			assertThat(new Mailboxes(imapPort).read(caseFile.managerEmail())).isEmpty();
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
		var update = admin.as(caseFile.managerEmail(), "pw-" + caseFile.managerEmail())
			.post(caseFile.updatesPath(),
					Map.of("body", "My own note", "recipientEmails", java.util.List.of(caseFile.clientEmail())))
			.ok(201)
			.json();

		awaitNotifierDoneWith(update);
		assertThat(new Mailboxes(imapPort).read(caseFile.managerEmail())).isEmpty();
	}

	/**
	 * Waits until the notifier has handled the update's event: its publication, stored
	 * with the posting, is completed (and so deleted) only once the notifier returned.
	 */
	private void awaitNotifierDoneWith(Map<String, Object> update) {
		var event = "%\"updateId\":" + update.get("id") + ",%";
		await().atMost(Duration.ofSeconds(20))
			.until(() -> jdbc
				.sql("""
						select count(*) from event_publication
						where listener_id like '%CaseManagerNotifier%' and serialized_event like ? and completion_date is null""")
				.param(event)
				.query(Integer.class)
				.single() == 0);
	}

}
