package io.casepost.inbound.e2e;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every reply template is sent over SMTP, as its client wrote it, in answer to one update
 * email, and one batch reads them all over IMAP: each must end as its expectation says,
 * with exactly the text the sender wrote and the files they attached.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepliesFromRealClientsTest extends EndToEndTest {

	InboundReplies replies;

	final Map<String, String> messageIds = new HashMap<>();

	InboundReplies.Outcomes outcomes;

	@BeforeAll
	void sendEveryTemplateAndRunOneBatch() {
		replies = inbound();
		var thread = replies.startThread(InboundReplies.UPDATE_TEXT);
		for (var template : templates().toList()) {
			messageIds.put(template.name(), replies.send(template, thread.client()));
		}
		var batch = replies.runBatch();
		assertThat(batch.get("fetched")).isEqualTo(messageIds.size());
		outcomes = replies.outcomes(thread.caseId());
	}

	Stream<ReplyTemplate> templates() {
		return ReplyTemplate.all().stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("templates")
	void endsAsExpected(ReplyTemplate template) {
		outcomes.assertOutcome(template, messageIds.get(template.name()));
	}

	@Test
	void everyMessageThatWasNotPostedOrIgnoredReachedTheCatchAllWithTheOriginalAttached() {
		var notPosted = templates()
			.filter(template -> List.of("CATCH_ALL", "REJECTED").contains(template.expected().disposition()))
			.map(template -> messageIds.get(template.name()))
			.toList();
		assertThat(replies.forwardedOriginals(notPosted)).containsAll(notPosted);
	}

}
