package io.casepost.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;

import io.casepost.CasepostTest;
import io.casepost.EmailedReplies;
import io.casepost.SentUpdate;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A batch's workers do not wait for the whole mailbox: each fetched chunk is processed as
 * soon as it is stored, while the next ones are still being fetched.
 */
@CasepostTest
@TestPropertySource(properties = "casepost.inbound.imap.chunk-size=1")
class BatchOverlapTest {

	@Autowired
	Environment environment;

	@Autowired
	InboundBatches batches;

	@Autowired
	JdbcClient jdbc;

	@Test
	void repliesArePostedWhileLaterChunksAreStillBeingFetched() throws Exception {
		var replies = EmailedReplies.of(environment);
		var sent = SentUpdate.toClient(replies.admin(), replies.mailboxes());
		var inboundMailbox = environment.getRequiredProperty("casepost.inbound.imap.username");
		var waiting = replies.mailboxes().read(inboundMailbox).size();
		for (var i = 0; i < 20; i++) {
			replies.send(sent.reply("Reply " + i + " of twenty, one chunk each."));
		}
		replies.mailboxes().await(inboundMailbox, waiting + 20);
		var start = OffsetDateTime.now();

		var result = batches.run();

		assertThat(result.fetched()).isEqualTo(20);
		assertThat(result.posted()).isEqualTo(20);
		var firstPosted = jdbc
			.sql("select min(processed_at) from inbound_message where received_at >= ? and disposition = 'POSTED'")
			.param(start)
			.query(OffsetDateTime.class)
			.single();
		var lastStored = jdbc.sql("select max(received_at) from inbound_message where received_at >= ?")
			.param(start)
			.query(OffsetDateTime.class)
			.single();
		assertThat(firstPosted).as("the first reply was posted before the fetch stored the last one")
			.isBefore(lastStored);
	}

}
