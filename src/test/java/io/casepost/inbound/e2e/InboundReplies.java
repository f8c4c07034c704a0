package io.casepost.inbound.e2e;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.casepost.Mailboxes;
import io.casepost.TestApi;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drives the inbound side as the outside world does: replies go in over SMTP, the batch
 * runs through the API, and what came of each reply is read back from the API and the
 * catch-all's mailbox.
 */
final class InboundReplies {

	static final String CATCH_ALL = "catch-all@agency.example";

	/** The update the templates answer, as they quote it. */
	static final String UPDATE_TEXT = """
			The stock count at the Leeds warehouse is done: 212 units are missing.

			Could you send the delivery notes for February?
			Who had keys to the loading bay after 6 pm?""";

	private final TestApi admin;

	private final Mailboxes mailboxes;

	private final SmtpSubmission smtp;

	InboundReplies(TestApi admin, Mailboxes mailboxes, SmtpSubmission smtp) {
		this.admin = admin;
		this.mailboxes = mailboxes;
		this.smtp = smtp;
	}

	UpdateThread startThread(String updateText) {
		repliesEnabled(true);
		return UpdateThread.start(admin, mailboxes, updateText);
	}

	void repliesEnabled(boolean enabled) {
		admin
			.put("/api/settings/general-case",
					Map.of("emailUpdateRepliesEnabled", enabled, "inboundCatchAllAddress", CATCH_ALL))
			.ok(200);
	}

	/**
	 * Sends the template in reply to the update email {@code received}; answers the
	 * Message-ID it was sent with.
	 */
	String send(ReplyTemplate template, UpdateThread.Received received) {
		var messageId = ReplyTemplate.newMessageId(template.name());
		send(template.fill(received, messageId), received);
		return messageId;
	}

	void send(byte[] message, UpdateThread.Received received) {
		smtp.send(received.address(), received.replyAddress(), message);
	}

	Map<String, Object> runBatch() {
		return admin.post("/api/inbound/batches", Map.of()).ok(200).json();
	}

	/**
	 * What the inbound log and the case show now, read once so that many replies can be
	 * checked against it.
	 */
	Outcomes outcomes(long caseId) {
		return new Outcomes(admin.get("/api/inbound/messages").ok(200).jsonList(), updates(caseId));
	}

	List<Map<String, Object>> updates(long caseId) {
		return admin.get("/api/cases/" + caseId + "/updates").ok(200).jsonList();
	}

	record Outcomes(List<Map<String, Object>> inboundLog, List<Map<String, Object>> updates) {

		/**
		 * The inbound log's entries of a message, oldest first (a message delivered twice
		 * has two).
		 */
		List<Map<String, Object>> logged(String messageId) {
			var bare = messageId.replaceAll("^<|>$", "");
			return inboundLog.stream()
				.filter(message -> bare.equals(message.get("messageId")))
				.sorted((a, b) -> Long.compare(id(a, "id"), id(b, "id")))
				.toList();
		}

		Map<String, Object> update(long updateId) {
			return updates.stream()
				.filter(update -> id(update, "id") == updateId)
				.findFirst()
				.orElseThrow(() -> new AssertionError("The case has no update " + updateId));
		}

		void assertOutcome(ReplyTemplate template, String messageId) {
			var expected = template.expected();
			var logged = logged(messageId);
			assertThat(logged).as("inbound log entries of %s", template.name()).hasSize(1);
			var message = logged.get(0);
			assertThat(message.get("disposition"))
				.as("disposition of %s (reason: %s)", template.name(), message.get("reason"))
				.isEqualTo(expected.disposition());
			if (expected.reason() != null) {
				assertThat((String) message.get("reason")).as("reason").contains(expected.reason());
			}
			if (!"POSTED".equals(expected.disposition())) {
				assertThat(message.get("updateId")).as("update of a message that was not posted").isNull();
				return;
			}
			var update = update(id(message, "updateId"));
			assertThat(update.get("body")).as("posted text of %s", template.name()).isEqualTo(expected.text());
			assertThat(update.get("source")).isEqualTo("EMAIL");
			assertThat(fileNames(update)).as("attachments of %s", template.name()).isEqualTo(expected.attachments());
			if (expected.note() != null) {
				assertThat((String) update.get("note")).as("note of %s", template.name()).contains(expected.note());
			}
			if (expected.forwarded() != null) {
				assertThat((String) update.get("forwarded")).as("forward kept with %s", template.name())
					.startsWith("---------- Forwarded message")
					.contains(expected.forwarded());
			}
			else {
				assertThat(update.get("forwarded")).as("forward kept with %s", template.name()).isNull();
			}
		}
	}

	@SuppressWarnings("unchecked")
	static List<String> fileNames(Map<String, Object> update) {
		return ((List<Map<String, Object>>) update.get("attachments")).stream()
			.map(attachment -> (String) attachment.get("filename"))
			.toList();
	}

	/**
	 * Waits until the catch-all holds a forward of each message and answers the
	 * Message-IDs of all originals forwarded.
	 */
	Set<String> forwardedOriginals(List<String> messageIds) {
		var forwarded = new HashSet<String>();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
			forwarded.clear();
			for (var forward : mailboxes.read(CATCH_ALL)) {
				forwarded.add(originalMessageId(forward));
			}
			return forwarded.containsAll(messageIds);
		});
		return forwarded;
	}

	private static String originalMessageId(MimeMessage forward) throws Exception {
		var parts = (Multipart) forward.getContent();
		for (int i = 0; i < parts.getCount(); i++) {
			var part = parts.getBodyPart(i);
			if (part.isMimeType("message/rfc822")) {
				return ((MimeMessage) part.getContent()).getMessageID();
			}
		}
		throw new MessagingException("A catch-all forward without the original attached: " + forward.getSubject());
	}

	static long id(Map<String, Object> json, String field) {
		return ((Number) json.get(field)).longValue();
	}

}
