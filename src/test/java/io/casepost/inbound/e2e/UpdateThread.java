package io.casepost.inbound.e2e;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.casepost.Mailboxes;
import io.casepost.TestApi;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * An open case whose manager has emailed an update to the client and the investigator,
 * and the update email each of them received over IMAP: what a reply is written against.
 */
record UpdateThread(long caseId, String caseNumber, long updateId, String managerEmail, Received client,
		Received investigator) {

	/** The update email as one recipient's mail client shows it. */
	record Received(String address, String name, String replyAddress, String messageId, String subject) {

		static Received read(Mailboxes mailboxes, String address, String name) {
			var messages = mailboxes.await(address, 1);
			return of(messages.get(messages.size() - 1), address, name);
		}

		static Received of(MimeMessage email, String address, String name) {
			try {
				return new Received(address, name, ((InternetAddress) email.getReplyTo()[0]).getAddress(),
						email.getMessageID(), email.getSubject());
			}
			catch (MessagingException e) {
				throw new IllegalStateException(e);
			}
		}
	}

	/**
	 * Opens a case of fresh people (unique addresses, so classes sharing the context
	 * never meet) and sends the update.
	 */
	static UpdateThread start(TestApi admin, Mailboxes mailboxes, String text) {
		var suffix = UUID.randomUUID().toString().substring(0, 8);
		var manager = person(admin, "Dana Reyes", "dana.reyes-" + suffix + "@agency.example", "CASE_MANAGER");
		var investigator = person(admin, "Ivan Petrov", "ivan.petrov-" + suffix + "@agency.example", "INVESTIGATOR");
		var client = person(admin, "Chris Client", "chris-" + suffix + "@client.example", "CLIENT");
		var caseFile = admin
			.post("/api/cases", Map.of("title", "Warehouse stock loss claim", "caseManagerEmail", manager))
			.ok(201)
			.json();
		var caseId = ((Number) caseFile.get("id")).longValue();
		admin.post("/api/cases/" + caseId + "/participants", Map.of("email", investigator)).ok(200);
		admin.post("/api/cases/" + caseId + "/participants", Map.of("email", client)).ok(200);
		var update = admin.as(manager, "pw-" + manager)
			.post("/api/cases/" + caseId + "/updates",
					Map.of("body", text, "recipientEmails", List.of(client, investigator)))
			.ok(201)
			.json();
		return new UpdateThread(caseId, (String) caseFile.get("number"), ((Number) update.get("id")).longValue(),
				manager, Received.read(mailboxes, client, "Chris Client"),
				Received.read(mailboxes, investigator, "Ivan Petrov"));
	}

	static String person(TestApi admin, String name, String email, String role) {
		admin.post("/api/people", Map.of("name", name, "email", email, "role", role, "password", "pw-" + email))
			.ok(201);
		return email;
	}
}
