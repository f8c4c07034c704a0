package io.casepost.inbound.e2e;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules that need more than one message or a setting changed, end to end over SMTP
 * and IMAP.
 */
class InboundRulesTest extends EndToEndTest {

	InboundReplies replies;

	UpdateThread thread;

	@BeforeEach
	void startThread() {
		replies = inbound();
		thread = replies.startThread(InboundReplies.UPDATE_TEXT);
	}

	@Test
	void aReplyDeliveredTwiceIsPostedOnceAndTheSecondDeliveryIgnoredAsADuplicate() {
		var template = ReplyTemplate.load("gmail-en-top");
		var identicalBytes = ReplyTemplate.newMessageId("twice");
		var message = template.fill(thread.client(), identicalBytes);
		replies.send(message, thread.client());
		replies.send(message, thread.client());
		var sameMessageId = ReplyTemplate.newMessageId("resent");
		var first = template.fill(thread.client(), sameMessageId);
		replies.send(first, thread.client());
		// a relay that delivers again adds its own trace header: other bytes, the same
		// Message-ID
		replies.send(
				("Received: from relay2.client.example by mx.casepost.local; Thu, 12 Mar 2026 11:09:00 +0000\r\n"
						+ new String(first, StandardCharsets.ISO_8859_1))
					.getBytes(StandardCharsets.ISO_8859_1),
				thread.client());

		replies.runBatch();

		var outcomes = replies.outcomes(thread.caseId());
		for (var messageId : new String[] { identicalBytes, sameMessageId }) {
			var logged = outcomes.logged(messageId);
			// workers decide both deliveries at once: either may be the one posted
			assertThat(logged).extracting(entry -> entry.get("disposition"))
				.containsExactlyInAnyOrder("POSTED", "IGNORED");
			var posted = logged.stream().filter(entry -> "POSTED".equals(entry.get("disposition"))).findFirst().get();
			var ignored = logged.stream().filter(entry -> "IGNORED".equals(entry.get("disposition"))).findFirst().get();
			assertThat((String) ignored.get("reason")).isEqualTo("Duplicate of inbound message #" + posted.get("id"));
		}
		assertThat(outcomes.updates()).filteredOn(update -> "EMAIL".equals(update.get("source")))
			.extracting(update -> update.get("body"))
			.containsExactly(template.expected().text(), template.expected().text());
	}

	@Test
	void aReplyWhileEmailUpdateRepliesAreDisabledGoesToTheCatchAllAndIsNotPosted() {
		var template = ReplyTemplate.load("gmail-en-top");
		replies.repliesEnabled(false);
		String messageId;
		try {
			messageId = replies.send(template, thread.client());
			replies.runBatch();
		}
		finally {
			replies.repliesEnabled(true);
		}

		var logged = replies.outcomes(thread.caseId()).logged(messageId);
		assertThat(logged).hasSize(1);
		assertThat(logged.get(0).get("disposition")).isEqualTo("CATCH_ALL");
		assertThat(logged.get(0).get("reason")).isEqualTo("Email Update Replies are disabled");
		assertThat(replies.updates(thread.caseId())).noneMatch(update -> "EMAIL".equals(update.get("source")));
		assertThat(replies.forwardedOriginals(java.util.List.of(messageId))).contains(messageId);
	}

}
