package io.casepost;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.InternetAddress;

/**
 * A case update emailed to the case's client through the product, and replies to it as
 * the client's mail program writes them: to the Reply-To address, with In-Reply-To naming
 * the update email.
 */
public record SentUpdate(TestApi.TestCase caseFile, String replyTo, String messageId) {

	public static SentUpdate toClient(TestApi api, Mailboxes mailboxes) throws Exception {
		api.put("/api/settings/general-case",
				Map.of("emailUpdateRepliesEnabled", true, "inboundCatchAllAddress", "catch-all@example.com"))
			.ok(200);
		var caseFile = api.openCase();
		api.as(caseFile.managerEmail(), "pw-" + caseFile.managerEmail())
			.post(caseFile.updatesPath(),
					Map.of("body", "Please confirm the meeting time.", "recipientEmails",
							List.of(caseFile.clientEmail())))
			.ok(201);
		var email = mailboxes.await(caseFile.clientEmail(), 1).get(0);
		return new SentUpdate(caseFile, ((InternetAddress) email.getReplyTo()[0]).getAddress(), email.getMessageID());
	}

	/** The client's reply, raw, with a Message-ID of its own. */
	public byte[] reply(String text) {
		return replyFrom(caseFile.clientEmail(), text);
	}

	public byte[] replyFrom(String sender, String text) {
		return ("""
				From: %s\r
				To: %s\r
				Subject: Re: new update\r
				Message-ID: <%s@client.example>\r
				In-Reply-To: %s\r
				Date: Fri, 27 Nov 2026 10:00:00 +0000\r
				MIME-Version: 1.0\r
				Content-Type: text/plain; charset=UTF-8\r
				\r
				%s\r
				\r
				On Fri, 27 Nov 2026 at 09:00, Case Manager <manager@agency.example> wrote:\r
				> Please confirm the meeting time.\r
				""").formatted(sender, replyTo, UUID.randomUUID(), messageId, text).getBytes(StandardCharsets.UTF_8);
	}

	/** The bodies of the case's updates that came in by email, oldest first. */
	public List<String> emailedUpdates(TestApi api) {
		return api.get(caseFile.updatesPath())
			.ok(200)
			.jsonList()
			.stream()
			.filter(update -> "EMAIL".equals(update.get("source")))
			.map(update -> (String) update.get("body"))
			.toList();
	}
}
